/**
 * The one place the co-pilot is wired: the app, the evaluation, `npm run ask` and the bench all
 * build it here, so they cannot drift. Without a model it is the built-in agent and reviewer; with
 * one, the built-in agent is its fallback and the built-in checks still review every answer.
 */
import type { BaseCheckpointSaver } from '@langchain/langgraph/web';
import type { ClientStore } from '../clients/types.ts';
import type { PlaybookIndex } from '../playbook/types.ts';
import type { ChatProvider } from '../providers/types.ts';
import { createTools, type Tools } from '../tools/tools.ts';
import { BuiltinAgentProvider } from './builtin/provider.ts';
import { BuiltinReflector } from './builtin/reflect.ts';
import type { CopilotEvent } from './events.ts';
import type { CopilotDeps } from './graph.ts';
import { CombinedReflector, LlmReflector, type Critic } from './reflection.ts';
import { answerQuestion } from './runner.ts';
import type { AnswerRecord, CorrectionMemory } from './types.ts';

export interface CopilotConfig {
  clients: ClientStore;
  playbook: PlaybookIndex;
  /** Shared tools (and their caches); created when omitted. */
  tools?: Tools;
  /** The answering model; omitted = the built-in agent. */
  crm?: ChatProvider;
  /** A model that reviews answers (besides the built-in checks). */
  reviewer?: ChatProvider;
  /** The trained RLHF critic, when switched on. */
  critic?: Critic;
  corrections?: CorrectionMemory;
  /** ISO "today" for relative dates and renewal advice (default: the real date). */
  today?: string;
  /** The rep's own name ("my clients"). */
  rep?: string;
  maxAttempts?: number;
}

export interface Copilot {
  readonly deps: CopilotDeps;
  readonly tools: Tools;
  /** e.g. "builtin/builtin-rules", "openai/gpt-4o-mini". */
  readonly label: string;
  answer(
    question: string,
    opts?: { threadId?: string; signal?: AbortSignal; onEvent?: (e: CopilotEvent) => void; checkpointer?: BaseCheckpointSaver },
  ): Promise<AnswerRecord>;
}

/** Builds the co-pilot over a client store and a playbook index. */
export function createCopilot(cfg: CopilotConfig): Copilot {
  const builtin = new BuiltinAgentProvider();
  const rules = new BuiltinReflector();
  const crm = cfg.crm ?? builtin;
  const tools = cfg.tools ?? createTools({ clients: cfg.clients, playbook: cfg.playbook });
  const reviewer = cfg.reviewer ? new LlmReflector(cfg.reviewer, rules) : rules;
  const deps: CopilotDeps = {
    crm,
    reflector: new CombinedReflector(reviewer, cfg.critic),
    tools,
    fallback: crm === builtin ? undefined : builtin,
    today: cfg.today,
    rep: cfg.rep,
    corrections: cfg.corrections,
    maxAttempts: cfg.maxAttempts,
  };
  return {
    deps,
    tools,
    label: `${crm.id}/${crm.model}`,
    answer: (question, opts = {}) => answerQuestion(question, deps, opts),
  };
}
