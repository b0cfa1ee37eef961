/**
 * The registry of question kinds, in the order they are tried: specific asks (drafts, checks) before
 * general ones (facts, policy), and out-of-scope last. Planning, composing and reviewing look a
 * frame's kind up here; nothing else switches on kinds.
 */
import type { Ask, QuestionFrame } from '../question/frame.ts';
import type { Signals } from '../question/signals.ts';
import { book } from './book.ts';
import { brief } from './brief.ts';
import { change, compare, disclosure, tierCheck } from './clients.ts';
import { discount } from './discount.ts';
import { draft } from './draft.ts';
import { gift, payment, reference, trial } from './eligibility.ts';
import { facts } from './facts.ts';
import type { Kind } from './kind.ts';
import { outOfScope, policy } from './policy.ts';
import { pitch, recommend } from './recommend.ts';

export const KINDS: readonly Kind[] = [
  disclosure,
  draft,
  brief,
  discount,
  trial,
  payment,
  gift,
  reference,
  tierCheck,
  pitch,
  recommend,
  compare,
  change,
  book,
  facts,
  policy,
  outOfScope,
];

const BY_ASK: Record<Ask['kind'], (a: Ask) => Kind> = {
  facts: () => facts,
  list: () => book,
  count: () => book,
  sum: () => book,
  avg: () => book,
  rank: () => book,
  compare: () => compare,
  change: () => change,
  policy: () => policy,
  recommend: () => recommend,
  brief: () => brief,
  draft: () => draft,
  'out-of-scope': () => outOfScope,
  check: (a) => {
    const check = a.kind === 'check' ? a.check : 'pitch';
    return { discount, trial, payment, gift, reference, pitch, tier: tierCheck, disclosure }[check];
  },
};

/** The module that answers and checks a frame. */
export function kindOf(frame: Pick<QuestionFrame, 'ask'>): Kind {
  return BY_ASK[frame.ask.kind](frame.ask);
}

/** The first kind whose signals match, with its ask. */
export function detectAsk(s: Signals): { kind: Kind; ask: Ask } {
  for (const kind of KINDS) {
    const ask = kind.detect(s);
    if (ask) return { kind, ask };
  }
  return { kind: outOfScope, ask: { kind: 'out-of-scope' } };
}
