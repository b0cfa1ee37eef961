/** Similarity measures used by the metrics: cosine over embeddings and normalized Levenshtein. */
import { distance } from 'fastest-levenshtein';
import type { Embedder } from '../playbook/types.ts';
import { normalizeText } from './text.ts';

/** Cosine similarity of two vectors (0 when either is all zeros). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}

/** Cosine of two texts' embeddings, clamped to [0, 1] (RAGAS reports similarity in that range). */
export async function embeddingSimilarity(embedder: Embedder, a: string, b: string): Promise<number> {
  if (!a.trim() || !b.trim()) return 0;
  const [va, vb] = await embedder.embed([a, b]);
  return clamp01(cosine(va, vb));
}

export function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** 1 − Levenshtein distance / length of the longer string (RAGAS NonLLMStringSimilarity). */
export function levenshteinSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - distance(a, b) / longest;
}

/**
 * Similarity of a short reference string to a possibly long retrieved passage. Both are
 * normalized (case, accents, `$` and thousands separators). When the passage is longer than the
 * reference, every window of the passage with the reference's word count (±1 word) is compared
 * and the best window wins, so "$120,000" matches a JSON record containing `120000`; a passage
 * that contains the reference verbatim scores 1. Equal-length or shorter texts compare whole.
 * Refinement over plain RAGAS: a window missing any number of the reference scores 0, since a
 * changed digit is a different fact (plain Levenshtein rates "120000" vs "100" at 0.5).
 */
export function bestWindowSimilarity(reference: string, passage: string): number {
  const ref = normalizeText(reference);
  const text = normalizeText(passage)
    .replace(/[{}[\]",:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const refLoose = ref
    .replace(/[{}[\]",:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (refLoose.length === 0 || text.length === 0) return refLoose === text ? 1 : 0;
  if (text.includes(refLoose)) return 1;
  const words = text.split(' ');
  const refWords = refLoose.split(' ');
  const refNumbers = refWords.map(numberToken).filter((n) => n !== null);
  const hasNumbers = (ws: string[]) => {
    const nums = new Set(ws.map(numberToken));
    return refNumbers.every((n) => nums.has(n));
  };
  if (words.length <= refWords.length) return hasNumbers(words) ? levenshteinSimilarity(refLoose, text) : 0;
  let best = 0;
  for (const size of [refWords.length - 1, refWords.length, refWords.length + 1]) {
    if (size < 1 || size > words.length) continue;
    for (let i = 0; i + size <= words.length; i++) {
      const slice = words.slice(i, i + size);
      if (!hasNumbers(slice)) continue;
      const window = slice.join(' ');
      const sim = levenshteinSimilarity(refLoose, window);
      if (sim > best) best = sim;
    }
  }
  return best;
}

/** The numeric value of a word ("120000", "10%", "30."), or null. */
function numberToken(word: string): string | null {
  const m = /^\(?(\d+(?:\.\d+)?)%?[.,;)]*$/.exec(word);
  return m ? m[1] : null;
}
