/** Reciprocal-rank fusion of vector and keyword results (RRF, k = 60). */
import type { Chunk, SearchHit } from './types.ts';

export const RRF_K = 60;

type Ranked = readonly { id: number; score: number }[];

/** Fuses two ranked lists; each hit keeps the scores it had in either list. */
export function fuse(vector: Ranked, keyword: Ranked, chunkOf: (id: number) => Chunk | undefined, k: number): SearchHit[] {
  const hits = new Map<number, SearchHit>();
  const add = (list: Ranked, key: 'vectorScore' | 'keywordScore') =>
    list.forEach((r, rank) => {
      const chunk = chunkOf(r.id);
      if (!chunk) return;
      const hit = hits.get(r.id) ?? { chunk, score: 0 };
      hit.score += 1 / (RRF_K + rank + 1);
      hit[key] = r.score;
      hits.set(r.id, hit);
    });
  add(vector, 'vectorScore');
  add(keyword, 'keywordScore');
  return [...hits.values()]
    .sort((a, b) => b.score - a.score || (b.vectorScore ?? -1) - (a.vectorScore ?? -1) || a.chunk.id - b.chunk.id)
    .slice(0, k);
}
