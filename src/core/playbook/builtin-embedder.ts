/**
 * A deterministic, download-free embedder: hashed word unigrams, bigrams and character
 * trigrams with sublinear term frequency, signed feature hashing and L2 normalisation.
 * Good enough for keyword-heavy playbook questions; used whenever no neural model can load.
 */
import type { Embedder } from './types.ts';
import { terms } from './text-features.ts';
import { fnv1a } from '../hash.ts';

export const BUILTIN_EMBEDDER_ID = 'builtin-hash-384';

const WEIGHTS = { word: 1, bigram: 0.6, trigram: 0.2 };

/** FNV-1a then a murmur3 finaliser for well-spread bits. */
function hash(s: string): number {
  let h = fnv1a(s);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Counts the features of one text: `w:` words, `b:` word pairs, `c:` character trigrams. */
export function features(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const ts = terms(text);
  ts.forEach((t, i) => {
    add(`w:${t}`);
    if (i > 0) add(`b:${ts[i - 1]} ${t}`);
    const padded = `^${t}$`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`);
  });
  return counts;
}

export class BuiltinEmbedder implements Embedder {
  readonly id = BUILTIN_EMBEDDER_ID;
  readonly dims = 384;

  /** Embeds synchronously; exposed for hot loops such as benchmarks. */
  embedOne(text: string): Float32Array {
    const v = new Float32Array(this.dims);
    for (const [key, count] of features(text)) {
      const h = hash(key);
      // Sublinear tf keeps repeated words from dominating; the sign bit halves collision bias.
      const value = (1 + Math.log(count)) * weightOf(key);
      v[h % this.dims] += h & 0x80000000 ? -value : value;
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
    return v;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }
}

function weightOf(key: string): number {
  return key[0] === 'w' ? WEIGHTS.word : key[0] === 'b' ? WEIGHTS.bigram : WEIGHTS.trigram;
}
