/**
 * Answer relevancy: does the answer address the question?
 * RAGAS (LLM): the judge writes N=3 questions the answer would answer, flagging noncommittal
 * answers; score = mean cosine(question, generated question), 0 when all are noncommittal.
 * Stand-in (offline): cosine between the question's and the answer's embeddings.
 */
import { z } from 'zod';
import type { Embedder } from '../../playbook/types.ts';
import { askJudge } from '../judge.ts';
import { clamp01, cosine, embeddingSimilarity } from '../similarity.ts';
import type { MetricResult } from '../types.ts';
import type { LlmDeps, MetricInput } from './shared.ts';

export const RELEVANCY_QUESTIONS = 3;

/** Offline stand-in: clamp01(cosine(embed(question), embed(answer))). */
export async function answerRelevancyStandin(input: MetricInput, embedder: Embedder): Promise<MetricResult> {
  const score = await embeddingSimilarity(embedder, input.question, input.answer);
  return { score, variant: 'deterministic-standin', details: { embedder: embedder.id } };
}

const Generated = z.object({
  questions: z.array(z.object({ question: z.string(), noncommittal: z.union([z.literal(0), z.literal(1), z.boolean()]) })),
});

/** RAGAS ResponseRelevancy from already generated questions (exported for tests). */
export async function relevancyFromGenerated(
  question: string,
  generated: { question: string; noncommittal: boolean }[],
  embedder: Embedder,
): Promise<MetricResult> {
  const usable = generated.filter((g) => g.question.trim());
  if (usable.length === 0) return { score: 0, variant: 'llm', details: { generated: 0 } };
  const allNoncommittal = generated.every((g) => g.noncommittal);
  const [q, ...gen] = await embedder.embed([question, ...usable.map((g) => g.question)]);
  const mean = gen.reduce((s, v) => s + cosine(q, v), 0) / gen.length;
  return {
    score: allNoncommittal ? 0 : clamp01(mean),
    variant: 'llm',
    details: { generated: usable.length, noncommittal: allNoncommittal, mean_cosine: mean },
  };
}

/** RAGAS ResponseRelevancy with an LLM judge. */
export async function answerRelevancyLlm(input: MetricInput, deps: LlmDeps): Promise<MetricResult> {
  const { questions } = await askJudge(
    deps.judge,
    `Write ${RELEVANCY_QUESTIONS} different questions that the answer below answers. For each, set "noncommittal" to 1 if the ` +
      'answer is evasive, vague or says it does not know, else 0. Return {"questions": [{"question": string, "noncommittal": 0|1}]}.',
    { answer: input.answer },
    Generated,
    deps.signal,
  );
  const generated = questions
    .slice(0, RELEVANCY_QUESTIONS)
    .map((g) => ({ question: g.question, noncommittal: g.noncommittal === 1 || g.noncommittal === true }));
  return relevancyFromGenerated(input.question, generated, deps.embedder);
}
