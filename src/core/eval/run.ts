/**
 * Runs the co-pilot over a dataset and scores every answer: answer → metrics → report.
 * Cases run one at a time (the machine and the judge are shared); an answer that fails scores 0
 * on every metric and keeps its error code; cancellation throws AppError('cancelled').
 */
import { AppError, toAppError } from '../errors.ts';
import type { AnswerRecord } from '../agents/types.ts';
import type { Embedder } from '../playbook/types.ts';
import type { ChatProvider } from '../providers/types.ts';
import { scoreCase } from './metrics/index.ts';
import { averagesOf, qualityOf, variantsOf } from './report.ts';
import {
  METRIC_NAMES,
  type AnswerFn,
  type CaseResult,
  type EvalCase,
  type EvalProgressCallback,
  type EvalReport,
  type MetricName,
  type MetricVariant,
} from './types.ts';

export interface RunEvaluationOptions {
  cases: EvalCase[];
  answer: AnswerFn;
  /** LLM judge; without one the offline variants are used. */
  judge?: ChatProvider;
  embedder: Embedder;
  signal?: AbortSignal;
  onProgress?: EvalProgressCallback;
  /** Label of the answering provider for the report, e.g. 'builtin/rules'. */
  provider?: string;
  /** Clock, injectable for tests. */
  now?: () => Date;
}

const OFFLINE_VARIANT: Record<MetricName, MetricVariant> = {
  faithfulness: 'deterministic-standin',
  answer_relevancy: 'deterministic-standin',
  context_precision: 'non-llm-string',
  context_recall: 'non-llm-string',
  answer_correctness: 'deterministic-standin',
};

/** Same set of tool names (duplicates and order ignored). */
export function toolsMatch(expected: string[], used: string[]): boolean {
  const a = new Set(expected);
  const b = new Set(used);
  return a.size === b.size && [...a].every((t) => b.has(t));
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AppError('cancelled', 'Evaluation cancelled.');
}

function failedCase(c: EvalCase, err: AppError, ms: number): CaseResult {
  const zeros = Object.fromEntries(METRIC_NAMES.map((m) => [m, 0])) as Record<MetricName, number>;
  return {
    question: c.question,
    ground_truth: c.ground_truth,
    answer: '',
    expected_tools: c.expected_tools,
    tools_used: [],
    tool_match: toolsMatch(c.expected_tools, []),
    scores: zeros,
    variants: { ...OFFLINE_VARIANT },
    details: {},
    overall: 0,
    ms,
    category: c.category,
    error: { code: err.code, message: err.message },
  };
}

/** Answers and scores one case. A co-pilot failure becomes a 0-scored case; judge failures propagate. */
async function evaluateCase(c: EvalCase, opts: RunEvaluationOptions, signal: AbortSignal, now: () => Date, onScoring: () => void): Promise<CaseResult> {
  const t0 = now().getTime();
  let record: AnswerRecord;
  try {
    record = await opts.answer(c.question, signal, c.history);
  } catch (err) {
    const e = toAppError(err);
    if (e.code === 'cancelled' || signal.aborted) throw new AppError('cancelled', 'Evaluation cancelled.');
    return failedCase(c, e, now().getTime() - t0);
  }
  checkAborted(signal);
  onScoring();
  const metrics = await scoreCase(
    { question: c.question, answer: record.answer, contexts: record.contexts, ground_truth: c.ground_truth, expected_contexts: c.expected_contexts },
    { embedder: opts.embedder, judge: opts.judge, signal },
  );
  const scores = {} as Record<MetricName, number>;
  const variants = {} as Record<MetricName, MetricVariant>;
  const details: CaseResult['details'] = {};
  for (const m of METRIC_NAMES) {
    scores[m] = metrics[m].score;
    variants[m] = metrics[m].variant;
    details[m] = metrics[m].fallback_reason ? { ...metrics[m].details, fallback_reason: metrics[m].fallback_reason } : metrics[m].details;
  }
  const toolsUsed = [...new Set(record.tool_calls.map((t) => t.name))];
  return {
    question: c.question,
    ground_truth: c.ground_truth,
    answer: record.answer,
    expected_tools: c.expected_tools,
    tools_used: toolsUsed,
    tool_match: toolsMatch(c.expected_tools, toolsUsed),
    scores,
    variants,
    details,
    overall: METRIC_NAMES.reduce((sum, m) => sum + scores[m], 0) / METRIC_NAMES.length,
    ms: record.ms,
    category: c.category,
    record,
  };
}

/** The answer applied every condition of its question; a failed answer applied none. */
function everyConditionApplied(r: CaseResult): boolean {
  return !!r.record && (r.record.conditions ?? []).every((c) => c.applied);
}

/**
 * Evaluates every case in order and aggregates the report; overall = mean of the five metric
 * averages (equal to the mean of the cases' overall scores, since every case has all five).
 */
export async function runEvaluation(opts: RunEvaluationOptions): Promise<EvalReport> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const results: CaseResult[] = [];
  const total = opts.cases.length;
  for (const c of opts.cases) {
    checkAborted(opts.signal);
    const progress = (phase: 'answering' | 'scoring') => opts.onProgress?.({ phase, done: results.length, total, question: c.question });
    progress('answering');
    // A per-case signal: libraries that add abort listeners per call cannot pile them up on the run's signal.
    const caseCtrl = new AbortController();
    const onAbort = () => caseCtrl.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let result: CaseResult;
    try {
      result = await evaluateCase(c, opts, caseCtrl.signal, now, () => progress('scoring'));
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
    results.push(result);
    opts.onProgress?.({ phase: 'done', done: results.length, total, question: c.question, result });
  }
  const averages = averagesOf(results);
  return {
    averages,
    variants: variantsOf(results, (m) => (opts.judge ? 'llm' : OFFLINE_VARIANT[m])),
    quality: qualityOf(averages.overall),
    tool_selection_accuracy: total === 0 ? 0 : results.filter((r) => r.tool_match).length / total,
    conditions_applied: total === 0 ? 0 : results.filter(everyConditionApplied).length / total,
    answers_with_conditions: results.filter((r) => (r.record?.conditions?.length ?? 0) > 0).length,
    cases: results,
    started_at: started.toISOString(),
    finished_at: now().toISOString(),
    provider: opts.provider ?? 'unknown',
    judge: opts.judge ? `${opts.judge.id}/${opts.judge.model}` : 'offline',
    embedder: opts.embedder.id,
  };
}
