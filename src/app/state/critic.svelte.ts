/**
 * The reflection critic in the app: training in the RLHF worker with live per-epoch history, a
 * check of each new version on answers it did not learn from (plus the evaluation questions
 * scored with and without it, in the evaluation worker), saved versions (CriticStore over the one
 * persistence module) that switch on only on evidence or when the rep chooses, reset, and the
 * "use the critic" switch. `scorer()` is the hook the chat passes to reflection.
 */
import { AppError, toAppError } from '../../core/errors.ts';
import type { Critic } from '../../core/agents/reflection.ts';
import { BuiltinEmbedder } from '../../core/playbook/builtin-embedder.ts';
import { checkReadiness, type CriticCheck } from '../../core/rlhf/assessment.ts';
import type { CheckedVersion, CheckRequest } from '../../core/rlhf/check-version.ts';
import type { CriticModel, TrainResult } from '../../core/rlhf/critic.ts';
import { criticFits, criticHook } from '../../core/rlhf/critic-hook.ts';
import { CriticStore, type CriticVersionInfo } from '../../core/rlhf/critic-store.ts';
import type { EpochStats } from '../../core/rlhf/ppo.ts';
import type { FeedbackRecord } from '../../core/rlhf/records.ts';
import type { RlhfTrainer } from '../../core/rlhf/trainer.ts';
import type { EvalEngineWorker } from '../../../workers/eval.ts';
import { describeError } from '../errors.ts';
import {
  checkSettings,
  criticCell,
  critiqueRecords,
  trainingReadiness,
  type CriticCell,
  type RecordVerdict,
  type TrainSettings,
} from '../components/feedback/feedback-model.ts';
import { storageReady } from '../storage/migrate.ts';
import { KEYS, kvStore, read, write } from '../storage/persistence.ts';
import { onRemoteChange } from '../storage/tabs.ts';
import { evaluationInputs, loadExampleRatings } from './critic-inputs.ts';

export type { CriticCell, TrainSettings };
export const DEFAULT_TRAIN_SETTINGS: TrainSettings = { epochs: 3, lr: 1e-5, seed: 42 };

/** What the last finished training produced. */
export interface TrainOutcome {
  version: number;
  /** Switched on by its check (never by itself otherwise). */
  activated: boolean;
  check: CriticCheck;
  valAccuracyBefore: number;
  valAccuracyAfter: number;
  nTrain: number;
  nVal: number;
  /** Why the evaluation questions could not be scored with the new version, if they could not. */
  datasetError?: string;
}

/** Where a training run is: learning, then checking the new version. */
export type TrainingPhase = 'idle' | 'training' | 'checking';

/** Progress of scoring the evaluation questions without, then with, the new version. */
export interface CheckProgress {
  pass: 'without' | 'with';
  done: number;
  total: number;
}

type WorkerTrainer = RlhfTrainer & { terminate(): void };

export class CriticState {
  versions = $state.raw<CriticVersionInfo[]>([]);
  /** The active trained critic; null means the untrained critic (never vetoes). */
  active = $state.raw<CriticModel | null>(null);
  useCritic = $state(true);
  phase = $state<TrainingPhase>('idle');
  readonly training = $derived(this.phase !== 'idle');
  checkProgress = $state.raw<CheckProgress | null>(null);
  /** The shipped example ratings every new version is checked on (unless trained on). */
  reference = $state.raw<FeedbackRecord[]>([]);
  /** Per-epoch statistics of the running (or last) training, for the chart and table. */
  history = $state.raw<EpochStats[]>([]);
  outcome = $state.raw<TrainOutcome | null>(null);
  error = $state<string | null>(null);
  loaded = $state(false);
  /** The active critic's verdicts on the feedback records (by id), tagged with the critic that gave them. */
  verdicts = $state.raw<{ model: CriticModel; byId: ReadonlyMap<string, RecordVerdict> } | null>(null);

  readonly #store = new CriticStore(kvStore('critic'));
  readonly #embedder = new BuiltinEmbedder();
  #trainer: Promise<WorkerTrainer> | null = null;
  #evalEngine: EvalEngineWorker | null = null;
  #cancelled = false;
  #loading: Promise<void> | null = null;
  #hook: { model: CriticModel; critic: Critic | null } | null = null;
  #judgeRequest = 0;

  /** Loads versions, the active critic, the switch and the example ratings once; reloads when another tab changes them. */
  load(): Promise<void> {
    this.#loading ??= Promise.all([storageReady().then(() => this.#refresh()), this.#loadReference()]).then(() => {
      onRemoteChange(() => void this.#refresh(), ['critic', 'workspace']);
    });
    return this.#loading;
  }

  async #refresh(): Promise<void> {
    try {
      const [versions, active, use] = await Promise.all([this.#store.list(), this.#store.loadActive(), read<boolean>(KEYS.useCritic)]);
      this.versions = versions;
      this.active = active ?? null;
      this.useCritic = use ?? true;
    } catch (err) {
      this.error = describeError(err);
    } finally {
      this.loaded = true;
    }
  }

  async #loadReference(): Promise<void> {
    // Without them, new versions are checked on held-back ratings only (readiness says how many).
    this.reference = await loadExampleRatings().catch(() => []);
  }

  /** Runs a critic-store write (one transaction, announced to other tabs), then refreshes. */
  async #write<T>(fn: () => Promise<T>): Promise<T> {
    const result = await fn();
    await this.#refresh();
    return result;
  }

  async setUseCritic(on: boolean): Promise<void> {
    this.error = null;
    try {
      await this.#write(() => write('critic', {}, (_, batch) => batch.set(KEYS.useCritic, on)));
    } catch (err) {
      this.error = describeError(err);
    }
  }

  /**
   * Trains a critic on `records` in the RLHF worker (streaming epochs into `history`); the worker
   * calibrates it and checks it against today's reviewer on answers it did not learn from. Then
   * the evaluation questions are scored without and with it, and it is saved as the next version,
   * switched on only when the check found it better. Refuses too little feedback up front.
   */
  async train(records: readonly FeedbackRecord[], settings: TrainSettings = DEFAULT_TRAIN_SETTINGS): Promise<void> {
    if (this.training) return;
    this.error = null;
    this.outcome = null;
    await this.load();
    const ready = trainingReadiness(records, this.reference);
    if (!ready.ok) {
      this.error = ready.reason;
      return;
    }
    const bad = checkSettings(settings);
    if (bad) {
      this.error = bad;
      return;
    }
    this.phase = 'training';
    this.#cancelled = false;
    this.history = [];
    this.checkProgress = null;
    try {
      const trainer = await this.#getTrainer();
      // Plain copies: records may come from reactive state and must be structured-cloneable.
      const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
      const current = this.inUse && this.active ? plain(this.active) : undefined;
      const result: TrainResult = await trainer.train(plain([...records]), { ...settings, reference: plain(this.reference) }, (s) => {
        this.history = [...this.history, s];
      });
      // The check needs the client book: it runs in the evaluation worker, over the saved workspace.
      this.phase = 'checking';
      const { critic, datasetError } = await this.#check({
        critic: result.critic,
        heldBack: result.held_back,
        fromRatings: result.held_back_from_ratings,
        fromExamples: result.held_back_from_examples,
        needs: checkReadiness(records, this.reference).needs,
        current,
      });
      if (!critic.check) throw new AppError('internal', 'The new version was not checked.');
      const { critic: saved, activated } = await this.#write(() => this.#store.save(critic));
      this.outcome = {
        version: saved.version,
        activated,
        check: critic.check,
        valAccuracyBefore: result.val_accuracy_before,
        valAccuracyAfter: result.val_accuracy_after,
        nTrain: saved.training?.n_train ?? 0,
        nVal: saved.training?.n_val ?? 0,
        ...(datasetError ? { datasetError } : {}),
      };
    } catch (err) {
      const e = toAppError(err);
      this.error = e.code === 'cancelled' ? 'Training was cancelled; no new version was saved.' : describeError(e);
    } finally {
      this.phase = 'idle';
      this.checkProgress = null;
      this.#evalEngine?.dispose();
      this.#evalEngine = null;
    }
  }

  /** Checks the new version in the evaluation worker (held-back ratings, then the evaluation questions). */
  async #check(request: CheckRequest): Promise<CheckedVersion> {
    const { cases, options, engine } = await evaluationInputs();
    this.#evalEngine = engine;
    if (this.#cancelled) throw new AppError('cancelled', 'Training was cancelled.');
    this.checkProgress = { pass: 'without', done: 0, total: cases.length };
    return engine.checkCritic(request, cases, options, (p) => {
      this.checkProgress = { pass: p.pass, done: p.done, total: p.total };
    });
  }

  /** Stops the running training or check; `train` then reports the cancellation. */
  async cancel(): Promise<void> {
    if (!this.training) return;
    this.#cancelled = true;
    if (this.phase === 'checking') {
      await this.#evalEngine?.cancel();
      return;
    }
    if (!this.#trainer) return;
    const trainer = await this.#trainer;
    await trainer.cancel();
  }

  async activate(version: number): Promise<void> {
    this.error = null;
    try {
      await this.#write(() => this.#store.activate(version));
    } catch (err) {
      this.error = describeError(err);
    }
  }

  /** Back to no trained critic; saved versions stay listed. */
  async reset(): Promise<void> {
    this.error = null;
    try {
      await this.#write(() => this.#store.reset());
    } catch (err) {
      this.error = describeError(err);
    }
  }

  /**
   * The reflection hook (`Critic` from core/agents/reflection.ts): null when the switch is off,
   * no trained critic is active, or the critic was trained on another embedder's features.
   */
  async scorer(): Promise<Critic | null> {
    await this.load();
    const model = this.active;
    if (!this.useCritic || !model) return null;
    if (this.#hook?.model !== model) this.#hook = { model, critic: criticHook(model, this.#embedder) };
    return this.#hook.critic;
  }

  /** True when reflection uses a trained critic: one is active, the switch is on and it fits the built-in embedder. */
  get inUse(): boolean {
    return this.useCritic && this.active !== null && criticFits(this.active, this.#embedder);
  }

  /**
   * Recomputes the active critic's verdict on every record, with the same features and embedder
   * as training and reflection. Reads the critic and the switch before its first await, so a
   * `$effect` calling it re-runs after training, activation, reset, the switch and record edits.
   * Results of an older call are dropped.
   */
  async judge(records: readonly FeedbackRecord[]): Promise<void> {
    const model = this.active;
    const inUse = this.inUse;
    const request = ++this.#judgeRequest;
    if (!model || !inUse) {
      this.verdicts = null;
      return;
    }
    try {
      const byId = await critiqueRecords(model, this.#embedder, records);
      if (request === this.#judgeRequest) this.verdicts = { model, byId };
    } catch (err) {
      if (request === this.#judgeRequest) {
        this.verdicts = null;
        this.error = describeError(err);
      }
    }
  }

  /** The Critic column, one cell per record; a verdict from a previous critic shows as pending. */
  cells(records: readonly FeedbackRecord[]): CriticCell[] {
    const inUse = this.inUse;
    const current = this.verdicts && this.verdicts.model === this.active ? this.verdicts.byId : undefined;
    return records.map((r) => criticCell(r, inUse, r.id ? current?.get(r.id) : undefined));
  }

  /** Stops the worker (e.g. when the app is torn down in tests). */
  dispose(): void {
    const pending = this.#trainer;
    this.#trainer = null;
    void pending?.then((t) => t.terminate()).catch(() => undefined);
  }

  #getTrainer(): Promise<WorkerTrainer> {
    if (!this.#trainer) {
      const starting = import('../../../workers/rlhf.ts').then((m) => m.createWorkerTrainer());
      // A worker that failed to start is not cached, so the next attempt retries.
      starting.catch(() => {
        if (this.#trainer === starting) this.#trainer = null;
      });
      this.#trainer = starting;
    }
    return this.#trainer;
  }
}

export const critic = new CriticState();
