/**
 * voy-search (a WASM k-d tree, fixed 768 dimensions) behind the `VectorIndex` interface.
 * Shorter vectors are zero-padded. voy 0.6.3 returns neighbours without distances, so scores are
 * recomputed as dot products from a kept copy of the unit vectors (cosine = 1 - d²/2).
 * Never persist voy's JSON `serialize()` (tens of MB); the library stores raw vectors instead.
 */
import type { Voy } from 'voy-search';
import { AppError } from '../errors.ts';
import type { VectorIndex } from './types.ts';

export type VoyModule = Pick<typeof import('voy-search'), 'Voy'>;

export const VOY_DIMS = 768;

/** Loads voy through the bundler (Vite, vitest alias). Plain Node uses `loadVoyNode` from voy-node.ts. */
export const loadVoyBundled = (): Promise<VoyModule> => import('voy-search');

export class VoyIndex implements VectorIndex {
  readonly kind = 'voy' as const;
  readonly #mod: VoyModule;
  #voy: Voy | undefined;
  #byId = new Map<number, number>();
  #vectors = new Float32Array(0);
  #dims = 0;

  constructor(mod: VoyModule) {
    this.#mod = mod;
  }

  /** Loads the voy module and returns an empty index. */
  static async create(load: () => Promise<VoyModule> = loadVoyBundled): Promise<VoyIndex> {
    return new VoyIndex(await load());
  }

  get size(): number {
    return this.#byId.size;
  }

  build(ids: Int32Array, vectors: Float32Array, dims: number): void {
    if (dims > VOY_DIMS) throw new AppError('internal', `voy supports at most ${VOY_DIMS} dimensions, got ${dims}.`);
    if (vectors.length !== ids.length * dims) {
      throw new AppError('internal', `Expected ${ids.length * dims} vector values, got ${vectors.length}.`);
    }
    const embeddings = Array.from(ids, (id, row) => {
      const padded = new Array<number>(VOY_DIMS).fill(0);
      for (let j = 0; j < dims; j++) padded[j] = vectors[row * dims + j];
      return { id: String(id), title: '', url: '', embeddings: padded };
    });
    const next = ids.length ? new this.#mod.Voy({ embeddings }) : undefined;
    this.#voy?.free();
    this.#voy = next;
    this.#vectors = vectors.slice();
    this.#dims = dims;
    this.#byId = new Map(Array.from(ids, (id, row) => [id, row]));
  }

  search(query: Float32Array, k: number): { id: number; score: number }[] {
    if (!this.#voy || this.size === 0) return [];
    if (query.length !== this.#dims) {
      throw new AppError('internal', `Query has ${query.length} dimensions; the index has ${this.#dims}.`);
    }
    const padded = new Float32Array(VOY_DIMS);
    padded.set(query);
    const { neighbors } = this.#voy.search(padded, Math.min(k, this.size));
    const out: { id: number; score: number }[] = [];
    for (const n of neighbors) {
      const id = Number(n.id);
      const row = this.#byId.get(id);
      if (row === undefined) continue;
      let dot = 0;
      for (let j = 0, off = row * this.#dims; j < this.#dims; j++) dot += this.#vectors[off + j] * query[j];
      out.push({ id, score: dot });
    }
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }
}
