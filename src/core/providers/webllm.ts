/**
 * ChatProvider over a WebLLM engine (in-page or in a worker). Only Hermes models accept OpenAI
 * `tools`; for the others (TinyLlama) tools are described in the prompt and the model is asked
 * for a JSON object, which is turned back into tool calls or an answer.
 */
import { AppError, toAppError } from '../errors.ts';
import { StreamAssembler, type StreamChunk } from './stream-assembler.ts';
import type { ChatMessage, ChatProvider, ChatRequest, ChatResponse, ToolCall, ToolSpec } from './types.ts';
import { modelInfo } from './webllm-config.ts';

export type WebLlmMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
  | { role: 'tool'; content: string; tool_call_id: string };

export interface WebLlmRequest {
  messages: WebLlmMessage[];
  stream: true;
  tools?: ToolSpec[];
  response_format?: { type: 'json_object' | 'text' };
  temperature?: number;
  max_tokens?: number;
}

/** The slice of web-llm's `MLCEngineInterface` this provider uses. */
export interface EngineLike {
  chat: { completions: { create(req: WebLlmRequest): Promise<AsyncIterable<StreamChunk>> } };
  interruptGenerate(): void;
}

/** Instructions that replace native tools for models without function calling. */
export function jsonToolInstructions(tools: ToolSpec[]): string {
  const list = tools
    .map((t) => `- ${t.function.name}: ${t.function.description}\n  arguments (JSON schema): ${JSON.stringify(t.function.parameters)}`)
    .join('\n');
  return (
    `You can call these tools:\n${list}\n` +
    'Reply with ONLY a JSON object. To call tools: {"tool_calls": [{"name": "<tool>", "arguments": {...}}]}. ' +
    'When the tool results above are enough to answer: {"answer": "<your answer in Markdown>"}.'
  );
}

/** Reads `{"tool_calls": [...]}` or `{"answer": "..."}` from a small model's JSON output. */
export function parseJsonToolReply(text: string, idPrefix: string): ChatResponse {
  const match = text.match(/\{[\s\S]*\}/);
  let obj: unknown;
  try {
    obj = match ? JSON.parse(match[0]) : undefined;
  } catch {
    obj = undefined;
  }
  const record = obj && typeof obj === 'object' ? (obj as Record<string, unknown>) : {};
  const rawCalls = Array.isArray(record.tool_calls) ? record.tool_calls : record.name ? [record] : [];
  const tool_calls: ToolCall[] = rawCalls.flatMap((c: unknown, i: number): ToolCall[] => {
    if (!c || typeof c !== 'object') return [];
    const call = c as Record<string, unknown>;
    if (typeof call.name !== 'string') return [];
    const args = call.arguments ?? call.args ?? {};
    return [{ id: `${idPrefix}_${i}`, type: 'function', function: { name: call.name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } }];
  });
  if (tool_calls.length) return { message: { role: 'assistant', content: null, tool_calls }, finish_reason: 'tool_calls' };
  const answer = typeof record.answer === 'string' ? record.answer : text.trim();
  return { message: { role: 'assistant', content: answer }, finish_reason: 'stop' };
}

function toEngineMessages(messages: ChatMessage[], nativeTools: boolean, extraSystem?: string): WebLlmMessage[] {
  // web-llm wants a single system message, first.
  const system = [...messages.filter((m) => m.role === 'system').map((m) => m.content), ...(extraSystem ? [extraSystem] : [])].join('\n\n');
  const rest = messages.flatMap((m): WebLlmMessage[] => {
    if (m.role === 'system') return [];
    if (nativeTools || (m.role !== 'tool' && !(m.role === 'assistant' && m.tool_calls?.length))) {
      if (m.role === 'tool') return [{ role: 'tool', content: m.content, tool_call_id: m.tool_call_id }];
      return [m];
    }
    if (m.role === 'tool') return [{ role: 'user', content: `Result of ${m.name ?? 'the tool'}: ${m.content}` }];
    const calls = (m.role === 'assistant' ? m.tool_calls : undefined) ?? [];
    return [{ role: 'assistant', content: JSON.stringify({ tool_calls: calls.map((c) => ({ name: c.function.name, arguments: c.function.arguments })) }) }];
  });
  return system ? [{ role: 'system', content: system }, ...rest] : rest;
}

let replies = 0;

export class WebLlmProvider implements ChatProvider {
  readonly id = 'webllm' as const;
  readonly #toolCalling: boolean;

  constructor(
    private readonly engine: EngineLike,
    readonly model: string,
    opts: { toolCalling?: boolean } = {},
  ) {
    this.#toolCalling = opts.toolCalling ?? modelInfo(model)?.toolCalling ?? false;
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    if (req.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    const wantsTools = Boolean(req.tools?.length);
    const jsonTools = wantsTools && !this.#toolCalling;
    const request: WebLlmRequest = {
      messages: toEngineMessages(req.messages, this.#toolCalling, jsonTools && req.tools ? jsonToolInstructions(req.tools) : undefined),
      stream: true,
      ...(wantsTools && this.#toolCalling ? { tools: req.tools } : {}),
      ...(jsonTools ? { response_format: { type: 'json_object' as const } } : req.response_format ? { response_format: req.response_format } : {}),
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.max_tokens !== undefined ? { max_tokens: req.max_tokens } : {}),
    };
    const onAbort = () => this.engine.interruptGenerate();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    // In JSON-tool mode the raw tokens are JSON: the answer is sent as one token at the end.
    const assembler = new StreamAssembler(jsonTools ? undefined : req.onToken);
    try {
      const stream = await this.engine.chat.completions.create(request);
      for await (const chunk of stream) {
        if (req.signal?.aborted) break;
        assembler.push(chunk);
      }
    } catch (err) {
      if (req.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
      throw toAppError(err, 'model-unavailable');
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
    }
    if (req.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    const result = assembler.result();
    if (!jsonTools) return result;
    const parsed = parseJsonToolReply(result.message.content ?? '', `call_webllm_${++replies}`);
    if (parsed.message.content) req.onToken?.(parsed.message.content);
    return parsed;
  }
}
