/** Progress events of one co-pilot answer, streamed to the UI and the command line. */
import type { QuestionFrame } from './question/frame.ts';
import type { ReflectionVerdict } from './types.ts';

export type GraphNodeName = 'understand' | 'crm_agent' | 'tools' | 'reflection';

export type CopilotEvent =
  | { type: 'node.start'; node: GraphNodeName; attempt: number }
  | { type: 'node.end'; node: GraphNodeName; attempt: number; ms: number }
  | { type: 'tool.call'; name: string; args: Record<string, unknown> }
  /** `count`: clients or passages the tool returned, when the graph reports it (the trace says "2 passages"). */
  | { type: 'tool.result'; name: string; ms: number; cached: boolean; error: boolean; count?: number }
  | { type: 'token'; text: string }
  | { type: 'reflection'; verdict: ReflectionVerdict; attempt: number }
  | { type: 'retry'; attempt: number; feedback: string }
  | { type: 'notice'; text: string }
  /** How the question was read: what is asked, its conditions, follow-up resolution. */
  | { type: 'understood'; frame: QuestionFrame; clientsFound: string[] };

export type CopilotEventHandler = (event: CopilotEvent) => void;
