import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAppConfig, TINYLLAMA_F16, TINYLLAMA_F32 } from '../src/core/providers/webllm-config.ts';
import { buildPlan, download, MINILM_ID, parseArgs, run, webLlmLayout, type Deps } from './models-fetch.ts';

const SHARDS = [
  { dataPath: 'params_shard_0.bin', nbytes: 6, records: [] },
  { dataPath: 'params_shard_1.bin', nbytes: 4, records: [] },
];

/** A fake Hugging Face + GitHub: serves manifests and file bodies, records each request, can fail N times. */
function fakeHub(failFirst = 0) {
  const requests: string[] = [];
  let failures = failFirst;
  const body = (url: string): string | null => {
    if (url.endsWith('/mlc-chat-config.json')) return JSON.stringify({ tokenizer_files: ['tokenizer.json', 'tokenizer_config.json'] });
    if (url.endsWith('/ndarray-cache.json')) return JSON.stringify({ metadata: {}, records: SHARDS });
    if (url.endsWith('params_shard_0.bin')) return 'ABCDEF';
    if (url.endsWith('params_shard_1.bin')) return 'GHIJ';
    if (url.includes('/missing')) return null;
    return `content of ${url.split('/').pop()}`;
  };
  const fetchStub: typeof fetch = async (input) => {
    const url = String(input);
    requests.push(url);
    if (failures > 0) {
      failures--;
      throw new TypeError('fetch failed');
    }
    const text = body(url);
    if (text === null) return new Response('not found', { status: 404 });
    return new Response(text, { status: 200, headers: { 'content-length': String(Buffer.byteLength(text)) } });
  };
  const logs: string[] = [];
  const sleeps: number[] = [];
  const deps: Deps = { fetch: fetchStub, sleep: async (ms) => void sleeps.push(ms), log: (l) => void logs.push(l) };
  return { deps, requests, logs, sleeps };
}

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'models-fetch-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('parseArgs', () => {
  it('reads every flag and rejects unknown values', () => {
    expect(parseArgs(['--dry-run', '--only', 'minilm', '--out', '/x'])).toMatchObject({ dryRun: true, only: 'minilm', out: '/x', variant: 'f32' });
    expect(parseArgs(['--variant', 'both']).variant).toBe('both');
    expect(() => parseArgs(['--only', 'llama'])).toThrow(/minilm or tinyllama/);
    expect(() => parseArgs(['--out'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--fast'])).toThrow(/Unknown option --fast/);
  });
});

describe('plan', () => {
  it('puts MiniLM where transformers.js looks for <localModelPath><modelId>/', async () => {
    const { deps, requests } = fakeHub();
    const plan = await buildPlan({ only: 'minilm', variant: 'f32', dryRun: false }, deps);
    expect(plan.map((p) => p.path)).toEqual([
      `${MINILM_ID}/config.json`,
      `${MINILM_ID}/tokenizer.json`,
      `${MINILM_ID}/tokenizer_config.json`,
      `${MINILM_ID}/onnx/model_quantized.onnx`,
      `${MINILM_ID}/onnx/model.onnx`,
    ]);
    expect(plan[3].url).toBe('https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model_quantized.onnx');
    expect(requests).toEqual([]); // MiniLM needs no manifest
  });

  it('lists TinyLlama tokenizer files and every shard from the manifests, in the buildAppConfig("/models/") layout', async () => {
    const { deps } = fakeHub();
    const plan = await buildPlan({ only: 'tinyllama', variant: 'f32', dryRun: false }, deps, 'v9_9_9/base');
    const dir = `${TINYLLAMA_F32}/resolve/main/`;
    expect(plan.map((p) => p.path)).toEqual([
      `${dir}mlc-chat-config.json`,
      `${dir}ndarray-cache.json`,
      `${dir}tokenizer.json`,
      `${dir}tokenizer_config.json`,
      `${dir}params_shard_0.bin`,
      `${dir}params_shard_1.bin`,
      'libs/TinyLlama-1.1B-Chat-v1.0-q4f32_1_cs1k-webgpu.wasm',
    ]);
    expect(plan[4]).toMatchObject({ url: `https://huggingface.co/mlc-ai/${TINYLLAMA_F32}/resolve/main/params_shard_0.bin`, size: 6 });
    expect(plan[6].url).toBe(
      'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v9_9_9/base/TinyLlama-1.1B-Chat-v1.0-q4f32_1_cs1k-webgpu.wasm',
    );
    // The app resolves exactly these paths under /models/.
    const entry = buildAppConfig('/models/', 'https://app.example/').model_list.find((m) => m.model_id === TINYLLAMA_F32)!;
    expect(`https://app.example/models/${plan[0].path}`).toBe(`${entry.model}mlc-chat-config.json`);
    expect(`https://app.example/models/${plan[6].path}`).toBe(entry.model_lib);
  });

  it('plans both TinyLlama builds with --variant both', async () => {
    const { deps } = fakeHub();
    const plan = await buildPlan({ only: 'tinyllama', variant: 'both', dryRun: false }, deps);
    expect(plan.filter((p) => p.path.startsWith('libs/')).map((p) => p.path)).toEqual([
      `libs/${webLlmLayout(TINYLLAMA_F32).lib.slice(5)}`,
      `libs/${webLlmLayout(TINYLLAMA_F16).lib.slice(5)}`,
    ]);
  });
});

describe('download', () => {
  it('retries a failing fetch with back-off, then writes the file', async () => {
    const { deps, sleeps } = fakeHub(2);
    const result = await download({ url: 'https://hf.test/x/config.json', path: 'x/config.json' }, out, deps);
    expect(result).toBe('downloaded');
    expect(await readFile(join(out, 'x/config.json'), 'utf8')).toBe('content of config.json');
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('gives up after four attempts, and at once on HTTP 404, leaving no partial file', async () => {
    const failing = fakeHub(10);
    await expect(download({ url: 'https://hf.test/a.json', path: 'a.json' }, out, failing.deps)).rejects.toThrow(/Could not download .*fetch failed/);
    expect(failing.requests).toHaveLength(4);
    const missing = fakeHub();
    await expect(download({ url: 'https://hf.test/missing.json', path: 'm.json' }, out, missing.deps)).rejects.toThrow(/HTTP 404/);
    expect(missing.requests).toHaveLength(1);
    await expect(stat(join(out, 'm.json.part'))).rejects.toThrow();
  });

  it('skips a file already present with the expected size and replaces one with the wrong size', async () => {
    const { deps, requests } = fakeHub();
    await mkdir(join(out, 'd'), { recursive: true });
    await writeFile(join(out, 'd/params_shard_0.bin'), 'ABCDEF');
    await writeFile(join(out, 'd/params_shard_1.bin'), 'XY'); // truncated earlier download
    expect(await download({ url: 'https://hf.test/params_shard_0.bin', path: 'd/params_shard_0.bin', size: 6 }, out, deps)).toBe('skipped');
    expect(await download({ url: 'https://hf.test/params_shard_1.bin', path: 'd/params_shard_1.bin', size: 4 }, out, deps)).toBe('downloaded');
    expect(requests).toEqual(['https://hf.test/params_shard_1.bin']);
    expect(await readFile(join(out, 'd/params_shard_1.bin'), 'utf8')).toBe('GHIJ');
  });
});

describe('run', () => {
  it('--dry-run prints the plan and writes nothing', async () => {
    const { deps, logs } = fakeHub();
    const { plan, downloaded } = await run({ dryRun: true, only: null, variant: 'f32', out }, deps);
    expect(plan).toHaveLength(5 + 7);
    expect(downloaded).toBe(0);
    expect(logs.join('\n')).toContain(`-> ${TINYLLAMA_F32}/resolve/main/params_shard_1.bin`);
    await expect(stat(join(out, MINILM_ID))).rejects.toThrow();
  });

  it('downloads everything once; a second run skips it all', async () => {
    const { deps } = fakeHub();
    const first = await run({ dryRun: false, only: null, variant: 'f32', out }, deps);
    expect(first).toMatchObject({ downloaded: 12, skipped: 0 });
    expect(await readFile(join(out, `${TINYLLAMA_F32}/resolve/main/params_shard_0.bin`), 'utf8')).toBe('ABCDEF');
    expect((await stat(join(out, webLlmLayout(TINYLLAMA_F32).lib))).size).toBeGreaterThan(0);
    const second = await run({ dryRun: false, only: null, variant: 'f32', out }, deps);
    expect(second).toMatchObject({ downloaded: 0, skipped: 12 });
  });

  it('a dry run without network still prints the fixed files', async () => {
    const { deps, logs } = fakeHub(100);
    const { plan } = await run({ dryRun: true, only: 'tinyllama', variant: 'f32', out }, deps);
    expect(plan.map((p) => p.path.split('/').pop())).toEqual([
      'mlc-chat-config.json',
      'ndarray-cache.json',
      'tokenizer.json',
      webLlmLayout(TINYLLAMA_F32).lib.slice(5),
    ]);
    expect(logs.join('\n')).toMatch(/manifests unreachable/);
  });
});
