/**
 * Playbook questions with no client: the rule sentences that answer them, quoted with their page,
 * and one polite line for questions outside clients and the playbook.
 */
import { TOOL_SEARCH_PLAYBOOK } from '../../tools/types.ts';
import { parseRecommendations, ruleStance } from '../builtin/rules.ts';
import type { QuestionFrame } from '../question/frame.ts';
import { subjectNouns } from '../question/signals.ts';
import { findPhrase, keywords, stem } from '../question/words.ts';
import { bestSentences, passageCite, quote, tiersOf, topicCall, verdictOf, type ScoredSentence } from './common.ts';
import type { Evidence } from './evidence.ts';
import type { Finding, Kind, KindContext, PlannedCall, ReviewInput } from './kind.ts';
import { TOPIC_BY_ID, topicQuery, type TopicId } from './topics.ts';

function plan(frame: QuestionFrame, ev: Evidence, _ctx: KindContext): PlannedCall[] {
  if (ev.passages.length > 0) return [];
  const topics = frame.topics.slice(0, 3) as TopicId[];
  if (topics.length === 0) return [{ name: TOOL_SEARCH_PLAYBOOK, args: { query: frame.text } }];
  return topics.map((t) => topicCall(t, frame));
}

function industryLines(frame: QuestionFrame, ev: Evidence): string[] {
  const industries = frame.conditions.flatMap((c) => (c.kind === 'industry' ? c.values : []));
  if (industries.length === 0 || !frame.topics.includes('recommend')) return [];
  const tiers = tiersOf(ev).map((t) => t.name);
  const out: string[] = [];
  for (const p of ev.passages) {
    for (const r of parseRecommendations(p.text, tiers)) {
      if (r.industry && industries.some((i) => findPhrase(r.industry ?? '', i)) && !out.some((x) => x.includes(r.source)))
        out.push(`- ${quote(r.source)} ${passageCite(p)}`);
    }
  }
  return out;
}

/** Question words that say "a rule" without saying which. */
const GENERIC = /^(?:rules?|polic(?:y|ies)|guidelines?|playbook|handbook|says?|allowed|whats|what|our|get|gets)$/;

/** The question's subject nouns that no retrieved passage mentions, when they are at least half of its subject (the playbook may not cover it). */
export function uncoveredSubject(frame: QuestionFrame, ev: Evidence): string[] {
  if (ev.passages.length === 0) return [];
  // Every word of the passages (not only keywords: "list" in "list prices" counts).
  const have = new Set(ev.passages.flatMap((p) => (p.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem)));
  const names = frame.clients.map((c) => c.name.toLowerCase());
  const subject = subjectNouns(frame.text).filter((w) => !names.some((n) => n.includes(w)));
  const missing = subject.filter((w) => !have.has(stem(w)));
  // One stray word ("the gift limit per contact") is wording; most of the subject missing is another topic.
  return missing.length * 2 >= subject.length && missing.length > 0 ? missing : [];
}

const notCoveredLead = (words: string[]) =>
  `The playbook passages I found don't mention ${words.map((w) => `"${w}"`).join(' or ')}, so they may not answer this. The closest rules:`;

/** The passage sentences that speak to the question's topic or subject, best first (at most four). */
function ruleSentences(frame: QuestionFrame, ev: Evidence): ScoredSentence[] {
  const topicWords = frame.topics.map((t) => topicQuery(t as TopicId)).join(' ');
  const must = frame.topics.length === 1 ? TOPIC_BY_ID.get(frame.topics[0] as TopicId)?.rule : undefined;
  const topicStems = new Set(keywords(topicWords).map(stem));
  const askedStems = new Set(
    keywords(frame.text)
      .filter((w) => !GENERIC.test(w))
      .map(stem),
  );
  // A quoted sentence must speak about the topic or the question's own subject, not only share a word like "rule".
  return bestSentences(ev.passages, frame.text, 8, must, topicWords)
    .filter((h) => topicStems.size === 0 || keywords(h.sentence).some((w) => topicStems.has(stem(w)) || askedStems.has(stem(w))))
    .slice(0, 4);
}

/**
 * "Can I …?" whose best-matching rule forbids it ("must not", "never") and no equally good rule
 * allows it: the answer is a plain No. Anything less clear is quoted without a verdict.
 */
function forbids(frame: QuestionFrame, hits: readonly ScoredSentence[]): boolean {
  if (!frame.polar || hits.length === 0 || !/^\s*(?:can|could|may|might|should|am|are|is)\b/i.test(frame.text)) return false;
  const [top] = hits;
  // How many of the question's own words a sentence has (rule-word and bullet bonuses left out).
  const asked = new Set(keywords(frame.text).map(stem));
  const overlap = (h: ScoredSentence) =>
    new Set(
      keywords(h.sentence)
        .map(stem)
        .filter((w) => asked.has(w)),
    ).size;
  return (
    ruleStance(top.sentence).kind === 'never' &&
    !hits.some(
      (h) => h !== top && (overlap(h) > overlap(top) || (overlap(h) === overlap(top) && h.score >= top.score)) && ruleStance(h.sentence).kind !== 'never',
    )
  );
}

/** "No", the rule that forbids it, then the other rules found. */
function plainNo([rule, ...rest]: readonly ScoredSentence[]) {
  return {
    lead: `**No** — the playbook says ${quote(rule.sentence)} ${passageCite(rule.passage)}.`,
    sections: rest.length ? [`Also:\n${rest.map((h) => `- ${quote(h.sentence)} ${passageCite(h.passage)}`).join('\n')}`] : [],
  };
}

function compose(frame: QuestionFrame, ev: Evidence) {
  const lines = industryLines(frame, ev);
  if (lines.length) return { lead: 'According to the playbook:', sections: [lines.join('\n')] };
  const hits = ruleSentences(frame, ev);
  if (hits.length === 0) return { lead: "I couldn't find anything about this in the playbook passages I retrieved, so I won't guess.", sections: [] };
  const uncovered = uncoveredSubject(frame, ev);
  if (!uncovered.length && forbids(frame, hits)) return plainNo(hits);
  return {
    lead: uncovered.length ? notCoveredLead(uncovered) : 'According to the playbook:',
    sections: [hits.map((h) => `- ${quote(h.sentence)} ${passageCite(h.passage)}`).join('\n')],
  };
}

/** An answer quoting rules about something else must say that the subject is not covered; a "yes" to what a rule forbids fails. */
function checkSubject({ frame, ev, answer }: ReviewInput): Finding[] {
  const uncovered = uncoveredSubject(frame, ev);
  if (!uncovered.length && !industryLines(frame, ev).length && forbids(frame, ruleSentences(frame, ev)) && verdictOf(answer) === 'yes') {
    return [{ kind: 'wrong-verdict', expected: 'no', found: 'yes' }];
  }
  if (
    uncovered.length === 0 ||
    /\b(?:don['’]t|do not|doesn['’]t|does not|couldn['’]t|could not|can['’]t|cannot|no) (?:mention|cover|say|find|answer|rule)/i.test(answer)
  )
    return [];
  return [{ kind: 'subject-not-covered', words: uncovered }];
}

export const policy: Kind = {
  id: 'policy',
  examples: [
    'What is our policy on discussing 2026 pricing?',
    'How early should I start a renewal conversation?',
    'What are the rules on gifts?',
    'What do we recommend for Retail clients?',
  ],
  detect: (s) =>
    s.topics.size > 0 || /\bpolic(?:y|ies)\b|\brules?\b|\bplaybook\b|\bguidelines?\b|\bprocess\b|\bhow (?:do|should) (?:i|we)\b/i.test(s.masked)
      ? { kind: 'policy' }
      : undefined,
  plan,
  compose: (frame, ev) => compose(frame, ev),
  check: checkSubject,
};

export const SCOPE_LINE =
  'I can help with your clients (spend, renewals, products, account managers) and the sales playbook (discounts, trials, payment terms, what to pitch, meeting prep and drafts); that question is outside what I know.';

/** Playbook sentences that share enough of the question's own words to answer it. */
function relevantSentences(frame: QuestionFrame, ev: Evidence) {
  const asked = [...new Set(keywords(frame.text).map(stem))];
  const need = Math.min(2, asked.length);
  return bestSentences(ev.passages, frame.text, 4).filter((h) => {
    const have = new Set(keywords(h.sentence).map(stem));
    return asked.filter((w) => have.has(w)).length >= need;
  });
}

/**
 * A question no kind recognised: the playbook is searched with its own words (an imported document
 * may cover topics the co-pilot has no words for); with nothing relevant, one polite line says what
 * the co-pilot can do.
 */
export const outOfScope: Kind = {
  id: 'out-of-scope',
  examples: ["What's the weather in Paris?", 'Tell me a joke', 'Who won the football last night?'],
  detect: () => ({ kind: 'out-of-scope' }),
  plan: (frame, ev) => (ev.passages.length || keywords(frame.text).length === 0 ? [] : [{ name: TOOL_SEARCH_PLAYBOOK, args: { query: frame.text } }]),
  compose: (frame, ev) => {
    const hits = relevantSentences(frame, ev);
    if (hits.length === 0) return { lead: SCOPE_LINE, sections: [] };
    if (forbids(frame, hits)) return plainNo(hits);
    return { lead: 'According to the playbook:', sections: [hits.map((h) => `- ${quote(h.sentence)} ${passageCite(h.passage)}`).join('\n')] };
  },
  check: ({ frame, ev, answer }) => {
    const hits = relevantSentences(frame, ev);
    return hits.length && forbids(frame, hits) && verdictOf(answer) === 'yes' ? [{ kind: 'wrong-verdict', expected: 'no', found: 'yes' }] : [];
  },
};
