/**
 * Runs one question through the co-pilot graph and returns its AnswerRecord. When the chosen
 * provider fails with an auth, network or rate-limit error, it re-answers with the fallback
 * (built-in) provider and says so in a notice.
 */
import type { BaseCheckpointSaver } from '@langchain/langgraph/web';
import { AppError, toAppError, type ErrorCode } from '../errors.ts';
import type { CopilotEvent } from './events.ts';
import { TOOL_SEARCH_CLIENTS } from '../tools/types.ts';
import type { ChatProvider } from '../providers/types.ts';
import { tierRanges } from './kinds/book.ts';
import { tiersOf } from './kinds/common.ts';
import { gatherEvidence } from './kinds/evidence.ts';
import { kindOf } from './kinds/registry.ts';
import { buildCopilotGraph, collectCitations, type CopilotDeps, type RunContext } from './graph.ts';
import { conditionApplied } from './question/conditions.ts';
import { suggestFollowUps } from './question/suggest.ts';
import { questionInput, type CopilotStateValue } from './state.ts';
import type { AnswerRecord } from './types.ts';

export interface AnswerOptions {
  threadId?: string;
  signal?: AbortSignal;
  onEvent?: (event: CopilotEvent) => void;
  checkpointer?: BaseCheckpointSaver;
}

const FALLBACK_CODES: ReadonlySet<ErrorCode> = new Set(['provider-auth', 'provider-network', 'provider-rate-limit']);

const FALLBACK_REASON: Partial<Record<ErrorCode, string>> = {
  'provider-auth': 'the API key was rejected',
  'provider-network': 'the model endpoint could not be reached',
  'provider-rate-limit': 'the model endpoint is rate-limiting requests',
};

function newThreadId(): string {
  return `t-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** "Built-in", or the model's name. */
export function authorLabel(p: ChatProvider): string {
  return p.id === 'builtin' ? 'Built-in' : p.model;
}

/** Each condition of a book question and whether a client search that ran applied it. */
function conditionReport(state: CopilotStateValue): AnswerRecord['conditions'] {
  const frame = state.frame;
  if (!frame || kindOf(frame).id !== 'book') return [];
  const tiers = tierRanges(tiersOf(gatherEvidence(state.toolResults)));
  const queries = state.toolCalls.filter((c) => c.name === TOOL_SEARCH_CLIENTS && c.args.client_name === undefined).map((c) => c.args);
  return frame.conditions.map((condition) => ({ condition, applied: queries.some((q) => conditionApplied(condition, q, tiers)) }));
}

function toRecord(
  question: string,
  state: CopilotStateValue,
  ms: number,
  labels: { provider: string; written: string; reviewed?: string },
  notice?: string,
): AnswerRecord {
  const last = state.history.at(-1);
  return {
    question,
    answer: state.finalAnswer ?? '',
    tool_calls: state.toolCalls,
    contexts: state.toolResults.flatMap((r) => r.contexts),
    citations: collectCitations(state),
    reflections: state.reflections,
    attempts: state.attempt,
    ms,
    provider: labels.provider,
    ...(notice ? { notice } : {}),
    trace: state.trace,
    written_by: labels.written,
    ...(labels.reviewed ? { reviewed_by: labels.reviewed } : {}),
    suggestions: suggestFollowUps(state.frame, last?.question === question ? last.clients : []),
    ...(state.notes.length ? { notes: state.notes } : {}),
    ...(state.frame ? { frame: state.frame, conditions: conditionReport(state) } : {}),
  };
}

async function invoke(deps: CopilotDeps, question: string, threadId: string, opts: AnswerOptions): Promise<CopilotStateValue> {
  const graph = buildCopilotGraph(deps, { checkpointer: opts.checkpointer });
  const copilot: RunContext = { onEvent: opts.onEvent, signal: opts.signal };
  try {
    return await graph.invoke(questionInput(question), {
      configurable: { thread_id: threadId, copilot },
      signal: opts.signal,
      recursionLimit: 200,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    throw toAppError(err);
  }
}

/** Answers one question; resumes `threadId` from the checkpointer when given. */
export async function answerQuestion(question: string, deps: CopilotDeps, opts: AnswerOptions = {}): Promise<AnswerRecord> {
  const t0 = performance.now();
  const threadId = opts.threadId ?? newThreadId();
  try {
    const state = await invoke(deps, question, threadId, opts);
    return toRecord(question, state, Math.round(performance.now() - t0), {
      provider: deps.crm.id,
      written: authorLabel(deps.crm),
      reviewed: deps.reflector.label,
    });
  } catch (err) {
    const e = toAppError(err);
    const fallback = deps.fallback;
    if (!fallback || fallback === deps.crm || !FALLBACK_CODES.has(e.code)) throw e;
    const notice = `Answered by the built-in agent because ${FALLBACK_REASON[e.code] ?? 'the model provider failed'}.`;
    try {
      opts.onEvent?.({ type: 'notice', text: notice });
    } catch {
      // Listener errors are not the answer's problem.
    }
    const state = await invoke({ ...deps, crm: fallback, fallback: undefined }, question, threadId, opts);
    const written = `${authorLabel(fallback)}, because ${FALLBACK_REASON[e.code] ?? 'the model provider failed'}`;
    return toRecord(question, state, Math.round(performance.now() - t0), { provider: fallback.id, written, reviewed: deps.reflector.label }, notice);
  }
}
