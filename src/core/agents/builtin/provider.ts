/**
 * The model-free chat provider. It reads the graph's typed turn (never the chat messages): it
 * plans tool calls from the question's frame and the evidence so far, then composes a cited
 * Markdown answer. Deterministic and offline.
 */
import { AppError } from '../../errors.ts';
import type { ChatProvider, ChatRequest, ChatResponse, ToolCall } from '../../providers/types.ts';
import { composeTurn, planTurn } from './answer.ts';

export interface BuiltinAgentOptions {
  /** Tool rounds per attempt before the agent answers with what it has (default 3). */
  maxRounds?: number;
}

/** Streams text word by word (whitespace kept) through `onToken`. */
function stream(text: string, onToken: ((t: string) => void) | undefined, signal: AbortSignal | undefined): void {
  if (!onToken) return;
  for (const token of text.match(/\S+\s*|\s+/g) ?? []) {
    if (signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    onToken(token);
  }
}

/** ChatProvider with no model: plans and composes from the typed turn. */
export class BuiltinAgentProvider implements ChatProvider {
  readonly id = 'builtin' as const;
  readonly model = 'builtin-rules';
  readonly #maxRounds: number;
  #seq = 0;

  constructor(opts: BuiltinAgentOptions = {}) {
    this.#maxRounds = opts.maxRounds ?? 3;
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    if (req.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    const turn = req.turn;
    if (!turn) throw new AppError('provider-bad-response', 'The built-in agent runs inside the co-pilot graph.');
    if (!turn.capped && turn.round < this.#maxRounds) {
      const planned = planTurn(turn);
      if (planned.length > 0) {
        const tool_calls: ToolCall[] = planned.map((p) => ({
          id: `builtin-${++this.#seq}`,
          type: 'function',
          function: { name: p.name, arguments: JSON.stringify(p.args) },
        }));
        return { message: { role: 'assistant', content: null, tool_calls }, finish_reason: 'tool_calls' };
      }
    }
    const content = composeTurn(turn);
    stream(content, req.onToken, req.signal);
    return { message: { role: 'assistant', content }, finish_reason: 'stop' };
  }
}
