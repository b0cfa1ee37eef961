/**
 * Faithfulness: share of the answer's claims that the retrieved contexts support.
 * RAGAS (LLM): statements extracted by the judge, each given an NLI verdict against the contexts.
 * Stand-in (offline): sentence-level claims; a claim is supported when its numbers, money,
 * percentages, dates and names all appear in the contexts and half its content words do.
 * Only the contexts count as evidence, as in RAGAS: a figure restated from the question but absent
 * from every tool result counts as unsupported (the stand-in cannot do the judge's inference).
 */
import { z } from 'zod';
import { askJudge } from '../judge.ts';
import { prepareEvidence, splitClaims, supportOf } from '../text.ts';
import type { MetricResult } from '../types.ts';
import { clip, type LlmDeps, type MetricInput } from './shared.ts';

/** Offline stand-in; an answer with no claims scores 0 (RAGAS would return NaN). */
export function faithfulnessStandin(input: MetricInput): MetricResult {
  const claims = splitClaims(input.answer);
  const evidence = prepareEvidence(input.contexts);
  const supported = claims.filter((c) => supportOf(c, evidence).supported).length;
  return {
    score: claims.length === 0 ? 0 : supported / claims.length,
    variant: 'deterministic-standin',
    details: { claims: claims.length, supported },
  };
}

const Statements = z.object({ statements: z.array(z.string()) });
const Verdicts = z.object({
  verdicts: z.array(z.object({ statement: z.string(), reason: z.string().optional(), verdict: z.union([z.literal(0), z.literal(1)]) })),
});

/** RAGAS Faithfulness with an LLM judge: supported statements / statements. */
export async function faithfulnessLlm(input: MetricInput, deps: LlmDeps): Promise<MetricResult> {
  const { statements } = await askJudge(
    deps.judge,
    'Break the answer into short, self-contained factual statements (no pronouns). Return {"statements": string[]}.',
    { question: input.question, answer: input.answer },
    Statements,
    deps.signal,
  );
  if (statements.length === 0) return { score: 0, variant: 'llm', details: { statements: 0, supported: 0 } };
  const { verdicts } = await askJudge(
    deps.judge,
    'For each statement, decide whether it can be directly inferred from the context. ' +
      'Return {"verdicts": [{"statement": string, "reason": string, "verdict": 1 if inferable else 0}]}, one per statement, in order.',
    { context: clip(input.contexts.join('\n\n')), statements },
    Verdicts,
    deps.signal,
  );
  const supported = verdicts.slice(0, statements.length).filter((v) => v.verdict === 1).length;
  return { score: supported / statements.length, variant: 'llm', details: { statements: statements.length, supported } };
}
