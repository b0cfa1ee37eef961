/** Chat messages and tools shaped like OpenAI chat completions, so providers are interchangeable. */
import type { AgentTurn } from '../agents/turn.ts';

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
  | { role: 'tool'; content: string; tool_call_id: string; name?: string };

export interface ToolSpec {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolSpec[];
  response_format?: { type: 'json_object' | 'text' };
  temperature?: number;
  max_tokens?: number;
  signal?: AbortSignal;
  /** Called with each streamed content token. */
  onToken?: (token: string) => void;
  /** The graph's typed view of the question so far; model providers read the messages instead. */
  turn?: AgentTurn;
}

export interface ChatResponse {
  message: { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] };
  finish_reason: 'stop' | 'tool_calls' | 'length';
}

export type ProviderId = 'builtin' | 'openai' | 'webllm';

export interface ChatProvider {
  readonly id: ProviderId;
  readonly model: string;
  chat(req: ChatRequest): Promise<ChatResponse>;
}
