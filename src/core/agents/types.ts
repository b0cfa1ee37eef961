/** What one answer of the co-pilot produced: the JSON contract of `npm run ask -- --json`. */
export interface Citation {
  kind: 'client' | 'playbook';
  /** Client name, or playbook document name. */
  source: string;
  /** Playbook page (1-based), for playbook citations. */
  page?: number;
  heading?: string;
}

export interface ReflectionVerdict {
  verdict: 'pass' | 'retry';
  feedback: string;
  /** Critic probability of "pass" when the trained RLHF critic took part. */
  critic_score?: number;
  /** The individual problems found (an empty list on pass); used to pick the best attempt. */
  problems?: string[];
}

/** Timing of one graph step, for the trace. */
export interface TraceStep {
  node: 'crm_agent' | 'tools' | 'reflection';
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
}
