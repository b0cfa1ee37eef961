/**
 * What to pitch: "What should I pitch to TechGiant?" (recommend) and "Is it ok to propose an
 * influencer campaign to FinServe Capital?" (pitch check, a yes/no with the rule that decides it).
 */
import { TOOL_SEARCH_PLAYBOOK } from '../../tools/types.ts';
import type { QuestionFrame } from '../question/frame.ts';
import { sentences } from '../question/words.ts';
import { clientCite, foundClients, lookupCalls, passageCite, quote, tiersOf, topicCall, verdictOf } from './common.ts';
import type { Decision } from './discount.ts';
import { ownedProduct } from './eligibility.ts';
import type { Evidence } from './evidence.ts';
import type { Finding, Kind, KindContext, PlannedCall, ReviewInput } from './kind.ts';
import { clientProfile, mentionsOffer, recommendationFor, recommendationText } from './recommendation.ts';
import { topicQuery } from './topics.ts';

/** Round 1: the clients, the recommendation table and the tier table; round 2: what the clients made necessary. */
export function planRecommendation(frame: QuestionFrame, ev: Evidence, _ctx: KindContext): PlannedCall[] {
  const calls = lookupCalls(frame, ev);
  if (ev.passages.length === 0) {
    calls.push(topicCall('recommend', frame), topicCall('tiers', frame));
    return calls;
  }
  for (const c of foundClients(frame, ev)) {
    const rec = recommendationFor(c, ev, tiersOf(ev));
    // Tables get split across passages: fetch the client's own industry line when it is missing.
    if (!rec.ownIndustryLine || rec.positive.length === 0)
      calls.push({ name: TOOL_SEARCH_PLAYBOOK, args: { query: `${c.industry} ${topicQuery('recommend')}` } });
    if (c.open_escalation && !rec.escalationRule) calls.push(topicCall('escalation', frame));
  }
  return calls;
}

/** "Which products is RetailCo not using yet?", "What is TechGiant missing?": only what they lack. */
const ASKS_WHAT_IS_MISSING =
  /\bnot\b[^.?!]*\byet\b|\bmissing\b|\b(?:don|doesn|haven|hasn)['’]?t\b[^.?!]*\b(?:have|has|use|run|buy|bought|got)\b|\bnot (?:using|running|buying|have|had)\b|\black(?:s|ing)?\b/i;

function recommendCompose(frame: QuestionFrame, ev: Evidence) {
  const tiers = tiersOf(ev);
  const clients = foundClients(frame, ev);
  const missingOnly = frame.ask.kind === 'recommend' && frame.ask.missingOnly;
  if (clients.length === 1) return recommendationText(clients[0], recommendationFor(clients[0], ev, tiers), tiers, missingOnly);
  const sections = clients.map((c) => {
    const t = recommendationText(c, recommendationFor(c, ev, tiers), tiers, missingOnly);
    return [`**${c.name}**: ${t.lead}`, ...t.sections].join('\n\n');
  });
  return { sections };
}

function recommendCheck({ frame, answer, ev }: ReviewInput): Finding[] {
  const out: Finding[] = [];
  const tiers = tiersOf(ev);
  for (const c of foundClients(frame, ev)) {
    const rec = recommendationFor(c, ev, tiers);
    const main = rec.positive[0];
    if (!main) continue;
    if (c.open_escalation && !/\bescalat/i.test(answer)) out.push({ kind: 'no-verdict', expected: `say that ${c.name} has an open escalation (no pitch now)` });
    if (!answer.toLowerCase().includes(main.rule.recommendation.toLowerCase().slice(0, 20)))
      out.push({ kind: 'wrong-verdict', expected: main.rule.recommendation, found: 'another recommendation' });
  }
  return out;
}

export const recommend: Kind = {
  id: 'recommend',
  examples: [
    'What should I pitch to TechGiant?',
    'I have a meeting with TechGiant. Based on their spending and industry, what product should I pitch?',
    'Which product would you recommend for RetailCo?',
  ],
  detect: (s) =>
    s.clients.length > 0 && s.topics.has('recommend') && !asksWhatTheyRun(s.text)
      ? { kind: 'recommend', missingOnly: ASKS_WHAT_IS_MISSING.test(s.text) }
      : undefined,
  plan: planRecommendation,
  compose: recommendCompose,
  check: recommendCheck,
};

/** "Which products does X use?" asks what the client runs now, not what to sell it next. */
function asksWhatTheyRun(text: string): boolean {
  const run = /\b(?:use[sd]?|using|run(?:s|ning)?|ha(?:ve|s)|buy(?:s|ing)?|bought|already|currently|at the moment|right now)\b/i;
  const advice =
    /\brecommend|\bpitch|\bupsell|\bcross-?sell|\bsuggest|\bpropos|\bshould\b|\bcould\b|\bfit|\bsuit|\bbest\b|\bnext\b|\bsell\b|\boffer|\bdon['’]?t\b|\bdoesn['’]?t\b/i;
  return run.test(text) && !advice.test(text) && !ASKS_WHAT_IS_MISSING.test(text);
}

/** Sentences of the client's applicable lines that forbid something ("No behavioural retargeting …"). */
function forbidding(text: string): string[] {
  return sentences(text.replace(/^[^:]{2,90}:\s+/, '')).filter((s) => /\b(?:never|no|not|avoid|don['’]t|do not)\b/i.test(s));
}

export function decidePitch(frame: QuestionFrame, ev: Evidence): Decision {
  const c = foundClients(frame, ev)[0];
  const offer = frame.product;
  if (!c || !offer) return { lead: 'Tell me which client and which product you have in mind, and I will check it against the playbook.', sections: [] };
  const tiers = tiersOf(ev);
  const rec = recommendationFor(c, ev, tiers);
  const lines = [...rec.positive, ...rec.prohibitions];
  for (const r of lines) {
    const hit = forbidding(r.rule.source).find((s) => mentionsOffer(s, offer.phrase));
    if (hit)
      return {
        verdict: 'no',
        lead: `**No** — ${c.name} is ${clientProfile(c, tiers)} ${clientCite(c)}, and the playbook says ${quote(hit)} ${passageCite(r.passage)}.`,
        sections: [],
      };
  }
  if (c.open_escalation) {
    const rule = rec.escalationRule;
    return {
      verdict: 'no',
      lead: `**Not now** — ${c.name} has an open support escalation ${clientCite(c)}.${rule ? ` The playbook says ${quote(rule.sentence)} ${passageCite(rule.passage)}.` : ''}`,
      sections: [],
    };
  }
  const main = rec.positive[0];
  if (!main)
    return {
      lead: `I couldn't find the recommendation for the ${c.industry} industry in the retrieved playbook passages, so I can't check ${offer.phrase} for ${c.name}.`,
      sections: [],
    };
  const owned = ownedProduct(c, frame);
  const cite = `${quote(main.rule.source)} ${passageCite(main.passage)}`;
  if (rec.positive.some((r) => mentionsOffer(r.rule.recommendation, offer.phrase))) {
    return {
      verdict: 'yes',
      lead: `**Yes** — ${offer.phrase} is what the playbook recommends for ${c.name}, ${clientProfile(c, tiers)} ${clientCite(c)}: ${cite}.`,
      sections: owned ? [`${c.name} already runs ${owned}, so pitch it as an expansion rather than a new product.`] : [],
    };
  }
  const only = /\bonly\b/i.test(main.rule.source);
  return {
    verdict: 'no',
    lead: `**${only ? 'No' : 'Not recommended'}** — ${offer.phrase} is not what the playbook recommends for ${c.name}, ${clientProfile(c, tiers)} ${clientCite(c)}: ${cite}.`,
    sections: only ? [] : ['If the client asked for it, discuss the exception with your sales manager before pitching.'],
  };
}

export const pitch: Kind = {
  id: 'pitch',
  examples: [
    'Is it ok to propose an influencer campaign to FinServe Capital?',
    'Can we run behavioural retargeting for Granite Health?',
    'Should I pitch Connected TV to AutoDrive Motors?',
  ],
  detect: (s) =>
    s.clients.length > 0 &&
    s.product &&
    s.polar &&
    /\b(?:can|could|should|shall|may|might|ok|okay|allowed|fine|good idea|worth|wise|appropriate)\b/i.test(s.text)
      ? { kind: 'check', check: 'pitch' }
      : undefined,
  plan: planRecommendation,
  compose: (frame, ev) => decidePitch(frame, ev),
  check: ({ frame, answer, ev }) => {
    const d = decidePitch(frame, ev);
    if (!d.verdict) return [];
    const said = verdictOf(answer);
    if (!said) return [{ kind: 'no-verdict', expected: d.verdict }];
    return said === d.verdict ? [] : [{ kind: 'wrong-verdict', expected: d.verdict, found: said }];
  },
};
