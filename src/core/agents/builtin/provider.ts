/**
 * The model-free chat provider: plans tool calls with rules over the question and the client
 * book, then composes a cited Markdown answer from the tool results. Deterministic and offline.
 */
import type { ClientStore } from '../../clients/types.ts';
import { AppError } from '../../errors.ts';
import type { PlaybookIndex } from '../../playbook/types.ts';
import type { ChatMessage, ChatProvider, ChatRequest, ChatResponse, ToolCall } from '../../providers/types.ts';
import { FEEDBACK_PREFIX as GRAPH_FEEDBACK_PREFIX, TOOL_CAP_MESSAGE } from '../prompts.ts';
import { composeAnswer } from './compose.ts';
import { planToolCalls, type ToolExchange } from './plan.ts';

export const FEEDBACK_PREFIX = 'Reflection feedback:';
/** Feedback prefixes recognised: this module's and the graph's retry message. */
const FEEDBACK_PREFIXES = [FEEDBACK_PREFIX, GRAPH_FEEDBACK_PREFIX];

export interface BuiltinAgentOptions {
  clients: ClientStore;
  playbook: PlaybookIndex;
  /** ISO date used as "today" for renewal windows; defaults to the store's current date. */
  today?: string;
  /** Planning rounds before the agent answers with what it has (default 3). */
  maxRounds?: number;
}

/** What the provider reads out of a conversation. */
export interface ConversationState {
  question: string;
  exchanges: ToolExchange[];
  feedback?: string;
  /** Tool-call rounds since the question (or since the latest feedback). */
  roundsSinceFeedback: number;
  /** The graph told the agent to stop calling tools. */
  capped: boolean;
}

function parseArgs(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Finds the last real question, every answered tool call after it, and the latest reflection feedback. */
export function readConversation(messages: ChatMessage[]): ConversationState {
  const prefixOf = (m: ChatMessage): string | undefined =>
    m.role === 'user' || m.role === 'system' ? FEEDBACK_PREFIXES.find((p) => m.content.trimStart().startsWith(p)) : undefined;
  const isFeedback = (m: ChatMessage): boolean => prefixOf(m) !== undefined;
  const isCap = (m: ChatMessage): boolean => m.role === 'user' && m.content === TOOL_CAP_MESSAGE;
  let qi = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role === 'user' && !isFeedback(m) && !isCap(m)) {
      qi = i;
      break;
    }
  }
  if (qi < 0) throw new AppError('provider-bad-response', 'The conversation has no user question.');
  const question = messages[qi].content as string;
  const calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  const exchanges: ToolExchange[] = [];
  let feedback: string | undefined;
  let rounds = 0;
  let capped = false;
  for (const m of messages.slice(qi + 1)) {
    if (m.role === 'assistant' && m.tool_calls?.length) {
      rounds++;
      for (const c of m.tool_calls) calls.set(c.id, { name: c.function.name, args: parseArgs(c.function.arguments) });
    } else if (m.role === 'tool') {
      const call = calls.get(m.tool_call_id);
      exchanges.push({ name: call?.name ?? m.name ?? '', args: call?.args ?? {}, content: m.content });
    } else if ((m.role === 'user' || m.role === 'system') && isFeedback(m)) {
      feedback = m.content.trimStart().slice((prefixOf(m) ?? '').length).trim();
      rounds = 0;
      capped = false;
    } else if (isCap(m)) {
      capped = true;
    }
  }
  return { question, exchanges, feedback, roundsSinceFeedback: rounds, capped };
}

/** Streams text word by word (whitespace kept) through `onToken`. */
function stream(text: string, onToken: ((t: string) => void) | undefined, signal: AbortSignal | undefined): void {
  if (!onToken) return;
  for (const token of text.match(/\S+\s*|\s+/g) ?? []) {
    if (signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    onToken(token);
  }
}

/** ChatProvider with no model: rule-based planning and composition over the two tools. */
export class BuiltinAgentProvider implements ChatProvider {
  readonly id = 'builtin' as const;
  readonly model = 'builtin-rules';
  readonly #opts: BuiltinAgentOptions;
  #seq = 0;

  constructor(opts: BuiltinAgentOptions) {
    this.#opts = opts;
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    if (req.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    const state = readConversation(req.messages);
    if (!state.capped && state.roundsSinceFeedback < (this.#opts.maxRounds ?? 3)) {
      const planned = await planToolCalls(state.question, { clients: this.#opts.clients, today: this.#opts.today }, state.exchanges, state.feedback);
      if (planned.length > 0) {
        const tool_calls: ToolCall[] = planned.map((p) => ({
          id: `builtin-${++this.#seq}`,
          type: 'function',
          function: { name: p.name, arguments: JSON.stringify(p.args) },
        }));
        return { message: { role: 'assistant', content: null, tool_calls }, finish_reason: 'tool_calls' };
      }
    }
    const content = composeAnswer(
      state.question,
      state.exchanges.map((e) => ({ name: e.name, content: e.content })),
    );
    stream(content, req.onToken, req.signal);
    return { message: { role: 'assistant', content }, finish_reason: 'stop' };
  }
}
