/**
 * Typed graph state. Per-question fields are plain last-value channels: each node returns the
 * whole new value, and a new question overwrites them all, so a thread can be resumed from its
 * checkpoint and asked again. Only `history` (earlier questions and answers) carries over.
 */
import { Annotation } from '@langchain/langgraph/web';
import type { ChatMessage } from '../providers/types.ts';
import type { ToolData } from '../tools/types.ts';
import type { FrameTurn, QuestionFrame } from './question/frame.ts';
import type { Citation, RecalledNote, ReflectionVerdict, TraceStep } from './types.ts';

export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
}

export interface ToolResultRecord extends ToolCallRecord {
  content: string;
  contexts: string[];
  citations: Citation[];
  cached: boolean;
  isError: boolean;
  ms: number;
  attempt: number;
  /** The typed result (absent when the call failed). */
  data?: ToolData;
}

/** An earlier turn of the thread: question, answer, its frame and the clients the answer was about. */
export type Turn = FrameTurn;

const last = <T>(initial: () => T) => Annotation<T>({ reducer: (_prev: T, next: T) => next, default: initial });

export const CopilotState = Annotation.Root({
  question: last<string>(() => ''),
  /** The question read into its typed frame (with the conversation so far). */
  frame: last<QuestionFrame | null>(() => null),
  /** The rep's earlier corrections that match this question. */
  notes: last<RecalledNote[]>(() => []),
  /** Messages of the current question (user, assistant, tool, feedback). */
  messages: last<ChatMessage[]>(() => []),
  attempt: last<number>(() => 1),
  /** Tool rounds used in the current attempt. */
  toolRounds: last<number>(() => 0),
  toolCalls: last<ToolCallRecord[]>(() => []),
  toolResults: last<ToolResultRecord[]>(() => []),
  /** The answer each attempt ended with, aligned with `reflections`. */
  attemptAnswers: last<string[]>(() => []),
  reflections: last<ReflectionVerdict[]>(() => []),
  finalAnswer: last<string | null>(() => null),
  trace: last<TraceStep[]>(() => []),
  history: last<Turn[]>(() => []),
});

export type CopilotStateValue = typeof CopilotState.State;
export type CopilotStateUpdate = typeof CopilotState.Update;

/** The input that starts a new question on a (possibly resumed) thread. */
export function questionInput(question: string): CopilotStateUpdate {
  return {
    question,
    frame: null,
    notes: [],
    messages: [{ role: 'user', content: question }],
    attempt: 1,
    toolRounds: 0,
    toolCalls: [],
    toolResults: [],
    attemptAnswers: [],
    reflections: [],
    finalAnswer: null,
    trace: [],
  };
}
