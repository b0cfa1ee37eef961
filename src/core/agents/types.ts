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
}
