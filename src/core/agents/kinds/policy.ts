/**
 * Playbook questions with no client: the rule sentences that answer them, quoted with their page,
 * and one polite line for questions outside clients and the playbook.
 */
import { TOOL_SEARCH_PLAYBOOK } from '../../tools/types.ts';
import { parseRecommendations } from '../builtin/rules.ts';
import type { QuestionFrame } from '../question/frame.ts';
import { findPhrase } from '../question/words.ts';
import { bestSentences, passageCite, quote, tiersOf, topicCall } from './common.ts';
import type { Evidence } from './evidence.ts';
import type { Kind, KindContext, PlannedCall } from './kind.ts';
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
      if (r.industry && industries.some((i) => findPhrase(r.industry ?? '', i)) && !out.some((x) => x.includes(r.source))) out.push(`- ${quote(r.source)} ${passageCite(p)}`);
    }
  }
  return out;
}

function compose(frame: QuestionFrame, ev: Evidence) {
  const lines = industryLines(frame, ev);
  if (lines.length) return { lead: 'According to the playbook:', sections: [lines.join('\n')] };
  const topicWords = frame.topics.map((t) => topicQuery(t as TopicId)).join(' ');
  const must = frame.topics.length === 1 ? TOPIC_BY_ID.get(frame.topics[0] as TopicId)?.rule : undefined;
  const hits = bestSentences(ev.passages, frame.text, 4, must, topicWords);
  if (hits.length === 0) return { lead: "I couldn't find anything about this in the playbook passages I retrieved, so I won't guess.", sections: [] };
  return { lead: 'According to the playbook:', sections: [hits.map((h) => `- ${quote(h.sentence)} ${passageCite(h.passage)}`).join('\n')] };
}

export const policy: Kind = {
  id: 'policy',
  examples: ['What is our policy on discussing 2026 pricing?', 'How early should I start a renewal conversation?', 'What are the rules on gifts?', 'What do we recommend for Retail clients?'],
  detect: (s) => (s.topics.size > 0 || /\bpolic(?:y|ies)\b|\brules?\b|\bplaybook\b|\bguidelines?\b|\bprocess\b|\bhow (?:do|should) (?:i|we)\b/i.test(s.masked) ? { kind: 'policy' } : undefined),
  plan,
  compose: (frame, ev) => compose(frame, ev),
  check: () => [],
};

export const SCOPE_LINE =
  'I can help with your clients (spend, renewals, products, account managers) and the sales playbook (discounts, trials, payment terms, what to pitch, meeting prep and drafts); that question is outside what I know.';

export const outOfScope: Kind = {
  id: 'out-of-scope',
  examples: ["What's the weather in Paris?", 'Tell me a joke', 'Who won the football last night?'],
  detect: () => ({ kind: 'out-of-scope' }),
  plan: () => [],
  compose: () => ({ lead: SCOPE_LINE, sections: [] }),
  check: () => [],
};
