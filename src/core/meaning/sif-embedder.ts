/**
 * Embedders on pretrained word vectors: `SifEmbedder` (SIF sentence vectors, see sif.ts) and
 * `LazyEmbedder`, which stands in with another embedder until the word vectors have loaded, and
 * keeps that one (saying why) if they cannot load.
 */
import { toAppError } from '../errors.ts';
import type { Embedder } from '../playbook/types.ts';
import type { SifModel } from './sif.ts';

export const WORD_VECTORS_EMBEDDER_PREFIX = 'word-vectors-sif';

/** True for ids of embedders built on the word-vector file. */
export const isWordVectorsEmbedder = (id: string): boolean => id.startsWith(WORD_VECTORS_EMBEDDER_PREFIX);

/** SIF sentence vectors on the app's word-vector file; the id names the file's vocabulary size. */
export class SifEmbedder implements Embedder {
  readonly id: string;
  readonly dims: number;
  readonly model: SifModel;

  constructor(model: SifModel) {
    this.model = model;
    this.dims = model.dims;
    this.id = `${WORD_VECTORS_EMBEDDER_PREFIX}-${model.dims}d-${model.size}`;
  }

  /** Embeds synchronously (benchmarks and the word-meaning API). */
  embedOne(text: string): Float32Array {
    return this.model.embed(text);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.model.embed(t));
  }
}

/** An embedder whose data loads in the background; `fallback` answers for it if loading fails. */
export class LazyEmbedder implements Embedder {
  #current: Embedder;
  readonly #ready: Promise<void>;
  #fallbackReason: string | undefined;

  constructor(load: () => Promise<Embedder>, fallback: Embedder) {
    this.#current = fallback;
    this.#ready = load().then(
      (embedder) => void (this.#current = embedder),
      (err: unknown) => void (this.#fallbackReason = toAppError(err, 'model-unavailable').message),
    );
  }

  get id(): string {
    return this.#current.id;
  }

  get dims(): number {
    return this.#current.dims;
  }

  /** Why the fallback is in use, once loading has failed. */
  get fallbackReason(): string | undefined {
    return this.#fallbackReason;
  }

  /** The embedder in use after loading (the fallback if loading failed). */
  async resolved(): Promise<Embedder> {
    await this.#ready;
    return this.#current;
  }

  ready(): Promise<void> {
    return this.#ready;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    await this.#ready;
    return this.#current.embed(texts);
  }
}
