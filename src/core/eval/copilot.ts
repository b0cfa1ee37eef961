/**
 * Wires the real co-pilot (graph runner + tools + reflection) over a client store and a
 * playbook index into the `answer` function the evaluation runner takes. Without a chat
 * provider it is the built-in (model-free) agent; with one, the built-in agent is its fallback.
 */
import { BuiltinAgentProvider, BuiltinReflector } from '../agents/builtin/index.ts';
import type { CopilotDeps } from '../agents/graph.ts';
import { CombinedReflector, LlmReflector, type Critic } from '../agents/reflection.ts';
import { answerQuestion } from '../agents/runner.ts';
import type { ClientStore } from '../clients/types.ts';
import type { PlaybookIndex } from '../playbook/types.ts';
import type { ChatProvider } from '../providers/types.ts';
import { createTools } from '../tools/tools.ts';
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
  const builtin = new BuiltinAgentProvider({ clients: opts.clients, playbook: opts.playbook, today: opts.today });
  const rules = new BuiltinReflector();
  const crm = opts.crm ?? builtin;
  const reviewer = opts.crm ? new LlmReflector(opts.crm, rules) : rules;
  const deps: CopilotDeps = {
    crm,
    reflector: opts.critic ? new CombinedReflector(reviewer, opts.critic) : reviewer,
    tools: createTools({ clients: opts.clients, playbook: opts.playbook }),
    ...(opts.crm ? { fallback: builtin } : {}),
  };
  return { provider: `${crm.id}/${crm.model}${opts.critic ? '+critic' : ''}`, answer: (question, signal) => answerQuestion(question, deps, { signal }) };
}
