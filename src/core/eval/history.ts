/**
 * Persisted evaluation runs over the KeyValueStore (IndexedDB in the app, memory in tests), and
 * the side-by-side comparison of two runs.
 */
import { AppError } from '../errors.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import { METRIC_NAMES, type EvalReport, type MetricName, type Quality } from './types.ts';

const PREFIX = 'eval-run:';

export interface SavedRun {
  id: string;
  /** Optional user label ("after prompt change"). */
  label?: string;
  report: EvalReport;
}

export interface RunSummary {
  id: string;
  label?: string;
  started_at: string;
  provider: string;
  judge: string;
  cases: number;
  overall: number;
  quality: Quality;
}

/** True when a stored value has what the run list shows. */
function isSavedRun(r: unknown): r is SavedRun {
  const run = r as Partial<SavedRun> | undefined;
  const report = run?.report as Partial<EvalReport> | undefined;
  return (
    typeof run?.id === 'string' &&
    typeof report?.started_at === 'string' &&
    Array.isArray(report.cases) &&
    typeof report.averages?.overall === 'number' &&
    typeof report.provider === 'string'
  );
}

/** Save / list / get / delete evaluation runs. */
export class EvalHistory {
  readonly #kv: KeyValueStore;
  readonly #newId: () => string;

  constructor(kv: KeyValueStore, newId: () => string = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`) {
    this.#kv = kv;
    this.#newId = newId;
  }

  /** Stores a report; returns the new run id. */
  async save(report: EvalReport, label?: string): Promise<string> {
    const id = this.#newId();
    const run: SavedRun = { id, report, ...(label ? { label } : {}) };
    await this.#kv.set(PREFIX + id, run);
    return id;
  }

  /** Summaries of every saved run, newest first. */
  async list(): Promise<RunSummary[]> {
    const keys = (await this.#kv.keys()).filter((k) => k.startsWith(PREFIX));
    const runs = await Promise.all(keys.map((k) => this.#kv.get<SavedRun>(k)));
    // A damaged record is left out of the list rather than breaking it.
    return runs
      .filter(isSavedRun)
      .map((r) => ({
        id: r.id,
        label: r.label,
        started_at: r.report.started_at,
        provider: r.report.provider,
        judge: r.report.judge,
        cases: r.report.cases.length,
        overall: r.report.averages.overall,
        quality: r.report.quality,
      }))
      .sort((a, b) => b.started_at.localeCompare(a.started_at));
  }

  async get(id: string): Promise<SavedRun | undefined> {
    return this.#kv.get<SavedRun>(PREFIX + id);
  }

  /** Like get, but a missing run is AppError('storage-corrupt'). */
  async require(id: string): Promise<SavedRun> {
    const run = await this.get(id);
    if (!run) throw new AppError('storage-corrupt', `Evaluation run ${id} was not found.`, { id });
    return run;
  }

  async delete(id: string): Promise<void> {
    await this.#kv.del(PREFIX + id);
  }
}

export interface MetricDelta {
  a: number;
  b: number;
  /** b − a. */
  delta: number;
}

export type CaseChangeStatus = 'improved' | 'regressed' | 'unchanged' | 'added' | 'removed';

export interface CaseChange {
  question: string;
  status: CaseChangeStatus;
  a?: number;
  b?: number;
  delta?: number;
  /** Per-metric b − a, when the case is in both runs. */
  metrics?: Record<MetricName, number>;
  tool_match_a?: boolean;
  tool_match_b?: boolean;
}

export interface RunComparison {
  metrics: Record<MetricName | 'overall' | 'tool_selection_accuracy', MetricDelta>;
  quality: { a: Quality; b: Quality };
  cases: CaseChange[];
}

/** Changes smaller than this are 'unchanged' (float noise, not a real difference). */
export const CHANGE_EPSILON = 0.005;

/** Compares run a (before) with run b (after): per-metric deltas and per-case changes, matched by question. */
export function compareRuns(a: EvalReport, b: EvalReport): RunComparison {
  const d = (x: number, y: number): MetricDelta => ({ a: x, b: y, delta: y - x });
  const metrics = {} as RunComparison['metrics'];
  for (const m of METRIC_NAMES) metrics[m] = d(a.averages[m], b.averages[m]);
  metrics.overall = d(a.averages.overall, b.averages.overall);
  metrics.tool_selection_accuracy = d(a.tool_selection_accuracy, b.tool_selection_accuracy);

  const before = new Map(a.cases.map((c) => [c.question, c]));
  const after = new Map(b.cases.map((c) => [c.question, c]));
  const cases: CaseChange[] = [];
  for (const cb of b.cases) {
    const ca = before.get(cb.question);
    if (!ca) {
      cases.push({ question: cb.question, status: 'added', b: cb.overall, tool_match_b: cb.tool_match });
      continue;
    }
    const delta = cb.overall - ca.overall;
    const perMetric = Object.fromEntries(METRIC_NAMES.map((m) => [m, cb.scores[m] - ca.scores[m]])) as Record<MetricName, number>;
    cases.push({
      question: cb.question,
      status: delta > CHANGE_EPSILON ? 'improved' : delta < -CHANGE_EPSILON ? 'regressed' : 'unchanged',
      a: ca.overall,
      b: cb.overall,
      delta,
      metrics: perMetric,
      tool_match_a: ca.tool_match,
      tool_match_b: cb.tool_match,
    });
  }
  for (const ca of a.cases) {
    if (!after.has(ca.question)) cases.push({ question: ca.question, status: 'removed', a: ca.overall, tool_match_a: ca.tool_match });
  }
  return { metrics, quality: { a: a.quality, b: b.quality }, cases };
}
