/**
 * A ChatProvider that replays a script, for graph and runner tests. Each step is a reply
 * (content and/or tool calls), an error to throw, or a function of the request.
 */
import type { ChatProvider, ChatRequest, ChatResponse, ProviderId, ToolCall } from '../core/providers/types.ts';

export type ScriptStep =
  | { content?: string; toolCalls?: { name: string; args: Record<string, unknown> }[] }
  | { error: Error }
  | ((req: ChatRequest) => ChatResponse | Promise<ChatResponse>);

let nextId = 0;

/** Builds a ChatResponse with tool calls (ids generated). */
export function toolCallReply(calls: { name: string; args: Record<string, unknown> }[], content: string | null = null): ChatResponse {
  const tool_calls: ToolCall[] = calls.map((c) => ({
    id: `call_${++nextId}`,
    type: 'function',
    function: { name: c.name, arguments: JSON.stringify(c.args) },
  }));
  return { message: { role: 'assistant', content, tool_calls }, finish_reason: 'tool_calls' };
}

export class ScriptedProvider implements ChatProvider {
  readonly requests: ChatRequest[] = [];
  #steps: ScriptStep[];

  constructor(
    steps: ScriptStep[],
    readonly id: ProviderId = 'builtin',
    readonly model = 'scripted',
  ) {
    this.#steps = [...steps];
  }

  /** Steps not consumed yet. */
  get remaining(): number {
    return this.#steps.length;
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    this.requests.push({ ...req, messages: [...req.messages] });
    const step = this.#steps.shift();
    if (!step) throw new Error(`ScriptedProvider ran out of steps after ${this.requests.length - 1} requests`);
    if (typeof step === 'function') return step(req);
    if ('error' in step) throw step.error;
    if (step.toolCalls?.length) return toolCallReply(step.toolCalls, step.content ?? null);
    const content = step.content ?? '';
    for (const token of content.match(/\S+\s*/g) ?? []) req.onToken?.(token);
    return { message: { role: 'assistant', content }, finish_reason: 'stop' };
  }
}
