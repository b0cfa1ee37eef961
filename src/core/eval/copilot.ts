/**
 * Wires the real co-pilot (graph runner + tools + reflection) over a client store and a
 * playbook index into the `answer` function the evaluation runner takes. Without a chat
 * provider it is the built-in (model-free) agent; with one, the built-in agent is its fallback.
 */
import { createCopilot } from '../agents/copilot.ts';
import type { Critic } from '../agents/reflection.ts';
import type { ClientStore } from '../clients/types.ts';
import type { PlaybookIndex } from '../playbook/types.ts';
import type { ChatProvider } from '../providers/types.ts';
import type { Copilot } from './host.ts';

export interface CopilotOptions {
  clients: ClientStore;
  playbook: PlaybookIndex;
  /** The answering model; omitted = the built-in agent. */
  crm?: ChatProvider;
  /** ISO "today" for renewal windows. */
  today?: string;
  /** A trained RLHF critic taking part in reflection (it never overrides a failed rule check). */
  critic?: Critic;
}

/** The co-pilot as an AnswerFn plus its report label (e.g. 'builtin/builtin-rules'). */
export function makeCopilot(opts: CopilotOptions): Copilot {
  const copilot = createCopilot({ clients: opts.clients, playbook: opts.playbook, crm: opts.crm, reviewer: opts.crm, critic: opts.critic, today: opts.today });
  let conversations = 0;
  return {
    provider: `${copilot.label}${opts.critic ? '+critic' : ''}`,
    answer: async (question, signal, history = []) => {
      if (history.length === 0) return copilot.answer(question, { signal });
      // A conversation case: the earlier questions are asked first in one thread of its own.
      const { MemorySaver } = await import('@langchain/langgraph/web');
      const checkpointer = new MemorySaver();
      const threadId = `eval-${++conversations}`;
      for (const q of history) await copilot.answer(q, { signal, threadId, checkpointer });
      return copilot.answer(question, { signal, threadId, checkpointer });
    },
  };
}
