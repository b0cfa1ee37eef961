/** Exact cosine search over one row-major Float32Array; vectors are assumed unit length. */
import { AppError } from '../errors.ts';
import { TopK } from './top-k.ts';
import type { VectorIndex } from './types.ts';
import { dotAt } from './dot.ts';

export class FlatIndex implements VectorIndex {
  readonly kind = 'flat' as const;
  #ids = new Int32Array(0);
  #vectors = new Float32Array(0);
  #dims = 0;

  get size(): number {
    return this.#ids.length;
  }

  build(ids: Int32Array, vectors: Float32Array, dims: number): void {
    if (vectors.length !== ids.length * dims) {
      throw new AppError('internal', `Expected ${ids.length * dims} vector values, got ${vectors.length}.`);
    }
    this.#ids = ids.slice();
    this.#vectors = vectors.slice();
    this.#dims = dims;
  }

  search(query: Float32Array, k: number): { id: number; score: number }[] {
    if (this.size === 0) return [];
    if (query.length !== this.#dims) {
      throw new AppError('internal', `Query has ${query.length} dimensions; the index has ${this.#dims}.`);
    }
    const d = this.#dims;
    const v = this.#vectors;
    const top = new TopK(Math.min(k, this.size));
    for (let row = 0, off = 0; row < this.#ids.length; row++, off += d) {
      const dot = dotAt(v, off, query, d);
      if (dot > top.threshold) top.push(this.#ids[row], dot);
    }
    return top.sorted();
  }
}
