/**
 * The typed context the graph hands the CRM agent on every step: the question's frame, every tool
 * call made so far with its typed result, and the reviewer's findings before a retry. The built-in
 * agent plans and composes from it; model providers read the chat messages instead.
 */
import type { Finding } from './kinds/kind.ts';
import type { ToolExchange } from './kinds/evidence.ts';
import type { QuestionFrame } from './question/frame.ts';
import type { RecalledNote } from './types.ts';

export interface AgentTurn {
  frame: QuestionFrame;
  /** Tool calls made for this question (all attempts), with typed results. */
  exchanges: ToolExchange[];
  /** What the reviewer found in the previous attempt (empty on the first). */
  findings: Finding[];
  /** Tool rounds used in this attempt. */
  round: number;
  /** The tool-round cap was reached: answer now. */
  capped: boolean;
  /** ISO date renewal windows and advice are computed from. */
  today: string;
  /** The rep's own name. */
  rep?: string;
  /** The rep's earlier corrections that match this question. */
  notes: RecalledNote[];
}
