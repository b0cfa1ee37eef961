/**
 * Context precision: are the relevant retrieved contexts ranked first?
 * Score = Σ_k (precision@k × v_k) / Σ_k v_k over the retrieved contexts in order.
 * RAGAS LLMContextPrecisionWithReference: v_k from the judge (was context k useful to reach the reference answer?).
 * RAGAS NonLLMContextPrecisionWithReference: v_k = 1 when max_j sim(reference_context_j, context_k) ≥ 0.5,
 * sim = normalized Levenshtein on the best-matching window (see bestWindowSimilarity).
 */
import { z } from 'zod';
import { askJudge } from '../judge.ts';
import { bestWindowSimilarity } from '../similarity.ts';
import type { MetricResult } from '../types.ts';
import { averagePrecision, clip, STRING_THRESHOLD, type LlmDeps, type MetricInput } from './shared.ts';

/** Relevance verdicts of the retrieved contexts by string similarity to the reference contexts. */
export function stringVerdicts(contexts: string[], references: string[]): (0 | 1)[] {
  return contexts.map((ctx) => {
    const best = Math.max(0, ...references.map((ref) => bestWindowSimilarity(ref, ctx)));
    return best >= STRING_THRESHOLD ? 1 : 0;
  });
}

/** Non-LLM variant (offline default). No retrieved contexts → 0. */
export function contextPrecisionString(input: MetricInput): MetricResult {
  const verdicts = stringVerdicts(input.contexts, input.expected_contexts);
  return {
    score: averagePrecision(verdicts),
    variant: 'non-llm-string',
    details: { retrieved: verdicts.length, relevant: verdicts.filter((v) => v === 1).length },
  };
}

const Verdict = z.object({ reason: z.string().optional(), verdict: z.union([z.literal(0), z.literal(1)]) });

/** LLM variant: one judge call per retrieved context, in rank order. */
export async function contextPrecisionLlm(input: MetricInput, deps: LlmDeps): Promise<MetricResult> {
  const verdicts: (0 | 1)[] = [];
  for (const context of input.contexts) {
    const { verdict } = await askJudge(
      deps.judge,
      'Given the question, the reference answer and one retrieved context, decide whether the context was useful in arriving ' +
        'at the reference answer. Return {"reason": string, "verdict": 1 if useful else 0}.',
      { question: input.question, reference_answer: input.ground_truth, context: clip(context) },
      Verdict,
      deps.signal,
    );
    verdicts.push(verdict);
  }
  return {
    score: averagePrecision(verdicts),
    variant: 'llm',
    details: { retrieved: verdicts.length, relevant: verdicts.filter((v) => v === 1).length },
  };
}
