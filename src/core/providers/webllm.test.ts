import { describe, expect, it } from 'vitest';
import type { StreamChunk } from './stream-assembler.ts';
import type { ToolSpec } from './types.ts';
import { WebLlmProvider, parseJsonToolReply, type EngineLike, type WebLlmRequest } from './webllm.ts';
import { HERMES_TOOLS, TINYLLAMA_F32, buildAppConfig, detectWebGpu, pickTinyLlama } from './webllm-config.ts';

class FakeEngine implements EngineLike {
  requests: WebLlmRequest[] = [];
  interrupted = 0;
  constructor(private readonly outputs: string[][]) {}
  chat = {
    completions: {
      create: async (req: WebLlmRequest): Promise<AsyncIterable<StreamChunk>> => {
        this.requests.push(req);
        const pieces = this.outputs.shift() ?? [];
        return (async function* () {
          for (const p of pieces) yield { choices: [{ delta: { content: p }, finish_reason: null }] };
          yield { choices: [{ delta: {}, finish_reason: 'stop' }] };
        })();
      },
    },
  };
  interruptGenerate(): void {
    this.interrupted += 1;
  }
}

const tools: ToolSpec[] = [{ type: 'function', function: { name: 'search_clients', description: 'Look up clients', parameters: { type: 'object' } } }];

describe('WebLlmProvider', () => {
  it('streams tokens for a plain chat and merges system messages into one, first', async () => {
    const engine = new FakeEngine([['{"verdict":', '"pass"}']]);
    const tokens: string[] = [];
    const res = await new WebLlmProvider(engine, TINYLLAMA_F32).chat({
      messages: [
        { role: 'system', content: 'A' },
        { role: 'user', content: 'q' },
        { role: 'system', content: 'B' },
      ],
      response_format: { type: 'json_object' },
      onToken: (t) => tokens.push(t),
    });
    expect(res.message.content).toBe('{"verdict":"pass"}');
    expect(tokens).toEqual(['{"verdict":', '"pass"}']);
    expect(engine.requests[0].messages).toEqual([
      { role: 'system', content: 'A\n\nB' },
      { role: 'user', content: 'q' },
    ]);
    expect(engine.requests[0].response_format).toEqual({ type: 'json_object' });
  });

  it('never sends tools to TinyLlama: asks for JSON and turns it into tool calls', async () => {
    const engine = new FakeEngine([
      ['{"tool_calls": [{"name": "search_clients", ', '"arguments": {"client_name": "TechGiant"}}]}'],
      ['{"answer": "**TechGiant** is in Electronics."}'],
    ]);
    const provider = new WebLlmProvider(engine, TINYLLAMA_F32);
    const first = await provider.chat({
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'q' },
      ],
      tools,
    });
    expect(engine.requests[0].tools).toBeUndefined();
    expect(engine.requests[0].response_format).toEqual({ type: 'json_object' });
    expect(engine.requests[0].messages[0].content).toContain('search_clients: Look up clients');
    const call = first.message.tool_calls?.[0];
    expect(call?.function).toEqual({ name: 'search_clients', arguments: '{"client_name":"TechGiant"}' });

    const tokens: string[] = [];
    const second = await provider.chat({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, tool_calls: first.message.tool_calls },
        { role: 'tool', tool_call_id: call?.id ?? '', name: 'search_clients', content: '{"kind":"lookup"}' },
      ],
      tools,
      onToken: (t) => tokens.push(t),
    });
    expect(second.message.content).toBe('**TechGiant** is in Electronics.');
    expect(tokens).toEqual(['**TechGiant** is in Electronics.']);
    expect(engine.requests[1].messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(engine.requests[1].messages[3].content).toBe('Result of search_clients: {"kind":"lookup"}');
  });

  it('passes native tools to Hermes models', async () => {
    const engine = new FakeEngine([['ok']]);
    await new WebLlmProvider(engine, HERMES_TOOLS).chat({ messages: [{ role: 'user', content: 'q' }], tools });
    expect(engine.requests[0].tools).toEqual(tools);
  });

  it('interrupts generation when cancelled', async () => {
    const engine = new FakeEngine([['a', 'b', 'c']]);
    const ctrl = new AbortController();
    const p = new WebLlmProvider(engine, TINYLLAMA_F32).chat({ messages: [{ role: 'user', content: 'q' }], signal: ctrl.signal, onToken: () => ctrl.abort() });
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(engine.interrupted).toBe(1);
  });

  it('falls back to the raw text when the JSON has no tool calls', () => {
    expect(parseJsonToolReply('Sorry, I cannot.', 'x').message.content).toBe('Sorry, I cannot.');
    expect(parseJsonToolReply('{"name":"search_playbook","arguments":{"query":"tiers"}}', 'x').message.tool_calls?.[0].id).toBe('x_0');
  });
});

describe('webllm config', () => {
  it('points model files at a self-hosted base or the default hosts', () => {
    const own = buildAppConfig('/models/', 'http://127.0.0.1:4173/app/');
    const tiny = own.model_list.find((m) => m.model_id === TINYLLAMA_F32);
    expect(tiny?.model).toBe(`http://127.0.0.1:4173/models/${TINYLLAMA_F32}/resolve/main/`);
    expect(tiny?.model_lib).toBe('http://127.0.0.1:4173/models/libs/TinyLlama-1.1B-Chat-v1.0-q4f32_1_cs1k-webgpu.wasm');
    const remote = buildAppConfig('').model_list.find((m) => m.model_id === TINYLLAMA_F32);
    expect(remote?.model).toBe(`https://huggingface.co/mlc-ai/${TINYLLAMA_F32}`);
    expect(remote?.model_lib).toContain('binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/');
  });

  it('detects WebGPU and shader-f16', async () => {
    expect(await detectWebGpu(undefined)).toMatchObject({ available: false, shaderF16: false });
    expect((await detectWebGpu({ requestAdapter: async () => null })).reason).toMatch(/no graphics adapter/);
    const f16 = await detectWebGpu({ requestAdapter: async () => ({ features: new Set(['shader-f16']) }) });
    expect(f16).toEqual({ available: true, reason: '', shaderF16: true });
    expect(pickTinyLlama(f16)).toBe('TinyLlama-1.1B-Chat-v1.0-q4f16_1-MLC');
    expect(pickTinyLlama({ ...f16, shaderF16: false })).toBe(TINYLLAMA_F32);
  });
});
