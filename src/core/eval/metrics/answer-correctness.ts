/**
 * Answer correctness = 0.75 × factual F1 + 0.25 × semantic similarity (RAGAS weights), with
 * F1 = TP / (TP + 0.5 × (FP + FN)) and 0 when TP = 0.
 * RAGAS (LLM): the judge classifies answer and ground-truth statements into TP / FP / FN.
 * Stand-in (offline): sentence-level statements (support = same facts + half the content words,
 * see supportOf). TP = ground-truth statements the answer supports, FN = the other ground-truth
 * statements, FP = answer statements the ground truth does not support. TP is counted on the
 * ground-truth side because one answer sentence often packs several statements (an LLM would
 * split them); counting it there gives credit for the right fact and still charges the extras.
 */
import { z } from 'zod';
import type { Embedder } from '../../playbook/types.ts';
import { askJudge } from '../judge.ts';
import { embeddingSimilarity } from '../similarity.ts';
import { prepareEvidence, splitClaims, supportOf } from '../text.ts';
import type { MetricResult } from '../types.ts';
import type { LlmDeps, MetricInput } from './shared.ts';

export const FACTUAL_WEIGHT = 0.75;
export const SEMANTIC_WEIGHT = 0.25;

/** F1 over statement counts as RAGAS computes it. */
export function factualF1(tp: number, fp: number, fn: number): number {
  return tp > 0 ? tp / (tp + 0.5 * (fp + fn)) : 0;
}

/** Offline stand-in. */
export async function answerCorrectnessStandin(input: MetricInput, embedder: Embedder): Promise<MetricResult> {
  const answerClaims = splitClaims(input.answer);
  const truthClaims = splitClaims(input.ground_truth);
  const truth = prepareEvidence([input.ground_truth]);
  const answer = prepareEvidence([input.answer]);
  const tp = truthClaims.filter((c) => supportOf(c, answer).supported).length;
  const fn = truthClaims.length - tp;
  const fp = answerClaims.filter((c) => !supportOf(c, truth).supported).length;
  const f1 = factualF1(tp, fp, fn);
  const similarity = await embeddingSimilarity(embedder, input.answer, input.ground_truth);
  return {
    score: FACTUAL_WEIGHT * f1 + SEMANTIC_WEIGHT * similarity,
    variant: 'deterministic-standin',
    details: { tp, fp, fn, f1, similarity },
  };
}

const Statements = z.object({ statements: z.array(z.string()) });
const Item = z.object({ statement: z.string(), reason: z.string().optional() });
const Classes = z.object({ TP: z.array(Item), FP: z.array(Item), FN: z.array(Item) });

/** RAGAS AnswerCorrectness with an LLM judge. */
export async function answerCorrectnessLlm(input: MetricInput, deps: LlmDeps): Promise<MetricResult> {
  const split = 'Break the text into short, self-contained factual statements. Return {"statements": string[]}.';
  const a = await askJudge(deps.judge, split, { question: input.question, text: input.answer }, Statements, deps.signal);
  const g = await askJudge(deps.judge, split, { question: input.question, text: input.ground_truth }, Statements, deps.signal);
  const c = await askJudge(
    deps.judge,
    'Classify statements. TP: answer statements supported by the ground-truth statements. FP: answer statements not ' +
      'supported by the ground truth. FN: ground-truth statements missing from the answer. ' +
      'Return {"TP": [{"statement", "reason"}], "FP": [...], "FN": [...]}.',
    { question: input.question, answer_statements: a.statements, ground_truth_statements: g.statements },
    Classes,
    deps.signal,
  );
  const f1 = factualF1(c.TP.length, c.FP.length, c.FN.length);
  const similarity = await embeddingSimilarity(deps.embedder, input.answer, input.ground_truth);
  return {
    score: FACTUAL_WEIGHT * f1 + SEMANTIC_WEIGHT * similarity,
    variant: 'llm',
    details: { tp: c.TP.length, fp: c.FP.length, fn: c.FN.length, f1, similarity },
  };
}
