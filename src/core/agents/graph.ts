/**
 * The co-pilot graph: START → crm_agent → (tools → crm_agent)* → reflection → END, or back to
 * crm_agent with the reviewer's feedback, at most `maxAttempts` times. Built with the
 * isomorphic `@langchain/langgraph/web`: nodes get per-run callbacks through `config`.
 */
import { END, START, StateGraph, type BaseCheckpointSaver, type LangGraphRunnableConfig } from '@langchain/langgraph/web';
import { AppError } from '../errors.ts';
import type { ChatMessage, ChatProvider, ToolCall } from '../providers/types.ts';
import { dedupeCitations, parseCitations, usedCitations, type Citation } from '../citations.ts';
import { todayIso } from '../clients/client-query.ts';
import { parseArgs, type Tools } from '../tools/tools.ts';
import { retryCalls } from './builtin/review.ts';
import type { CopilotEvent, GraphNodeName } from './events.ts';
import { gatherEvidence, type ToolExchange } from './kinds/evidence.ts';
import { foundClients } from './kinds/common.ts';
import { CRM_SYSTEM_PROMPT, TOOL_CAP_MESSAGE, contextMessage, feedbackMessage } from './prompts.ts';
import { parseQuestion } from './question/parse.ts';
import type { FrameTurn, QuestionFrame } from './question/frame.ts';
import { problemCount, type Reflector } from './reflection.ts';
import { CopilotState, type CopilotStateUpdate, type CopilotStateValue, type ToolResultRecord } from './state.ts';
import type { AgentTurn } from './turn.ts';
import type { CorrectionMemory, ReflectionVerdict } from './types.ts';

export interface CopilotDeps {
  crm: ChatProvider;
  reflector: Reflector;
  tools: Tools;
  /** Attempts before the best one is returned with reservations (default 3). */
  maxAttempts?: number;
  /** Tool rounds per attempt before the agent must answer (default 4). */
  maxToolRounds?: number;
  /** Re-answers with this provider when `crm` fails with an auth, network or rate-limit error. */
  fallback?: ChatProvider;
  /** ISO date that relative dates and renewal advice use (default: the real date). */
  today?: string;
  /** The rep's own name ("my clients"). */
  rep?: string;
  /** The rep's remembered corrections, recalled for similar questions. */
  corrections?: CorrectionMemory;
}

/** Per-run callbacks, passed to nodes in `config.configurable.copilot`. */
export interface RunContext {
  onEvent?: (event: CopilotEvent) => void;
  signal?: AbortSignal;
}

const HISTORY_TURNS = 3;
const NO_ANSWER = 'I could not complete the lookup for this question. Please rephrase it or ask about one client or policy at a time.';

function runContext(config: LangGraphRunnableConfig): RunContext {
  const ctx: unknown = config.configurable?.copilot;
  return ctx && typeof ctx === 'object' ? (ctx as RunContext) : {};
}

function emitter(ctx: RunContext): (e: CopilotEvent) => void {
  return (e) => {
    try {
      ctx.onEvent?.(e);
    } catch {
      // A failing UI listener must not break the answer.
    }
  };
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
}

function argsRecord(json: string): Record<string, unknown> {
  try {
    const parsed = parseArgs(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The tool calls made for the current question, with their typed results. */
function exchangesOf(state: CopilotStateValue): ToolExchange[] {
  return state.toolResults.map((r) => ({ name: r.name, args: r.args, data: r.data }));
}

/** Every source the tool results offered, plus the recalled notes: what an answer may cite. */
export function availableCitations(state: CopilotStateValue): Citation[] {
  const notes: Citation[] = state.notes.map((n) => ({ kind: 'note', source: 'Your note', noteId: n.id, quote: n.correction }));
  return dedupeCitations([...state.toolResults.flatMap((r) => r.citations), ...notes]);
}

/** The clients an answer was about (named, else listed), for "them" and "the first one" next turn. */
function answerClients(frame: QuestionFrame | null, exchanges: ToolExchange[]): FrameTurn['clients'] {
  const ev = gatherEvidence(exchanges);
  const named = frame ? foundClients(frame, ev) : ev.found.map((f) => f.client);
  const listed = ev.queries.at(-1)?.result.clients ?? [];
  return (named.length ? named : listed).slice(0, 20).map((c) => ({ id: c.id, name: c.name }));
}

function lastAssistant(messages: ChatMessage[]): Extract<ChatMessage, { role: 'assistant' }> | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role === 'assistant') return m;
  }
  return undefined;
}

/** Wraps a node with start/end events and a trace step. */
function timed(node: GraphNodeName, body: (state: CopilotStateValue, ctx: RunContext, emit: (e: CopilotEvent) => void) => Promise<CopilotStateUpdate>) {
  return async (state: CopilotStateValue, config: LangGraphRunnableConfig): Promise<CopilotStateUpdate> => {
    const ctx = runContext(config);
    const emit = emitter(ctx);
    checkAborted(ctx.signal);
    const attempt = state.attempt;
    const t0 = performance.now();
    emit({ type: 'node.start', node, attempt });
    const update = await body(state, ctx, emit);
    const ms = Math.round(performance.now() - t0);
    emit({ type: 'node.end', node, attempt, ms });
    return { ...update, trace: [...state.trace, { node, attempt, ms }] };
  };
}

/** Picks the attempt whose reflection found the fewest problems (ties: the later one). */
export function bestAttempt(reflections: ReflectionVerdict[]): number {
  let best = 0;
  reflections.forEach((r, i) => {
    if (problemCount(r) <= problemCount(reflections[best])) best = i;
  });
  return best;
}

/** Builds the compiled co-pilot graph. */
export function buildCopilotGraph(deps: CopilotDeps, opts: { checkpointer?: BaseCheckpointSaver } = {}) {
  const maxAttempts = deps.maxAttempts ?? 3;
  const maxToolRounds = deps.maxToolRounds ?? 4;

  const today = deps.today ?? todayIso();

  const understand = timed('understand', async (state, ctx, emit) => {
    const [mentions, vocabulary, notes] = await Promise.all([
      deps.tools.mentions(state.question),
      deps.tools.vocabulary(),
      deps.corrections ? deps.corrections.recall(state.question, ctx.signal).catch(() => []) : Promise.resolve([]),
    ]);
    checkAborted(ctx.signal);
    const frame = parseQuestion({ question: state.question, mentions: mentions.results, vocabulary, today, rep: deps.rep, history: state.history });
    emit({ type: 'understood', frame, clientsFound: mentions.results.flatMap((m) => (m.status === 'found' ? [m.client.name] : [])) });
    return { frame, notes };
  });

  const crmAgent = timed('crm_agent', async (state, ctx, emit) => {
    const capped = state.toolRounds >= maxToolRounds;
    const messages: ChatMessage[] = capped ? [...state.messages, { role: 'user', content: TOOL_CAP_MESSAGE }] : state.messages;
    const history: ChatMessage[] = state.history.slice(-HISTORY_TURNS).flatMap((t): ChatMessage[] => [
      { role: 'user', content: t.question },
      { role: 'assistant', content: t.answer },
    ]);
    const frame = state.frame;
    const context = frame ? contextMessage(frame, state.notes) : '';
    const turn: AgentTurn | undefined = frame
      ? {
          frame,
          exchanges: exchangesOf(state),
          findings: state.attempt > 1 ? (state.reflections.at(-1)?.findings ?? []) : [],
          round: state.toolRounds,
          capped,
          today,
          rep: deps.rep,
          notes: state.notes,
        }
      : undefined;
    const res = await deps.crm.chat({
      messages: [{ role: 'system', content: CRM_SYSTEM_PROMPT }, ...(context ? [{ role: 'system' as const, content: context }] : []), ...history, ...messages],
      tools: capped ? undefined : deps.tools.specs,
      signal: ctx.signal,
      onToken: (text) => emit({ type: 'token', text }),
      turn,
    });
    const calls = capped ? [] : (res.message.tool_calls ?? []);
    if (calls.length > 0) {
      const withIds: ToolCall[] = calls.map((c, i) => ({ ...c, id: c.id || `call_${state.attempt}_${state.toolRounds}_${i}` }));
      return { messages: [...messages, { role: 'assistant', content: res.message.content, tool_calls: withIds }] };
    }
    const answer = res.message.content?.trim() || NO_ANSWER;
    return {
      messages: [...messages, { role: 'assistant', content: answer }],
      attemptAnswers: [...state.attemptAnswers, answer],
    };
  });

  const tools = timed('tools', async (state, ctx, emit) => {
    const calls = lastAssistant(state.messages)?.tool_calls ?? [];
    const results = await Promise.all(
      calls.map(async (call): Promise<ToolResultRecord & { id: string }> => {
        const args = argsRecord(call.function.arguments);
        emit({ type: 'tool.call', name: call.function.name, args });
        const t0 = performance.now();
        const r = await deps.tools.run(call.function.name, call.function.arguments);
        const ms = Math.round(performance.now() - t0);
        emit({ type: 'tool.result', name: call.function.name, ms, cached: r.cached, error: r.isError });
        return { id: call.id, name: call.function.name, args, ...r, ms, attempt: state.attempt };
      }),
    );
    checkAborted(ctx.signal);
    const toolMessages: ChatMessage[] = results.map((r) => ({ role: 'tool', tool_call_id: r.id, name: r.name, content: r.content }));
    return {
      messages: [...state.messages, ...toolMessages],
      toolRounds: state.toolRounds + 1,
      toolCalls: [...state.toolCalls, ...results.map((r) => ({ name: r.name, args: r.args }))],
      toolResults: [...state.toolResults, ...results.map(({ id: _id, ...r }) => r)],
    };
  });

  /** A retry can change the answer: the findings name a call not yet made, or a model writes the answer. */
  function retryCanChange(state: CopilotStateValue, verdict: ReflectionVerdict, answer: string): boolean {
    if (state.attemptAnswers.slice(0, -1).includes(answer)) return false;
    const made = new Set(state.toolCalls.map((c) => `${c.name}:${JSON.stringify(c.args)}`));
    const newCalls = retryCalls(verdict.findings ?? []).some((c) => !made.has(`${c.name}:${JSON.stringify(c.args)}`));
    if (newCalls) return true;
    if (deps.crm.id === 'builtin') return false;
    const criticOnly = (verdict.findings ?? []).length === 0 && verdict.critic_score !== undefined;
    return !criticOnly || state.attempt === 1;
  }

  const reflection = timed('reflection', async (state, ctx, emit) => {
    const answer = state.attemptAnswers[state.attemptAnswers.length - 1] ?? NO_ANSWER;
    const verdict = await deps.reflector.reflect(
      {
        question: state.question,
        answer,
        toolCalls: state.toolCalls,
        toolResults: state.toolResults.map((r) => ({ name: r.name, content: r.content })),
        typed: state.frame
          ? { frame: state.frame, exchanges: exchangesOf(state), citations: availableCitations(state), today, rep: deps.rep, notes: state.notes }
          : undefined,
      },
      ctx.signal,
    );
    emit({ type: 'reflection', verdict, attempt: state.attempt });
    const reflections = [...state.reflections, verdict];
    const finish = (finalAnswer: string): CopilotStateUpdate => ({
      reflections,
      finalAnswer,
      history: [
        ...state.history,
        { question: state.question, answer: finalAnswer, frame: state.frame, clients: answerClients(state.frame, exchangesOf(state)) },
      ].slice(-10),
    });
    if (verdict.verdict === 'pass') return finish(answer);
    if (state.attempt < maxAttempts && retryCanChange(state, verdict, answer)) {
      const attempt = state.attempt + 1;
      emit({ type: 'retry', attempt, feedback: verdict.feedback });
      return {
        reflections,
        attempt,
        toolRounds: 0,
        messages: [...state.messages, { role: 'user', content: feedbackMessage(verdict.feedback, attempt) }],
      };
    }
    const best = bestAttempt(reflections);
    const reservations = reflections[best].feedback || 'The reviewer could not confirm this answer.';
    return finish(`${state.attemptAnswers[best]}\n\n> **Reviewer's reservations:** ${reservations}`);
  });

  return new StateGraph(CopilotState)
    .addNode('understand', understand)
    .addNode('crm_agent', crmAgent)
    .addNode('tools', tools)
    .addNode('reflection', reflection)
    .addEdge(START, 'understand')
    .addEdge('understand', 'crm_agent')
    .addConditionalEdges('crm_agent', (s: CopilotStateValue) => (lastAssistant(s.messages)?.tool_calls?.length ? 'tools' : 'reflection'), [
      'tools',
      'reflection',
    ])
    .addEdge('tools', 'crm_agent')
    .addConditionalEdges('reflection', (s: CopilotStateValue) => (s.finalAnswer !== null ? END : 'crm_agent'), ['crm_agent', END])
    .compile({ checkpointer: opts.checkpointer });
}

export type CopilotGraph = ReturnType<typeof buildCopilotGraph>;

/** The sources the final answer cites, numbered by first use (see `citations.ts`). */
export function collectCitations(state: CopilotStateValue): Citation[] {
  const answer = state.finalAnswer ?? '';
  const available = availableCitations(state);
  const { used } = usedCitations(answer, available);
  if (used.length || parseCitations(answer).length) return used;
  // A model that wrote no markers: the client records its answer names are still its sources.
  const text = answer.toLowerCase();
  return available.filter((c) => c.kind === 'client' && text.includes(c.source.toLowerCase()));
}
