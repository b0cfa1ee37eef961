/**
 * Main-thread side of the WebLLM worker: lazily imports web-llm (6 MB) on first use, creates a
 * worker-backed engine per model with a progress callback, and deletes downloaded models.
 */
import { AppError, toAppError } from '../src/core/errors.ts';
import { WebLlmProvider, type EngineLike } from '../src/core/providers/webllm.ts';
import { buildAppConfig, detectWebGpu, modelInfo } from '../src/core/providers/webllm-config.ts';

export interface ModelLoadProgress {
  /** 0..1 */
  progress: number;
  text: string;
}

export interface LoadOptions {
  /** Self-hosted model base (e.g. `/models/`); empty for the default hosts. */
  modelBaseUrl?: string;
  onProgress?: (p: ModelLoadProgress) => void;
}

interface LoadedEngine {
  engine: EngineLike & { unload(): Promise<void> };
  worker: Worker;
}

const engines = new Map<string, Promise<LoadedEngine>>();

const loadWebLlm = () => import('@mlc-ai/web-llm');

async function createEngine(modelId: string, opts: LoadOptions): Promise<LoadedEngine> {
  const gpu = await detectWebGpu();
  if (!gpu.available) throw new AppError('webgpu-unavailable', gpu.reason);
  if (modelInfo(modelId)?.needsShaderF16 && !gpu.shaderF16) {
    throw new AppError('webgpu-unavailable', 'This GPU lacks the shader-f16 feature this model needs; choose the f32 TinyLlama build.');
  }
  const webllm = await loadWebLlm();
  const worker = new Worker(new URL('./webllm.worker.ts', import.meta.url), { type: 'module' });
  try {
    const engine = await webllm.CreateWebWorkerMLCEngine(worker, modelId, {
      appConfig: buildAppConfig(opts.modelBaseUrl ?? ''),
      initProgressCallback: (r) => opts.onProgress?.({ progress: r.progress, text: r.text }),
    });
    return { engine, worker };
  } catch (err) {
    worker.terminate();
    const e = toAppError(err, 'model-unavailable');
    throw new AppError('model-unavailable', `The model ${modelId} could not be loaded: ${e.message}`);
  }
}

/** Loads (once) the engine for `modelId` and returns a ChatProvider over it. */
export async function loadWebLlmProvider(modelId: string, opts: LoadOptions = {}): Promise<WebLlmProvider> {
  let loading = engines.get(modelId);
  if (!loading) {
    loading = createEngine(modelId, opts);
    engines.set(modelId, loading);
    loading.catch(() => engines.delete(modelId));
  }
  const { engine } = await loading;
  return new WebLlmProvider(engine, modelId);
}

/** Unloads a model and stops its worker. */
export async function unloadWebLlm(modelId: string): Promise<void> {
  const loading = engines.get(modelId);
  if (!loading) return;
  engines.delete(modelId);
  const { engine, worker } = await loading.catch(() => ({ engine: undefined, worker: undefined }));
  await engine?.unload().catch(() => undefined);
  worker?.terminate();
}

/** Whether the model's files are already in the browser cache. */
export async function isModelCached(modelId: string, modelBaseUrl = ''): Promise<boolean> {
  const webllm = await loadWebLlm();
  return webllm.hasModelInCache(modelId, buildAppConfig(modelBaseUrl));
}

/** Deletes a downloaded model (weights, config and wasm) from the browser cache. */
export async function deleteModel(modelId: string, modelBaseUrl = ''): Promise<void> {
  await unloadWebLlm(modelId);
  const webllm = await loadWebLlm();
  await webllm.deleteModelAllInfoInCache(modelId, buildAppConfig(modelBaseUrl));
}
