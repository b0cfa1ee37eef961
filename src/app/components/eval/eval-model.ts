/**
 * Pure helpers behind the Evaluate page: metric labels and variant names, number formatting,
 * run names, delta direction, and the key-scoped store that keeps saved runs under KEYS.evalRuns.
 */
import { prefixedStore, type KeyValueStore } from '../../../core/storage/kv.ts';
import type { CaseChangeStatus, RunSummary, SavedRun } from '../../../core/eval/history.ts';
import { METRIC_NAMES, type EvalReport, type MetricName, type MetricVariant, type Quality } from '../../../core/eval/types.ts';

export { METRIC_NAMES };

export const METRIC_LABELS: Record<MetricName, string> = {
  faithfulness: 'Faithfulness',
  answer_relevancy: 'Answer relevancy',
  context_precision: 'Context precision',
  context_recall: 'Context recall',
  answer_correctness: 'Answer correctness',
};

/** What each metric means, in a rep's words. */
export const METRIC_HELP: Record<MetricName, string> = {
  faithfulness: 'Every statement is backed by the sources it used',
  answer_relevancy: 'Answers the question that was asked',
  context_precision: 'The sources it used were the right ones',
  context_recall: 'It found everything the answer needed',
  answer_correctness: 'Matches the expected answer',
};

const TOOL_WORDS: Record<string, string> = {
  search_clients: 'client book',
  search_playbook: 'playbook',
};

/** Where a tool looks, in words ("client book"); unknown tools keep their name. */
export function toolWords(names: readonly string[]): string {
  const words = [...new Set(names.map((n) => TOOL_WORDS[n] ?? n))];
  return words.length ? words.join(' and ') : 'nowhere';
}

/** Who answered, in words, from a report's `provider` label ("builtin/builtin-rules", "openai/gpt-4o-mini"). */
export function providerWords(provider: string): string {
  const [id, ...rest] = provider.split('/');
  const model = rest.join('/');
  if (id === 'builtin') return 'Built-in agent';
  if (id === 'openai') return model ? `${model} (OpenAI-compatible endpoint)` : 'OpenAI-compatible endpoint';
  if (id === 'webllm') return model ? `${model} (in this browser)` : 'In-browser model';
  return provider;
}

/** Short column headers for the cases table. */
export const METRIC_SHORT: Record<MetricName, string> = {
  faithfulness: 'Faith.',
  answer_relevancy: 'Relev.',
  context_precision: 'Prec.',
  context_recall: 'Recall',
  answer_correctness: 'Correct.',
};

const VARIANT_LABELS: Record<MetricVariant | 'mixed', string> = {
  llm: 'LLM judge',
  'non-llm-string': 'non-LLM string',
  'deterministic-standin': 'deterministic stand-in',
  mixed: 'mixed (LLM judge with offline fallbacks)',
};

/** Words for how a metric's numbers were produced. */
export function variantLabel(v: MetricVariant | 'mixed'): string {
  return VARIANT_LABELS[v];
}

/** CSS tag class for a quality band. */
export function qualityTone(q: Quality): 'good' | 'warn' | 'bad' | '' {
  return q === 'Excellent' || q === 'Good' ? 'good' : q === 'Fair' ? 'warn' : 'bad';
}

/** A score in [0, 1] with fixed decimals. */
export function score(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** A signed delta, e.g. "+0.12" / "−0.05" / "±0.00". */
export function signed(delta: number, digits = 2): string {
  const s = Math.abs(delta).toFixed(digits);
  if (Number(s) === 0) return `±${s}`;
  return delta > 0 ? `+${s}` : `−${s}`;
}

/** Direction of a change, ignoring float noise below `epsilon`. */
export function direction(delta: number, epsilon = 0.005): 'up' | 'down' | 'same' {
  return delta > epsilon ? 'up' : delta < -epsilon ? 'down' : 'same';
}

/** The date-time a run is known by in lists and pickers. */
export function runName(run: Pick<RunSummary, 'started_at' | 'label'>): string {
  const d = new Date(run.started_at);
  const when = Number.isNaN(d.getTime())
    ? run.started_at
    : d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return run.label ? `${when} · ${run.label}` : when;
}

/** The name of a saved run (its start time and label). */
export function savedRunName(run: Pick<SavedRun, 'label' | 'report'>): string {
  return runName({ started_at: run.report.started_at, label: run.label });
}

/** Seconds a run took, from its timestamps. */
export function runSeconds(report: Pick<EvalReport, 'started_at' | 'finished_at'>): number {
  const ms = Date.parse(report.finished_at) - Date.parse(report.started_at);
  return Number.isFinite(ms) ? Math.max(0, ms) / 1000 : 0;
}

export const CHANGE_LABELS: Record<CaseChangeStatus, string> = {
  improved: 'Improved',
  regressed: 'Regressed',
  unchanged: 'Unchanged',
  added: 'Only in the newer run',
  removed: 'Only in the older run',
};

/** Orders two runs oldest first, so a comparison's deltas read "newer minus older". */
export function oldestFirst<T extends { report: Pick<EvalReport, 'started_at'> }>(x: T, y: T): [T, T] {
  return x.report.started_at <= y.report.started_at ? [x, y] : [y, x];
}

/** Saved runs share the app's one store under their own prefix (see `prefixedStore`). */
export function scopedStore(kv: KeyValueStore, prefix: string): KeyValueStore {
  return prefixedStore(kv, prefix);
}
