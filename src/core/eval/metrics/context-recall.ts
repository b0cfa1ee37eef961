/**
 * Context recall: was everything the reference needs retrieved?
 * RAGAS LLMContextRecall: reference sentences attributable to the contexts / reference sentences.
 * RAGAS NonLLMContextRecall: reference contexts whose best similarity to any retrieved context is
 * ≥ 0.5 / reference contexts (normalized Levenshtein on the best-matching window).
 */
import { z } from 'zod';
import { askJudge } from '../judge.ts';
import { bestWindowSimilarity } from '../similarity.ts';
import type { MetricResult } from '../types.ts';
import { clip, STRING_THRESHOLD, type LlmDeps, type MetricInput } from './shared.ts';

/** Non-LLM variant (offline default). No reference contexts → 0. */
export function contextRecallString(input: MetricInput): MetricResult {
  const recalled = input.expected_contexts.filter(
    (ref) => Math.max(0, ...input.contexts.map((ctx) => bestWindowSimilarity(ref, ctx))) >= STRING_THRESHOLD,
  ).length;
  const total = input.expected_contexts.length;
  return { score: total === 0 ? 0 : recalled / total, variant: 'non-llm-string', details: { references: total, recalled } };
}

const Classified = z.object({
  classifications: z.array(z.object({ statement: z.string(), reason: z.string().optional(), attributed: z.union([z.literal(0), z.literal(1)]) })),
});

/** LLM variant: the judge splits the reference answer into sentences and attributes each. */
export async function contextRecallLlm(input: MetricInput, deps: LlmDeps): Promise<MetricResult> {
  const { classifications } = await askJudge(
    deps.judge,
    'Split the reference answer into sentences. For each, decide whether it can be attributed to the context. ' +
      'Return {"classifications": [{"statement": string, "reason": string, "attributed": 1 or 0}]}.',
    { question: input.question, context: clip(input.contexts.join('\n\n')), reference_answer: input.ground_truth },
    Classified,
    deps.signal,
  );
  const attributed = classifications.filter((c) => c.attributed === 1).length;
  const total = classifications.length;
  return { score: total === 0 ? 0 : attributed / total, variant: 'llm', details: { statements: total, attributed } };
}
