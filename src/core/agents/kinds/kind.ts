/**
 * The shape of one question kind: what words signal it, what it needs, how the built-in agent
 * answers it and how any answer to it is checked. Planning, composing and reviewing iterate over
 * the registry of these modules (`registry.ts`); adding a kind is one file and its tests.
 */
import type { RecalledNote } from '../types.ts';
import type { ToolName } from '../../tools/types.ts';
import type { TierRule } from '../builtin/rules.ts';
import type { Ask, Condition, QuestionFrame } from '../question/frame.ts';
import type { Signals } from '../question/signals.ts';
import type { Evidence } from './evidence.ts';

/** A tool call a step wants made. */
export interface PlannedCall {
  name: ToolName;
  args: Record<string, unknown>;
}

export interface KindContext {
  /** ISO date renewal windows and advice are computed from. */
  today: string;
  /** The rep's own name ("my clients"). */
  rep?: string;
  /** The tier table read from the retrieved passages (empty until it is retrieved). */
  tiers: TierRule[];
  /** The rep's earlier corrections that match this question. */
  notes: RecalledNote[];
}

/** What a kind composes: an optional direct answer (verdict) first, then sections. */
export interface Composed {
  lead?: string;
  sections: string[];
}

/** A problem the reviewer found, typed so a retry can act on it without reading sentences. */
export type Finding =
  | { kind: 'missing-call'; call: PlannedCall; what: string }
  | { kind: 'condition-not-applied'; condition: Condition; call?: PlannedCall }
  | { kind: 'ungrounded'; what: 'amount' | 'percent' | 'date' | 'client' | 'citation' | 'count'; value: string }
  | { kind: 'not-found-unreported'; name: string }
  | { kind: 'no-verdict'; expected: string }
  | { kind: 'wrong-verdict'; expected: string; found: string }
  | { kind: 'leak'; client: string }
  | { kind: 'empty' }
  | { kind: 'conflict-unmentioned'; topic: string; docs: string[] }
  | { kind: 'subject-not-covered'; words: string[] }
  | { kind: 'contradicts-note'; noteId: string; note: string }
  | { kind: 'critic'; score: number };

/** What the reviewer reads: the answer, the calls made and the evidence. */
export interface ReviewInput {
  frame: QuestionFrame;
  answer: string;
  calls: { name: string; args: Record<string, unknown> }[];
  ev: Evidence;
  ctx: KindContext;
}

export interface Kind {
  readonly id: string;
  /** Questions that must be read as this kind (checked by the registry test). */
  readonly examples: readonly string[];
  /** The ask, when the signals say this kind is meant. */
  detect(s: Signals): Ask | undefined;
  /** Tool calls still needed, given what is already in hand. */
  plan(frame: QuestionFrame, ev: Evidence, ctx: KindContext): PlannedCall[];
  /** The built-in agent's answer. */
  compose(frame: QuestionFrame, ev: Evidence, ctx: KindContext): Composed;
  /** Problems of an answer to this kind, whoever wrote it. */
  check(input: ReviewInput): Finding[];
}
