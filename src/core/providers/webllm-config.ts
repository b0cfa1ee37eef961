/**
 * WebLLM model choices and the `appConfig` that points the engine at model files, either the
 * default hosts (Hugging Face + the web-llm model-lib repo) or a self-hosted base such as
 * `/models/` laid out as `<base>/<model_id>/resolve/main/...` and `<base>/libs/<lib>.wasm`.
 * Plain data: importing it does not load web-llm.
 */

export const WEBLLM_MODEL_VERSION = 'v0_2_86/base';
const HF = 'https://huggingface.co/mlc-ai/';
const LIB_HOST = `https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/${WEBLLM_MODEL_VERSION}/`;

export const TINYLLAMA_F32 = 'TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC';
export const TINYLLAMA_F16 = 'TinyLlama-1.1B-Chat-v1.0-q4f16_1-MLC';
/** The tool-calling model for the CRM agent (the only family web-llm accepts `tools` for). */
export const HERMES_TOOLS = 'Hermes-2-Pro-Llama-3-8B-q4f16_1-MLC';
export const DEFAULT_REFLECTION_MODEL = TINYLLAMA_F32;

export interface WebLlmModelInfo {
  id: string;
  label: string;
  lib: string;
  vramMB: number;
  contextWindow: number;
  needsShaderF16: boolean;
  /** Accepts OpenAI `tools` (Hermes function-calling format). */
  toolCalling: boolean;
}

export const WEBLLM_MODELS: WebLlmModelInfo[] = [
  {
    id: TINYLLAMA_F32,
    label: 'TinyLlama 1.1B (f32, 840 MB)',
    lib: 'TinyLlama-1.1B-Chat-v1.0-q4f32_1_cs1k-webgpu.wasm',
    vramMB: 840,
    contextWindow: 2048,
    needsShaderF16: false,
    toolCalling: false,
  },
  {
    id: TINYLLAMA_F16,
    label: 'TinyLlama 1.1B (f16, 697 MB)',
    lib: 'TinyLlama-1.1B-Chat-v1.0-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 697,
    contextWindow: 2048,
    needsShaderF16: true,
    toolCalling: false,
  },
  {
    id: HERMES_TOOLS,
    label: 'Hermes 2 Pro Llama 3 8B (tool calling, 5 GB)',
    lib: 'Llama-3-8B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 4976,
    contextWindow: 4096,
    needsShaderF16: true,
    toolCalling: true,
  },
];

export function modelInfo(id: string): WebLlmModelInfo | undefined {
  return WEBLLM_MODELS.find((m) => m.id === id);
}

/** The shape of web-llm's `AppConfig` we produce (structurally compatible with it). */
export interface WebLlmAppConfig {
  model_list: {
    model: string;
    model_id: string;
    model_lib: string;
    vram_required_MB: number;
    low_resource_required: boolean;
    required_features?: string[];
    overrides: { context_window_size: number };
  }[];
}

/**
 * Builds `appConfig.model_list`. Empty `modelBaseUrl` uses the default hosts; a relative base
 * (e.g. `/models/`) is resolved against `origin` (the page's URL in the browser).
 */
export function buildAppConfig(modelBaseUrl = '', origin?: string): WebLlmAppConfig {
  let base: string | undefined;
  if (modelBaseUrl.trim()) {
    // The page's address when there is one (core also runs in Node, without \`location\`).
    const here = (globalThis as { location?: { href?: string } }).location?.href;
    const resolved = new URL(modelBaseUrl.trim(), origin ?? here ?? 'http://localhost/').href;
    base = resolved.endsWith('/') ? resolved : `${resolved}/`;
  }
  return {
    model_list: WEBLLM_MODELS.map((m) => ({
      model: base ? `${base}${m.id}/resolve/main/` : `${HF}${m.id}`,
      model_id: m.id,
      model_lib: base ? `${base}libs/${m.lib}` : `${LIB_HOST}${m.lib}`,
      vram_required_MB: m.vramMB,
      low_resource_required: m.vramMB < 1000,
      ...(m.needsShaderF16 ? { required_features: ['shader-f16'] } : {}),
      overrides: { context_window_size: m.contextWindow },
    })),
  };
}

export interface WebGpuSupport {
  available: boolean;
  /** Why WebGPU cannot be used (empty when available). */
  reason: string;
  shaderF16: boolean;
}

interface GpuAdapterLike {
  features: { has(name: string): boolean };
  info?: { isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter(opts?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

/** Checks for a usable WebGPU adapter and the `shader-f16` feature (pass `navigator.gpu`). */
export async function detectWebGpu(gpu: GpuLike | undefined = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu): Promise<WebGpuSupport> {
  if (!gpu) return { available: false, reason: 'This browser does not support WebGPU. Use a recent Chrome or Edge, or the built-in agent.', shaderF16: false };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    adapter = null;
  }
  if (!adapter)
    return { available: false, reason: 'WebGPU is present but no graphics adapter is available (it may be disabled or blocked).', shaderF16: false };
  return { available: true, reason: '', shaderF16: adapter.features.has('shader-f16') };
}

/** The TinyLlama build to use: f16 where the GPU supports it, f32 otherwise. */
export function pickTinyLlama(support: WebGpuSupport): string {
  return support.shaderF16 ? TINYLLAMA_F16 : TINYLLAMA_F32;
}
