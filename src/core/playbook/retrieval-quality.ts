/**
 * Retrieval quality on labelled queries: a query is answered when a returned passage's section
 * heading is one of its labelled headings. hit@1, hit@5 and MRR (reciprocal rank of the first
 * answering passage among the top 10, 0 if none).
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';

export const LabelledQuerySchema = z.object({
  id: z.string(),
  query: z.string().min(1),
  headings: z.array(z.string().min(1)).min(1),
  kind: z.enum(['paraphrase', 'exact']),
  /** tune: used to choose settings; test: held out; fresh: written after the settings were chosen. */
  split: z.enum(['tune', 'test', 'fresh']),
});
export type LabelledQuery = z.infer<typeof LabelledQuerySchema>;

export const RetrievalSetSchema = z.object({
  description: z.string().optional(),
  playbooks: z.array(z.object({ name: z.string(), file: z.string(), queries: z.array(LabelledQuerySchema).min(1) })).min(1),
});
export type RetrievalSet = z.infer<typeof RetrievalSetSchema>;

/** Validates a labelled set (e.g. `data/eval/retrieval-quality.json`). */
export function parseRetrievalSet(json: unknown): RetrievalSet {
  const r = RetrievalSetSchema.safeParse(json);
  if (!r.success) throw new AppError('bad-dataset', `The labelled retrieval set is not valid: ${r.error.issues[0]?.message ?? 'unknown problem'}`);
  return r.data;
}

export const MRR_DEPTH = 10;

export interface QualityScores {
  queries: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
}

/** 1-based rank of the first heading that answers the query, or 0 when none of the top MRR_DEPTH does. */
export function firstHitRank(rankedHeadings: readonly string[], answers: readonly string[]): number {
  const want = new Set(answers.map((h) => h.toLowerCase()));
  const i = rankedHeadings.slice(0, MRR_DEPTH).findIndex((h) => want.has(h.toLowerCase()));
  return i + 1;
}

/** Aggregates first-hit ranks (0 = missed) into hit@1, hit@5 and MRR, rounded to 3 decimals. */
export function scoreRanks(ranks: readonly number[]): QualityScores {
  const n = ranks.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const frac = (f: (r: number) => boolean) => (n ? round(ranks.filter(f).length / n) : 0);
  return {
    queries: n,
    hitAt1: frac((r) => r === 1),
    hitAt5: frac((r) => r >= 1 && r <= 5),
    mrr: n ? round(ranks.reduce((s, r) => s + (r ? 1 / r : 0), 0) / n) : 0,
  };
}
