/**
 * Scores one answered case on the five RAGAS metrics: the LLM variants when a judge is given,
 * else the offline ones (non-LLM string similarity for the context metrics, deterministic
 * stand-ins for the rest). A malformed judge reply (after one retry) falls back to the offline
 * variant for that metric and says why; any other judge error (auth, network, rate limit,
 * cancellation) propagates, so a run never silently turns into an offline run.
 */
import { AppError, toAppError } from '../../errors.ts';
import type { Embedder } from '../../playbook/types.ts';
import type { ChatProvider } from '../../providers/types.ts';
import type { MetricName, MetricResult } from '../types.ts';
import { answerCorrectnessLlm, answerCorrectnessStandin } from './answer-correctness.ts';
import { answerRelevancyLlm, answerRelevancyStandin } from './answer-relevancy.ts';
import { contextPrecisionLlm, contextPrecisionString } from './context-precision.ts';
import { contextRecallLlm, contextRecallString } from './context-recall.ts';
import { faithfulnessLlm, faithfulnessStandin } from './faithfulness.ts';
import type { LlmDeps, MetricInput } from './shared.ts';

export type { MetricInput } from './shared.ts';

export interface ScoreOptions {
  embedder: Embedder;
  judge?: ChatProvider;
  signal?: AbortSignal;
}

type Offline = (input: MetricInput, embedder: Embedder) => MetricResult | Promise<MetricResult>;
type Llm = (input: MetricInput, deps: LlmDeps) => Promise<MetricResult>;

const METRICS: Record<MetricName, { offline: Offline; llm: Llm }> = {
  faithfulness: { offline: faithfulnessStandin, llm: faithfulnessLlm },
  answer_relevancy: { offline: answerRelevancyStandin, llm: answerRelevancyLlm },
  context_precision: { offline: contextPrecisionString, llm: contextPrecisionLlm },
  context_recall: { offline: contextRecallString, llm: contextRecallLlm },
  answer_correctness: { offline: answerCorrectnessStandin, llm: answerCorrectnessLlm },
};

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AppError('cancelled', 'Evaluation cancelled.');
}

/** All five metric results for one case. */
export async function scoreCase(input: MetricInput, opts: ScoreOptions): Promise<Record<MetricName, MetricResult>> {
  const out = {} as Record<MetricName, MetricResult>;
  for (const name of Object.keys(METRICS) as MetricName[]) {
    checkAborted(opts.signal);
    const metric = METRICS[name];
    if (!opts.judge) {
      out[name] = await metric.offline(input, opts.embedder);
      continue;
    }
    try {
      out[name] = await metric.llm(input, { judge: opts.judge, embedder: opts.embedder, signal: opts.signal });
    } catch (err) {
      const e = toAppError(err);
      if (opts.signal?.aborted) throw new AppError('cancelled', 'Evaluation cancelled.');
      if (e.code !== 'provider-bad-response') throw e;
      out[name] = { ...(await metric.offline(input, opts.embedder)), fallback_reason: `${e.code}: ${e.message}` };
    }
  }
  return out;
}
