/**
 * SIF sentence vectors (Arora, Liang & Ma 2017, "A Simple but Tough-to-Beat Baseline for
 * Sentence Embeddings"): a weighted average of word vectors, each word weighted a / (a + p(w)),
 * then the common component removed. p(w) comes from the word's frequency rank in the source
 * corpus (Zipf's law), so the weights need no corpus of our own.
 */
import { meaningTokens } from './tokens.ts';
import type { WordVectorsData } from './word-vectors.ts';

/** SIF's smoothing constant a (in the paper's range; 1e-4…3e-3 were within noise on the tuning half, README). */
export const SIF_A = 3e-4;

/** Zipf estimate of a word's probability from its 0-based frequency rank. */
export function zipfProbability(rank: number, sourceSize: number): number {
  const harmonic = Math.log(sourceSize) + 0.5772;
  return 1 / ((rank + 1) * harmonic);
}

/** The SIF weight a / (a + p(w)): frequent words count little, rare words count fully. */
export function sifWeight(rank: number, sourceSize: number, a = SIF_A): number {
  const p = zipfProbability(rank, sourceSize);
  return a / (a + p);
}

/**
 * The common component, without a corpus: the direction of the expected SIF-weighted word vector
 * under the Zipf distribution, which dominates the first singular vector of sentence vectors
 * (they are averages of many words and share this mean).
 */
export function commonComponentOfWords(vectors: readonly ArrayLike<number>[], ranks: ArrayLike<number>, sourceSize: number, a = SIF_A): Float32Array {
  const dims = vectors[0]?.length ?? 0;
  const mean = new Float64Array(dims);
  vectors.forEach((v, i) => {
    const f = zipfProbability(ranks[i], sourceSize) * sifWeight(ranks[i], sourceSize, a);
    for (let d = 0; d < dims; d++) mean[d] += f * v[d];
  });
  return normalize(Float32Array.from(mean));
}

/** Scales to unit length in place (a zero vector stays zero). */
export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

export interface SifOptions {
  a?: number;
  /** Remove the file's common component (default true). */
  removeCommon?: boolean;
}

/** A loaded vocabulary that turns text into SIF vectors. */
export class SifModel {
  readonly dims: number;
  readonly data: WordVectorsData;
  readonly #index: Map<string, number>;
  readonly #weights: Float32Array;
  readonly #common: Float32Array;

  constructor(data: WordVectorsData, opts: SifOptions = {}) {
    this.data = data;
    this.dims = data.meta.dims;
    this.#index = new Map(data.words.map((w, i) => [w, i]));
    const a = opts.a ?? SIF_A;
    this.#weights = Float32Array.from(data.ranks, (r) => sifWeight(r, data.meta.sourceSize, a));
    this.#common = opts.removeCommon === false ? new Float32Array(0) : Float32Array.from(data.meta.commonComponent);
  }

  get size(): number {
    return this.data.words.length;
  }

  /** True when the word (one token) has a vector. */
  has(word: string): boolean {
    return this.#index.has(word.toLowerCase());
  }

  /** The word's raw (dequantized) vector, or undefined when it is not in the vocabulary. */
  wordVector(word: string): Float32Array | undefined {
    const i = this.#index.get(word.toLowerCase());
    if (i === undefined) return undefined;
    const out = new Float32Array(this.dims);
    this.#addRow(out, i, 1);
    return out;
  }

  /** The SIF weight of a known word (0 for unknown words). */
  weightOf(word: string): number {
    const i = this.#index.get(word.toLowerCase());
    return i === undefined ? 0 : this.#weights[i];
  }

  /** Tokens of `text` that have a vector, in order. */
  knownTokens(text: string): string[] {
    return meaningTokens(text).filter((t) => this.#index.has(t));
  }

  /** Unit SIF vector of a text; all zeros when no word of it is known. */
  embed(text: string): Float32Array {
    const v = new Float32Array(this.dims);
    for (const t of meaningTokens(text)) {
      const i = this.#index.get(t);
      if (i !== undefined) this.#addRow(v, i, this.#weights[i]);
    }
    if (this.#common.length === this.dims) {
      let dot = 0;
      for (let d = 0; d < this.dims; d++) dot += v[d] * this.#common[d];
      for (let d = 0; d < this.dims; d++) v[d] -= dot * this.#common[d];
    }
    return normalize(v);
  }

  #addRow(out: Float32Array, row: number, weight: number): void {
    const { vectors, scales } = this.data;
    const f = weight * scales[row];
    const base = row * this.dims;
    for (let d = 0; d < this.dims; d++) out[d] += f * vectors[base + d];
  }
}
