/**
 * Follow-ups: what a question takes from the turn before it. "they / them / their", "the first
 * one", "compare them", "what about X?", "and the renewal?", "the same for Gold clients", "how many
 * of them…" — resolved from the earlier turn's typed frame and the clients its answer listed.
 */
import type { ClientRef, Condition, FrameTurn } from './frame.ts';
import type { Signals } from './signals.ts';

const PRONOUN =
  /\b(?:which one|which of (?:the two|the three|them|these|those|the clients)|the two(?: of them)?|they|them|their|theirs|this (?:client|account|company|one)|that (?:client|account|company|one)|the (?:client|account|company)|these (?:clients|accounts)|those(?: (?:clients|accounts))?|both(?: of them)?|each of them|all of them|its)\b/i;
const ELLIPSIS =
  /^\s*(?:and|also|ok(?:ay)?,?\s+(?:and|what about|how about)|what about|how about|same (?:for|with)|the same (?:for|with)|and for|and what about|now for|now|what if|and if)\b/i;
const ORDINALS: Record<string, number> = { first: 0, '1st': 0, second: 1, '2nd': 1, third: 2, '3rd': 2, fourth: 3, '4th': 3, fifth: 4, '5th': 4 };

export interface Resolution {
  signals: Signals;
  /** What was taken from earlier turns, in words. */
  resolved: string[];
  /** The question leaves its ask to the earlier turn ("what about X?"). */
  inheritAsk: boolean;
}

function ordinal(text: string, count: number): number | undefined {
  const m = /\bthe (first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last|top) (?:one|client|account|company)?\b|\b(?:number|no\.?|#)\s?(\d+)\b/i.exec(text);
  if (!m) return undefined;
  if (m[2]) return Number(m[2]) - 1;
  const w = m[1].toLowerCase();
  return w === 'last' ? count - 1 : w === 'top' ? 0 : ORDINALS[w];
}

const refOf = (c: { id: number; name: string }, words: string): ClientRef => ({ name: c.name, id: c.id, status: 'found', words, inherited: true });

/** Earlier clients a reference points at: the earlier frame's named clients, else those its answer listed. */
function earlierClients(prev: FrameTurn): { id: number; name: string }[] {
  const named = (prev.frame?.clients ?? []).filter((c) => c.status === 'found' && c.id !== undefined).map((c) => ({ id: c.id as number, name: c.name }));
  return named.length ? named : prev.clients;
}

/** Merges earlier conditions under the new ones: a new condition replaces an earlier one of the same kind. */
function mergeConditions(earlier: Condition[], now: Condition[]): Condition[] {
  const kinds = new Set(now.map((c) => c.kind));
  const sameFamily = (k: Condition['kind']) => (k === 'tier' || k === 'spend' ? ['tier', 'spend'] : [k]);
  const replaced = (c: Condition) => sameFamily(c.kind).some((k) => kinds.has(k as Condition['kind']));
  return [...earlier.filter((c) => !replaced(c)).map((c) => ({ ...c, inherited: true })), ...now];
}

/** Applies the earlier turn to a question's own signals. */
export function resolveFollowUp(own: Signals, prev: FrameTurn | undefined): Resolution {
  const s: Signals = {
    ...own,
    clients: [...own.clients],
    conditions: [...own.conditions],
    fields: new Set(own.fields),
    topics: new Set(own.topics),
    amounts: { ...own.amounts },
  };
  const resolved: string[] = [];
  if (!prev?.frame) return { signals: s, resolved, inheritAsk: false };
  const pf = prev.frame;
  const text = own.text;
  const elliptical =
    ELLIPSIS.test(text) ||
    (text.split(/\s+/).length <= 3 &&
      !/\b(?:what|which|how|who|whom|whose|when|why|where|is|are|was|were|does|do|did|can|could|should|will|would|has|have|may|tell|show|list|give|draft|write|prepare|compare)\b/i.test(
        text,
      ));
  const earlier = earlierClients(prev);

  const n = earlier.length ? ordinal(text, earlier.length) : undefined;
  if (n !== undefined && earlier[n]) {
    s.clients = [refOf(earlier[n], `the ${n + 1}. one`)];
    resolved.push(`${/\b(?:the \w+ one|number \d+|#\d+)\b/i.exec(text)?.[0] ?? 'that one'} → ${earlier[n].name}`);
  } else if (s.clients.length === 0 && earlier.length > 0 && (PRONOUN.test(text) || /\bcompare\b/i.test(text))) {
    const word = PRONOUN.exec(text)?.[0] ?? 'them';
    s.clients = earlier.slice(0, 10).map((c) => refOf(c, word));
    resolved.push(
      `${word} → ${earlier
        .slice(0, 10)
        .map((c) => c.name)
        .join(', ')}`,
    );
  }

  // "how many of them are in the West?": the earlier list's conditions still hold.
  if (/\bof (?:them|those|these)\b|\bamong (?:them|those)\b/i.test(text) && pf.conditions.length && own.clients.length === 0 && pf.clients.length === 0) {
    s.clients = [];
    s.conditions = mergeConditions(pf.conditions, s.conditions);
    s.plural = true;
    resolved.length = 0;
    resolved.push(`of them → ${pf.conditions.map((c) => c.words).join(', ')}`);
    return { signals: s, resolved, inheritAsk: false };
  }

  if (!elliptical) {
    // "What should I pitch?" right after a question about one client: that client is meant.
    if (
      s.clients.length === 0 &&
      earlier.length === 1 &&
      own.conditions.length === 0 &&
      !own.plural &&
      (own.topics.has('recommend') ||
        own.topics.has('meeting') ||
        own.topics.has('trial') ||
        own.topics.has('reference') ||
        (own.fields.size > 0 && !own.topics.size))
    ) {
      s.clients = [refOf(earlier[0], '(the client we were discussing)')];
      resolved.push(`→ ${earlier[0].name}`);
    }
    return { signals: s, resolved, inheritAsk: false };
  }

  // "what about GreenLeaf?", "and the West region?", "the same for Gold clients", "and the renewal?"
  if (own.clients.length > 0) {
    if (pf.conditions.length && pf.clients.length === 0) s.conditions = mergeConditions(pf.conditions, s.conditions);
    for (const f of pf.ask.kind === 'facts' || pf.ask.kind === 'compare' ? pf.ask.fields : []) if (!own.fields.size) s.fields.add(f);
    resolved.push(`same question as before, for ${own.clients.map((c) => c.name).join(', ')}`);
    return { signals: s, resolved, inheritAsk: true };
  }
  if (own.conditions.length > 0 || pf.clients.length === 0) {
    s.conditions = mergeConditions(pf.conditions, own.conditions);
    s.plural = s.plural || pf.conditions.length > 0 || ['list', 'count', 'sum', 'avg', 'rank'].includes(pf.ask.kind);
    if (s.clients.length === 0 && pf.clients.length && own.conditions.length === 0) s.clients = pf.clients.map((c) => ({ ...c, inherited: true }));
    resolved.push(`same question as before${own.conditions.length ? `, with ${own.conditions.map((c) => c.words).join(', ')}` : ''}`);
    return { signals: s, resolved, inheritAsk: true };
  }
  // "what if it is a two-year deal?": the earlier amounts hold unless restated.
  s.amounts = { ...(pf.amounts ?? {}), ...Object.fromEntries(Object.entries(own.amounts).filter(([, v]) => v !== undefined)) };
  if (s.clients.length === 0 && earlier.length) {
    s.clients = earlier.slice(0, 10).map((c) => refOf(c, 'the same client'));
    resolved.push(
      `→ ${earlier
        .slice(0, 10)
        .map((c) => c.name)
        .join(', ')}`,
    );
  }
  // "And a 12% reduction?" after a trial question names its own topic: it is asked afresh.
  return { signals: s, resolved, inheritAsk: own.fields.size === 0 && own.topics.size === 0 };
}
