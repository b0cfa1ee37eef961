/**
 * The Evaluate page's state: which dataset runs (the shipped one or a user's file), a run in the
 * evaluation worker with progress and cancel, and the persisted run history with one run
 * selected and an optional second run to compare it with.
 */
import { AppError, toAppError } from '../../core/errors.ts';
import { parseDatasetText } from '../../core/eval/dataset.ts';
import { compareRuns, EvalHistory, type RunComparison, type RunSummary, type SavedRun } from '../../core/eval/history.ts';
import type { EvalCase, EvalProgress } from '../../core/eval/types.ts';
import type { EvalEngineWorker } from '../../../workers/eval.ts';
import { describeError } from '../errors.ts';
import { oldestFirst, scopedStore } from '../components/eval/eval-model.ts';
import { storageReady } from '../storage/migrate.ts';
import { KEYS, kvStore } from '../storage/persistence.ts';
import { onRemoteChange } from '../storage/tabs.ts';
import { MAX_IMPORT_BYTES, workspace } from './workspace.svelte.ts';
import shippedDatasetUrl from '../../../data/eval/test_dataset.json?url';

export const SHIPPED_DATASET_NAME = 'test_dataset.json';

export interface Dataset {
  name: string;
  cases: EvalCase[];
  /** True for the dataset that ships with the app. */
  shipped: boolean;
}

/** Saved runs live under KEYS.evalRuns (history.ts adds its own `eval-run:` prefix below it). */
export const evalRunStore = () => scopedStore(kvStore('eval'), `${KEYS.evalRuns}/`);

/** A bad-dataset message plus which entry of the file "case N" means (the index counts from 0). */
function describeDatasetError(err: unknown): string {
  const e = toAppError(err);
  const index = e.details?.case;
  const where = typeof index === 'number' ? ` (case numbers count from 0: case ${index} is entry ${index + 1} of the file)` : '';
  return `${describeError(e)}${where}`;
}

export class EvaluateState {
  dataset = $state.raw<Dataset | null>(null);
  datasetError = $state<string | null>(null);
  running = $state(false);
  cancelling = $state(false);
  progress = $state.raw<EvalProgress | null>(null);
  error = $state<string | null>(null);
  message = $state<string | null>(null);
  runs = $state.raw<RunSummary[]>([]);
  /** The run whose results are shown. */
  selected = $state.raw<SavedRun | null>(null);
  /** A second run shown side by side with `selected`. */
  compareWith = $state.raw<SavedRun | null>(null);
  /** Older run as "a", newer as "b", so deltas read newer minus older. */
  readonly comparison = $derived.by((): { a: SavedRun; b: SavedRun; result: RunComparison } | null => {
    if (!this.selected || !this.compareWith || this.selected.id === this.compareWith.id) return null;
    const [a, b] = oldestFirst(this.selected, this.compareWith);
    return { a, b, result: compareRuns(a.report, b.report) };
  });

  readonly #history: EvalHistory;
  #engine: Promise<EvalEngineWorker> | null = null;
  #loading: Promise<void> | null = null;

  constructor(history = new EvalHistory(evalRunStore())) {
    this.#history = history;
  }

  /** Loads the shipped dataset and the history once; shows the newest saved run. */
  load(): Promise<void> {
    this.#loading ??= Promise.all([this.#loadShipped().catch(() => undefined), storageReady().then(() => this.refreshRuns())]).then(async () => {
      if (!this.selected && this.runs[0]) await this.select(this.runs[0].id);
      // Runs saved or deleted in another tab show up here too.
      onRemoteChange(() => void this.refreshRuns(), ['eval', 'workspace']);
    });
    return this.#loading;
  }

  async refreshRuns(): Promise<void> {
    try {
      this.runs = await this.#history.list();
    } catch (err) {
      this.error = describeError(err);
    }
  }

  async #loadShipped(): Promise<Dataset> {
    if (this.dataset) return this.dataset;
    try {
      const res = await fetch(shippedDatasetUrl);
      if (!res.ok) throw new AppError('internal', `The shipped dataset could not be loaded (${res.status}).`);
      const dataset: Dataset = { name: SHIPPED_DATASET_NAME, cases: parseDatasetText(await res.text()), shipped: true };
      this.dataset ??= dataset;
      return this.dataset;
    } catch (err) {
      this.datasetError = describeDatasetError(err);
      throw err;
    }
  }

  /** Validates a user's dataset file and uses it for the next runs; a bad file changes nothing. */
  async useFile(file: File): Promise<void> {
    this.datasetError = null;
    this.message = null;
    try {
      if (file.size > MAX_IMPORT_BYTES) throw new AppError('file-too-large', `"${file.name}" is larger than 50 MB.`);
      const cases = parseDatasetText(await file.text());
      this.dataset = { name: file.name, cases, shipped: false };
    } catch (err) {
      this.datasetError = `${file.name} was not used. ${describeDatasetError(err)}`;
    }
  }

  /** Back to the dataset that ships with the app. */
  async useShipped(): Promise<void> {
    this.datasetError = null;
    this.dataset = null;
    await this.#loadShipped().catch(() => undefined);
  }

  /** Runs the dataset through the co-pilot in the eval worker, saves the report and shows it. */
  async run(): Promise<void> {
    if (this.running) return;
    this.error = null;
    this.message = null;
    if (workspace.status !== 'ready') {
      this.error = 'The workspace is still loading; try again in a moment.';
      return;
    }
    this.running = true;
    this.cancelling = false;
    this.progress = null;
    try {
      const dataset = await this.#loadShipped();
      this.progress = { phase: 'answering', done: 0, total: dataset.cases.length, question: '' };
      const [clientsBytes, playbookSnapshot, engine] = await Promise.all([
        workspace.clients.exportBytes(),
        workspace.playbook.exportSnapshot(),
        this.#getEngine(),
      ]);
      if (this.cancelling) throw new AppError('cancelled', 'Evaluation cancelled.');
      const report = await engine.run(dataset.cases, { clientsBytes, playbookSnapshot }, (p) => {
        this.progress = p;
      });
      const label = dataset.shipped ? undefined : dataset.name;
      const id = await this.#history.save(report, label);
      await this.refreshRuns();
      this.selected = { id, report, ...(label ? { label } : {}) };
      this.compareWith = null;
      this.message = `Evaluated ${report.cases.length} cases: overall ${report.averages.overall.toFixed(2)} (${report.quality}). The run was saved to the history.`;
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'cancelled') this.message = 'The evaluation was cancelled; nothing was saved.';
      else this.error = `The evaluation did not finish. ${describeError(e)}`;
    } finally {
      this.running = false;
      this.cancelling = false;
      this.progress = null;
    }
  }

  /** Stops the running evaluation; `run` then reports the cancellation. */
  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelling = true;
    const engine = this.#engine;
    if (engine) await (await engine).cancel();
  }

  /** Shows a saved run; viewing the run it was compared with swaps the two, keeping the comparison. */
  async select(id: string): Promise<void> {
    this.error = null;
    try {
      const previous = this.selected;
      this.selected = await this.#history.require(id);
      if (this.compareWith?.id === id) this.compareWith = previous;
    } catch (err) {
      this.error = describeError(err);
      await this.refreshRuns();
    }
  }

  /** Picks the run to compare the selected one with; null hides the comparison. */
  async compare(id: string | null): Promise<void> {
    this.error = null;
    if (!id) {
      this.compareWith = null;
      return;
    }
    try {
      this.compareWith = await this.#history.require(id);
    } catch (err) {
      this.error = describeError(err);
      await this.refreshRuns();
    }
  }

  async remove(id: string): Promise<void> {
    this.error = null;
    this.message = null;
    try {
      await this.#history.delete(id);
      await this.refreshRuns();
      if (this.compareWith?.id === id) this.compareWith = null;
      if (this.selected?.id === id) {
        this.selected = null;
        this.compareWith = null;
        if (this.runs[0]) await this.select(this.runs[0].id);
      }
      this.message = 'The run was deleted from the history.';
    } catch (err) {
      this.error = describeError(err);
    }
  }

  /** Stops the worker (e.g. when the app is torn down in tests). */
  dispose(): void {
    const pending = this.#engine;
    this.#engine = null;
    void pending?.then((e) => e.dispose()).catch(() => undefined);
  }

  #getEngine(): Promise<EvalEngineWorker> {
    if (!this.#engine) {
      const starting = import('../../../workers/eval.ts').then((m) => m.createEvalWorker());
      // A worker that failed to start is not cached, so the next attempt retries.
      starting.catch(() => {
        if (this.#engine === starting) this.#engine = null;
      });
      this.#engine = starting;
    }
    return this.#engine;
  }
}

export const evaluate = new EvaluateState();
