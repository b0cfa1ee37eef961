/**
 * `npm run models:fetch [-- --dry-run] [--only minilm|tinyllama] [--variant f32|f16|both] [--out DIR]`:
 * downloads the models the app can self-host into `public/models/` (run it on a machine with
 * internet, then build; the service worker caches `/models/` on first use):
 * - all-MiniLM-L6-v2 for transformers.js at `<out>/Xenova/all-MiniLM-L6-v2/…` (Settings → Embeddings →
 *   Self-hosted folder `/models/`, model id `Xenova/all-MiniLM-L6-v2`);
 * - TinyLlama for WebLLM in the layout `buildAppConfig('/models/')` expects:
 *   `<out>/<model_id>/resolve/main/…` and `<out>/libs/<lib>.wasm` (Settings → WebLLM "Model files from" `/models/`).
 * Skips files already present with the expected size, retries failed downloads, reports progress on stderr.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { buildAppConfig, TINYLLAMA_F16, TINYLLAMA_F32, WEBLLM_MODEL_VERSION, modelInfo } from '../src/core/providers/webllm-config.ts';

export const MINILM_ID = 'Xenova/all-MiniLM-L6-v2';
export const MINILM_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx', 'onnx/model.onnx'];
const HF = 'https://huggingface.co/';
const LIB_REPO = 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/';
const DEFAULT_OUT = fileURLToPath(new URL('../public/models/', import.meta.url));

export type ModelGroup = 'minilm' | 'tinyllama';
export type Variant = 'f32' | 'f16' | 'both';

export interface CliOptions {
  dryRun: boolean;
  only: ModelGroup | null;
  variant: Variant;
  out: string;
}

/** One file to download: source URL, path relative to the output folder, size when known. */
export interface PlanItem {
  url: string;
  path: string;
  size?: number;
}

export interface Deps {
  fetch: typeof fetch;
  /** Waits between retries (injected so tests do not sleep). */
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
}

const defaultDeps: Deps = {
  fetch: (input, init) => globalThis.fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  log: (line) => process.stderr.write(`${line}\n`),
};

/** Parses the command line; throws with a usage message on an unknown flag or value. */
export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { dryRun: false, only: null, variant: 'f32', out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--dry-run') opts.dryRun = true;
    else if (arg === '--only') {
      const v = value();
      if (v !== 'minilm' && v !== 'tinyllama') throw new Error(`--only must be minilm or tinyllama, not "${v}"`);
      opts.only = v;
    } else if (arg === '--variant') {
      const v = value();
      if (v !== 'f32' && v !== 'f16' && v !== 'both') throw new Error(`--variant must be f32, f16 or both, not "${v}"`);
      opts.variant = v;
    } else if (arg === '--out') opts.out = value();
    else throw new Error(`Unknown option ${arg}. Usage: models:fetch [--dry-run] [--only minilm|tinyllama] [--variant f32|f16|both] [--out DIR]`);
  }
  return opts;
}

/** The model-library version of the installed web-llm (`modelVersion` in its bundle), e.g. `v0_2_86/base`. */
export async function installedWebLlmModelVersion(): Promise<string> {
  try {
    const entry = createRequire(import.meta.url).resolve('@mlc-ai/web-llm');
    const match = /modelVersion = "([^"]+)"/.exec(await readFile(entry, 'utf8'));
    return match?.[1] ?? WEBLLM_MODEL_VERSION;
  } catch {
    return WEBLLM_MODEL_VERSION;
  }
}

export function planMiniLm(): PlanItem[] {
  return MINILM_FILES.map((f) => ({ url: `${HF}${MINILM_ID}/resolve/main/${f}`, path: `${MINILM_ID}/${f}` }));
}

/** Where `buildAppConfig('/models/')` looks for a model's files and library, relative to the models folder. */
export function webLlmLayout(modelId: string): { modelDir: string; lib: string } {
  const origin = 'http://app.invalid';
  const entry = buildAppConfig('/models/', `${origin}/`).model_list.find((m) => m.model_id === modelId);
  if (!entry) throw new Error(`Unknown WebLLM model ${modelId}`);
  const rel = (url: string) => url.slice(`${origin}/models/`.length);
  return { modelDir: rel(entry.model), lib: rel(entry.model_lib) };
}

async function getJson(url: string, deps: Deps, tries: number): Promise<unknown> {
  const res = await withRetries(() => deps.fetch(url), url, deps, tries);
  return res.json();
}

/**
 * Plans a WebLLM model: config, tokenizer files it lists, every shard in ndarray-cache.json, and
 * the library. `tolerant` (dry runs): if the two manifests cannot be read, plan without shards.
 */
export async function planWebLlm(modelId: string, libVersion: string, deps: Deps, tolerant = false): Promise<PlanItem[]> {
  const info = modelInfo(modelId);
  if (!info) throw new Error(`Unknown WebLLM model ${modelId}`);
  const { modelDir, lib } = webLlmLayout(modelId);
  const src = `${HF}mlc-ai/${modelId}/resolve/main/`;
  const item = (file: string, size?: number): PlanItem => ({ url: `${src}${file}`, path: `${modelDir}${file}`, ...(size ? { size } : {}) });
  const libItem: PlanItem = { url: `${LIB_REPO}${libVersion}/${info.lib}`, path: lib };
  let config: { tokenizer_files?: unknown };
  let cache: { records?: { dataPath?: unknown; nbytes?: unknown }[] };
  try {
    config = (await getJson(`${src}mlc-chat-config.json`, deps, tolerant ? 1 : 4)) as typeof config;
    cache = (await getJson(`${src}ndarray-cache.json`, deps, tolerant ? 1 : 4)) as typeof cache;
  } catch (err) {
    if (!tolerant) throw err;
    deps.log(`${modelId}: manifests unreachable (${err instanceof Error ? err.message : String(err)}); params_shard_*.bin not listed.`);
    return [item('mlc-chat-config.json'), item('ndarray-cache.json'), item('tokenizer.json'), libItem];
  }
  const tokenizerFiles = Array.isArray(config.tokenizer_files) ? config.tokenizer_files.filter((f): f is string => typeof f === 'string') : ['tokenizer.json'];
  const shards = (cache.records ?? []).flatMap((r) =>
    typeof r.dataPath === 'string' ? [item(r.dataPath, typeof r.nbytes === 'number' ? r.nbytes : undefined)] : [],
  );
  if (shards.length === 0) throw new Error(`${modelId}: ndarray-cache.json lists no parameter shards`);
  return [item('mlc-chat-config.json'), item('ndarray-cache.json'), ...tokenizerFiles.map((f) => item(f)), ...shards, libItem];
}

/** The full plan for the chosen models. */
export async function buildPlan(opts: Pick<CliOptions, 'only' | 'variant' | 'dryRun'>, deps: Deps, libVersion = WEBLLM_MODEL_VERSION): Promise<PlanItem[]> {
  const plan: PlanItem[] = [];
  if (opts.only !== 'tinyllama') plan.push(...planMiniLm());
  if (opts.only !== 'minilm') {
    const ids = opts.variant === 'both' ? [TINYLLAMA_F32, TINYLLAMA_F16] : [opts.variant === 'f16' ? TINYLLAMA_F16 : TINYLLAMA_F32];
    for (const id of ids) plan.push(...(await planWebLlm(id, libVersion, deps, opts.dryRun)));
  }
  return plan;
}

async function withRetries(attempt: () => Promise<Response>, url: string, deps: Deps, tries = 4): Promise<Response> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      const res = await attempt();
      if (res.ok) return res;
      last = new Error(`HTTP ${res.status}`);
      if (res.status === 404 || res.status === 401 || res.status === 403) break; // will not get better
    } catch (err) {
      last = err;
    }
    if (i < tries - 1) await deps.sleep(1000 * 2 ** i);
  }
  throw new Error(`Could not download ${url}: ${last instanceof Error ? last.message : String(last)}`);
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

/** Downloads one file through a `.part` file, unless it is already there with the expected size. */
export async function download(item: PlanItem, out: string, deps: Deps): Promise<'skipped' | 'downloaded'> {
  const dest = join(out, item.path);
  const have = await sizeOf(dest);
  if (have !== null && (item.size === undefined ? have > 0 : have === item.size)) return 'skipped';
  const res = await withRetries(() => deps.fetch(item.url), item.url, deps);
  const total = Number(res.headers.get('content-length')) || item.size || 0;
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  let done = 0;
  let lastReport = 0;
  const body = res.body;
  if (!body) throw new Error(`Empty response for ${item.url}`);
  const counted = Readable.fromWeb(body as WebReadableStream<Uint8Array>).on('data', (chunk: Buffer) => {
    done += chunk.length;
    if (done - lastReport >= 8 * 1024 * 1024 || done === total) {
      lastReport = done;
      deps.log(`  ${item.path}: ${mb(done)}${total ? ` / ${mb(total)}` : ''}`);
    }
  });
  try {
    await pipeline(counted, createWriteStream(part));
  } catch (err) {
    await rm(part, { force: true });
    throw err;
  }
  if (item.size !== undefined && done !== item.size) {
    await rm(part, { force: true });
    throw new Error(`${item.path}: expected ${item.size} bytes, got ${done}`);
  }
  await rename(part, dest);
  return 'downloaded';
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Plans and (unless `dryRun`) downloads; returns the plan with what happened to each file. */
export async function run(opts: CliOptions, deps: Deps = defaultDeps): Promise<{ plan: PlanItem[]; downloaded: number; skipped: number }> {
  const libVersion = await installedWebLlmModelVersion();
  if (libVersion !== WEBLLM_MODEL_VERSION) deps.log(`Note: installed web-llm uses model libs ${libVersion} (webllm-config.ts says ${WEBLLM_MODEL_VERSION}).`);
  const plan = await buildPlan(opts, deps, libVersion);
  const known = plan.reduce((s, p) => s + (p.size ?? 0), 0);
  deps.log(`${plan.length} files into ${opts.out}${known ? ` (shards ${mb(known)})` : ''}`);
  if (opts.dryRun) {
    for (const p of plan) deps.log(`  ${p.url}\n    -> ${p.path}${p.size ? ` (${mb(p.size)})` : ''}`);
    return { plan, downloaded: 0, skipped: 0 };
  }
  let downloaded = 0;
  let skipped = 0;
  for (const [i, p] of plan.entries()) {
    const result = await download(p, opts.out, deps);
    if (result === 'skipped') skipped++;
    else downloaded++;
    deps.log(`[${i + 1}/${plan.length}] ${result} ${p.path}`);
  }
  return { plan, downloaded, skipped };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fail = (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  };
  try {
    const opts = parseArgs(process.argv.slice(2));
    run(opts).then(({ downloaded, skipped }) => {
      process.stderr.write(opts.dryRun ? 'Dry run: nothing was downloaded.\n' : `Done: ${downloaded} downloaded, ${skipped} already present.\n`);
    }, fail);
  } catch (err) {
    fail(err);
  }
}
