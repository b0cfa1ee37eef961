/** What one answer of the co-pilot produced: the JSON contract of `npm run ask -- --json`. */
import type { Citation } from '../citations.ts';
import type { Finding } from './kinds/kind.ts';
import type { Condition, QuestionFrame } from './question/frame.ts';

export type { Citation } from '../citations.ts';

export interface ReflectionVerdict {
  verdict: 'pass' | 'retry';
  feedback: string;
  /** Critic probability of "pass" when the trained RLHF critic took part (same as `critic.score`). */
  critic_score?: number;
  /** The individual problems found (an empty list on pass); used to pick the best attempt. */
  problems?: string[];
  /** The typed findings behind `problems`, when the built-in reviewer took part. */
  findings?: Finding[];
  /** The trained critic's opinion, when one took part. */
  critic?: CriticOpinion;
}

/** What the trained critic thought of an answer, as data (the UI puts it in words). */
export interface CriticOpinion {
  /** Probability that the rep would rate the answer good (0..1). */
  score: number;
  /** True when the score was calibrated on held-back ratings (Platt scaling); false for a raw policy score. */
  calibrated: boolean;
  /**
   * The critic doubts an answer the rule checks passed (score below `threshold`). Never true when
   * the rules failed: the critic never overrides a failed rule check.
   */
  doubt: boolean;
  threshold: number;
  /** Critic version in the critic store, when known. */
  version?: number;
}

/** Timing of one graph step, for the trace. */
export interface TraceStep {
  node: 'understand' | 'crm_agent' | 'tools' | 'reflection';
  attempt: number;
  ms: number;
}

export interface AnswerRecord {
  question: string;
  answer: string;
  tool_calls: { name: string; args: Record<string, unknown> }[];
  /** Text of every tool result the answer could draw on. */
  contexts: string[];
  citations: Citation[];
  reflections: ReflectionVerdict[];
  attempts: number;
  ms: number;
  /** Which provider produced the answer (e.g. "builtin" after a fallback). */
  provider?: string;
  /** Set when something the user should know happened, e.g. a fallback to the built-in agent. */
  notice?: string;
  /** Per-step timings. */
  trace?: TraceStep[];
  /** Who wrote the answer, in words: "Built-in", "gpt-4o-mini", "Built-in, because the OpenAI endpoint refused the key". */
  written_by?: string;
  /** Who reviewed it, in words: "Built-in checks", "Built-in checks + trained critic", "TinyLlama". */
  reviewed_by?: string;
  /** Short follow-up questions the rep may ask next. */
  suggestions?: string[];
  /** The rep's earlier corrections recalled for this question (also cited as kind 'note'). */
  notes?: RecalledNote[];
  /** The question as the co-pilot read it. */
  frame?: QuestionFrame;
  /** Each condition of the question and whether the client search applied it. */
  conditions?: { condition: Condition; applied: boolean }[];
}

/** A rep's earlier correction that matches the current question. */
export interface RecalledNote {
  id: string;
  /** The question the correction was given for. */
  question: string;
  /** The rep's correction, as written. */
  correction: string;
  /** 0..1 similarity of the two questions. */
  similarity: number;
}

/** Remembered corrections (thumbs-down with a correction), recalled by question meaning. */
export interface CorrectionMemory {
  recall(question: string, signal?: AbortSignal): Promise<RecalledNote[]>;
}
