/**
 * Fusion of vector and keyword results: weighted reciprocal-rank fusion (RRF) or a weighted sum
 * of min-max normalised scores. Defaults are chosen by `npm run bench -- --only retrieval-quality`.
 */
import type { Chunk, SearchHit } from './types.ts';

export const RRF_K = 60;

export interface FusionOptions {
  method: 'rrf' | 'weighted';
  /** Share of the vector list (0..1); the keyword list gets the rest. */
  vectorWeight: number;
  /** RRF's rank constant. */
  rrfK?: number;
}

/** Equal-weight RRF, k = 60: the fusion used with the hashing embedder. */
export const EQUAL_RRF: FusionOptions = { method: 'rrf', vectorWeight: 0.5, rrfK: RRF_K };

/** Fusion for word-vector embedders, chosen on the tuning half of the labelled queries (README). */
export const WORD_VECTORS_FUSION: FusionOptions = { method: 'rrf', vectorWeight: 0.4, rrfK: 30 };

/** The fusion the library uses with an embedder (by its id). */
export function fusionFor(embedderId: string): FusionOptions {
  return embedderId.startsWith('word-vectors') ? WORD_VECTORS_FUSION : EQUAL_RRF;
}

type Ranked = readonly { id: number; score: number }[];

/** Fuses two ranked lists; each hit keeps the scores it had in either list. */
export function fuse(vector: Ranked, keyword: Ranked, chunkOf: (id: number) => Chunk | undefined, k: number, opts: FusionOptions = EQUAL_RRF): SearchHit[] {
  const hits = new Map<number, SearchHit>();
  const rrfK = opts.rrfK ?? RRF_K;
  // Weights are scaled so equal weights give the classic 1/(k + rank) sum.
  const weightOf = (key: 'vectorScore' | 'keywordScore') => 2 * (key === 'vectorScore' ? opts.vectorWeight : 1 - opts.vectorWeight);
  const add = (list: Ranked, key: 'vectorScore' | 'keywordScore') => {
    const w = weightOf(key);
    if (w === 0) return; // a list with no weight contributes neither scores nor hits
    const top = list[0]?.score ?? 0;
    const bottom = list.length ? list[list.length - 1].score : 0;
    list.forEach((r, rank) => {
      const chunk = chunkOf(r.id);
      if (!chunk) return;
      const hit = hits.get(r.id) ?? { chunk, score: 0 };
      hit.score += opts.method === 'rrf' ? w / (rrfK + rank + 1) : w * (top > bottom ? (r.score - bottom) / (top - bottom) : 1);
      hit[key] = r.score;
      hits.set(r.id, hit);
    });
  };
  add(vector, 'vectorScore');
  add(keyword, 'keywordScore');
  return [...hits.values()].sort((a, b) => b.score - a.score || (b.vectorScore ?? -1) - (a.vectorScore ?? -1) || a.chunk.id - b.chunk.id).slice(0, k);
}
