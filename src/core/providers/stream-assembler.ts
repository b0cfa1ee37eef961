/**
 * Assembles OpenAI-style streamed chat chunks (content deltas and tool-call deltas split
 * across chunks by `index`) into one ChatResponse. Shared by the OpenAI and WebLLM providers.
 */
import { AppError } from '../errors.ts';
import type { ChatResponse, ToolCall } from './types.ts';

export interface ToolCallDelta {
  index?: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

export interface StreamChunk {
  choices?: {
    delta?: { content?: string | null; tool_calls?: ToolCallDelta[] | null };
    finish_reason?: string | null;
  }[];
}

export class StreamAssembler {
  #content = '';
  #calls = new Map<number, { id: string; name: string; args: string }>();
  #finish: string | null = null;

  constructor(private readonly onToken?: (token: string) => void) {}

  /** Adds one chunk; content deltas are forwarded to `onToken` as they arrive. */
  push(chunk: StreamChunk): void {
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = choice.delta;
    if (delta?.content) {
      this.#content += delta.content;
      this.onToken?.(delta.content);
    }
    for (const [i, d] of (delta?.tool_calls ?? []).entries()) {
      const index = d.index ?? i;
      const call = this.#calls.get(index) ?? { id: '', name: '', args: '' };
      if (d.id) call.id = d.id;
      if (d.function?.name) call.name += d.function.name;
      if (d.function?.arguments) call.args += d.function.arguments;
      this.#calls.set(index, call);
    }
    if (choice.finish_reason) this.#finish = choice.finish_reason;
  }

  result(): ChatResponse {
    const tool_calls: ToolCall[] = [...this.#calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, c]) => ({ id: c.id || `call_${index}`, type: 'function', function: { name: c.name, arguments: c.args || '{}' } }));
    if (tool_calls.some((c) => !c.function.name)) {
      throw new AppError('provider-bad-response', 'The model sent a tool call without a name.');
    }
    const finish_reason = tool_calls.length ? 'tool_calls' : this.#finish === 'length' ? 'length' : 'stop';
    return {
      message: { role: 'assistant', content: this.#content || (tool_calls.length ? null : ''), ...(tool_calls.length ? { tool_calls } : {}) },
      finish_reason,
    };
  }
}

/** Parses a `text/event-stream` body into JSON chunks; stops at `data: [DONE]`. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamChunk> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r?\n/);
      buffer = done ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') return;
        if (!data) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          throw new AppError('provider-bad-response', 'The model endpoint sent a malformed stream.');
        }
        if (parsed && typeof parsed === 'object' && 'error' in parsed) {
          throw new AppError('provider-bad-response', 'The model endpoint reported an error in the stream.');
        }
        yield parsed as StreamChunk;
      }
      if (done) return;
    }
  } finally {
    // Stop the download when we return early ([DONE], an error or an abort).
    await reader.cancel().catch(() => undefined);
  }
}
