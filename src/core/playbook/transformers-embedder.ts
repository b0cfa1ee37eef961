/**
 * Sentence embeddings with transformers.js (default all-MiniLM-L6-v2): feature-extraction
 * pipeline, mean pooling, L2 normalisation. Model files come from the Hugging Face Hub by
 * default or from a self-hosted base such as `/models/`. `createEmbedder` falls back to the
 * builtin hash embedder (and says why) when no model can be loaded, e.g. offline.
 */
import type { DataType } from '@huggingface/transformers';
import { toAppError } from '../errors.ts';
import { modelLoadError } from './model-load-error.ts';
import { BuiltinEmbedder } from './builtin-embedder.ts';
import type { Embedder, ProgressCallback } from './types.ts';

export const DEFAULT_MODEL_ID = 'Xenova/all-MiniLM-L6-v2';

export interface TransformersEmbedderOptions {
  modelId?: string;
  /** Base folder or URL for self-hosted models (`<base><modelId>/config.json`), e.g. `/models/`. */
  localModelPath?: string;
  /** Alternative hub host, e.g. a mirror. */
  remoteHost?: string;
  /** Allow downloads from the hub / remoteHost (default true). */
  allowRemote?: boolean;
  /** ONNX runtime wasm files served by the app (Vite `?url` imports), so no CDN is needed. */
  wasmPaths?: string | { mjs: string; wasm: string };
  /** Weights precision; the browser reads the quantized file unless told `fp32`. */
  dtype?: DataType;
  onProgress?: ProgressCallback;
  /** Texts per model call. */
  batchSize?: number;
}

type Extractor = (texts: string[], opts: { pooling: 'mean'; normalize: true }) => Promise<{ data: ArrayLike<number>; dims: number[] }>;

export class TransformersEmbedder implements Embedder {
  readonly id: string;
  readonly dims: number;
  readonly #extract: Extractor;
  readonly #batch: number;

  private constructor(id: string, dims: number, extract: Extractor, batch: number) {
    this.id = id;
    this.dims = dims;
    this.#extract = extract;
    this.#batch = batch;
  }

  /** Loads the model (configuring transformers.js' global `env`) and probes its output size. */
  static async load(opts: TransformersEmbedderOptions = {}): Promise<TransformersEmbedder> {
    const modelId = opts.modelId ?? DEFAULT_MODEL_ID;
    try {
      const { env, pipeline } = await import('@huggingface/transformers');
      env.allowRemoteModels = opts.allowRemote ?? true;
      if (opts.remoteHost) env.remoteHost = opts.remoteHost;
      if (opts.localModelPath) {
        env.allowLocalModels = true;
        env.localModelPath = opts.localModelPath;
      }
      const wasm = env.backends.onnx.wasm;
      if (opts.wasmPaths && wasm) wasm.wasmPaths = opts.wasmPaths;
      const files = new Map<string, { loaded: number; total: number }>();
      const extractor = await pipeline('feature-extraction', modelId, {
        ...(opts.dtype ? { dtype: opts.dtype } : {}),
        progress_callback: (info) => {
          if (info.status !== 'progress' || !opts.onProgress) return;
          files.set(info.file, { loaded: info.loaded, total: info.total });
          let done = 0;
          let total = 0;
          for (const f of files.values()) (done += f.loaded), (total += f.total);
          opts.onProgress({ phase: 'loading-model', done, total });
        },
      });
      const extract: Extractor = async (texts, o) => {
        const t = await extractor(texts, o);
        return { data: t.data as ArrayLike<number>, dims: t.dims };
      };
      const probe = await extract(['probe'], { pooling: 'mean', normalize: true });
      const dims = probe.dims[probe.dims.length - 1];
      return new TransformersEmbedder(`transformers:${modelId}:${opts.dtype ?? 'auto'}`, dims, extract, opts.batchSize ?? 16);
    } catch (err) {
      const hub = opts.remoteHost ?? 'the Hugging Face hub';
      const folder = opts.localModelPath ? `the folder ${opts.localModelPath}` : '';
      const source = opts.allowRemote === false ? folder || 'this app' : folder ? `${hub} (or ${folder})` : hub;
      throw modelLoadError(err, modelId, source);
    }
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.#batch) {
      const batch = texts.slice(i, i + this.#batch);
      const { data } = await this.#extract(batch, { pooling: 'mean', normalize: true });
      for (let j = 0; j < batch.length; j++) out.push(Float32Array.from({ length: this.dims }, (_, d) => data[j * this.dims + d]));
    }
    return out;
  }
}

export type EmbedderPreference = { kind: 'builtin' } | { kind: 'word-vectors' } | ({ kind: 'transformers' } & TransformersEmbedderOptions);

export interface EmbedderChoice {
  embedder: Embedder;
  /** Set when the preferred embedder could not be used and a fallback stands in. */
  fallbackReason?: string;
}

export interface EmbedderSources {
  /** Loads the word-vector embedder (the app's word-meaning file); absent = not available here. */
  wordVectors?: () => Promise<Embedder>;
}

/**
 * Returns the preferred embedder. Fallbacks, with the reason: a model that cannot load gives way
 * to the word-vector embedder, and that (if its file cannot load) to the builtin hash embedder.
 */
export async function createEmbedder(preferred: EmbedderPreference = { kind: 'builtin' }, sources: EmbedderSources = {}): Promise<EmbedderChoice> {
  if (preferred.kind === 'builtin') return { embedder: new BuiltinEmbedder() };
  let reason = '';
  if (preferred.kind === 'transformers') {
    try {
      return { embedder: await TransformersEmbedder.load(preferred) };
    } catch (err) {
      reason = toAppError(err, 'model-unavailable').message;
    }
  }
  if (sources.wordVectors) {
    try {
      const embedder = await sources.wordVectors();
      return reason ? { embedder, fallbackReason: reason } : { embedder };
    } catch (err) {
      reason ||= toAppError(err, 'model-unavailable').message;
    }
  } else if (!reason) reason = 'Word meaning is not available here.';
  return { embedder: new BuiltinEmbedder(), fallbackReason: reason };
}
