/**
 * Drafts with no model: a short email, follow-up or meeting agenda for one client, built from the
 * client's record and the playbook's rules. It proposes only what the playbook allows, quotes no
 * prices, names no other client, and says what it left out and why.
 */
import type { Client } from '../../clients/types.ts';
import { TOOL_SEARCH_PLAYBOOK } from '../../tools/types.ts';
import type { DraftFormat, QuestionFrame } from '../question/frame.ts';
import { bestSentences, clientCite, foundClients, passageCite, quote, tiersOf, topicCall } from './common.ts';
import { daysUntil } from './brief.ts';
import { decidePitch, planRecommendation } from './recommend.ts';
import type { Evidence } from './evidence.ts';
import type { Finding, Kind, KindContext, PlannedCall, ReviewInput } from './kind.ts';
import { recommendationFor } from './recommendation.ts';
import { topicQuery } from './topics.ts';

const FORMAT_WORDS: [DraftFormat, RegExp][] = [
  ['agenda', /\bagenda\b/i],
  ['follow-up', /\bfollow[- ]?up\b|\bthank(?:-| )you (?:note|email)\b|\brecap\b/i],
  ['email', /\be-?mail\b|\bletter\b|\boutreach\b|\bintro(?:duction)?\b/i],
  ['message', /\bmessage\b|\bnote\b|\blinkedin\b|\btext\b/i],
];

interface Draft {
  title: string;
  body: string[];
  left: string[];
  checked: string[];
  offer?: string;
}

function buildDraft(frame: QuestionFrame, c: Client, ev: Evidence, ctx: KindContext): Draft {
  const format = frame.ask.kind === 'draft' ? frame.ask.format : 'email';
  const tiers = tiersOf(ev);
  const rec = recommendationFor(c, ev, tiers);
  const left: string[] = [];
  const checked: string[] = [];
  let offer: string | undefined;
  if (frame.product) {
    const d = decidePitch(frame, ev);
    if (d.verdict === 'yes') offer = frame.product.resolved ?? frame.product.phrase;
    else left.push(`I left out ${frame.product.phrase}: ${d.lead.replace(/^\*\*[^*]+\*\*\s*—\s*/, '')}`);
  } else if (rec.positive[0] && !c.open_escalation) {
    offer = rec.positive[0].rule.recommendation;
    checked.push(`The proposal follows the playbook's line for ${c.industry}: ${quote(rec.positive[0].rule.source)} ${passageCite(rec.positive[0].passage)}.`);
  }
  if (c.open_escalation) {
    if (offer)
      left.push(
        `I left out the proposal of ${offer}: ${c.name} has an open support escalation ${clientCite(c)}${rec.escalationRule ? `, and the playbook says ${quote(rec.escalationRule.sentence)} ${passageCite(rec.escalationRule.passage)}` : ''}.`,
      );
    offer = undefined;
  }
  if (offer && frame.product)
    checked.push(
      `${offer} is what the playbook recommends for ${c.name}: ${quote((rec.positive[0] ?? { rule: { source: '' } }).rule.source)}${rec.positive[0] ? ` ${passageCite(rec.positive[0].passage)}` : ''}.`,
    );
  const pricing = bestSentences(ev.passages, topicQuery('pricing'), 1, /\bpric|rate card/i)[0];
  if (pricing) checked.push(`No prices are quoted: ${quote(pricing.sentence)} ${passageCite(pricing.passage)}.`);
  const conf = bestSentences(ev.passages, topicQuery('confidentiality'), 1, /\bshare\b|confidential/i)[0];
  if (conf) checked.push(`Nothing about other clients is included: ${quote(conf.sentence)} ${passageCite(conf.passage)}.`);

  const owned = c.products.length ? `your ${c.products.join(' and ')} campaign${c.products.length > 1 ? 's' : ''}` : 'our work together';
  const days = c.renewal_date ? daysUntil(c.renewal_date, ctx.today) : NaN;
  const renewalSoon = Number.isFinite(days) && days >= 0 && days <= 120;
  const hi = `Hi ${c.name} team,`;
  const body: string[] = [];
  let title: string;
  if (format === 'agenda') {
    title = `Meeting agenda — ${c.name}`;
    const items = [
      'Introductions and goals for the coming months',
      `Review of ${owned}: what is working, what is not`,
      ...(c.open_escalation ? ['Status of the open support issue and the plan to resolve it'] : []),
      ...(renewalSoon ? [`Renewal on ${c.renewal_date}: timeline and next steps`] : []),
      ...(offer ? [`Proposal: ${offer}`] : []),
      'Next steps and owners',
    ];
    body.push(...items.map((x, i) => `${i + 1}. ${x}`));
  } else if (format === 'follow-up') {
    title = `Follow-up to ${c.name}`;
    body.push(
      hi,
      '',
      'Thank you for your time today. A short recap of what we discussed:',
      `- How ${owned} ${c.products.length > 1 ? 'are' : 'is'} performing against your goals`,
    );
    if (c.open_escalation) body.push('- The open support issue: we are on it and will update you as soon as it is resolved');
    if (offer) body.push(`- Next idea to explore: ${offer}`);
    if (renewalSoon) body.push(`- Your renewal on ${c.renewal_date}`);
    body.push('', 'I will send the plan we agreed by the end of the week. Does a short call next week work to confirm it?', '', 'Best regards,');
  } else {
    title = offer ? `Email to ${c.name}: ${offer}` : `Email to ${c.name}`;
    body.push(hi, '');
    if (c.open_escalation)
      body.push('I know there is an open support issue on your account. Resolving it is our first priority, and I will keep you updated until it is closed.');
    else body.push(`Thank you for ${owned} with us this year.`);
    if (offer)
      body.push(`Based on your goals, I would like to show you how ${offer} could extend your reach. I can put together a plan on our current rate card.`);
    if (renewalSoon && !c.open_escalation) body.push(`With your renewal coming up on ${c.renewal_date}, it is a good moment to plan the next period together.`);
    body.push('', 'Would you have 30 minutes next week for a short call?', '', 'Best regards,');
  }
  return { title, body, left, checked, offer };
}

function plan(frame: QuestionFrame, ev: Evidence, ctx: KindContext): PlannedCall[] {
  const calls = planRecommendation(frame, ev, ctx);
  if (ev.passages.length === 0) calls.push(topicCall('pricing', frame), topicCall('confidentiality', frame));
  else if (foundClients(frame, ev).some((c) => c.open_escalation) && !ev.passages.some((p) => /escalat/i.test(p.text)))
    calls.push({ name: TOOL_SEARCH_PLAYBOOK, args: { query: topicQuery('escalation') } });
  return calls;
}

function compose(frame: QuestionFrame, ev: Evidence, ctx: KindContext) {
  const c = foundClients(frame, ev)[0];
  if (!c) return { lead: 'Tell me which client the draft is for, and I will write it from their record and the playbook.', sections: [] };
  const d = buildDraft(frame, c, ev, ctx);
  return {
    lead: `**Draft — ${d.title}** (for you to review and send yourself; nothing has been sent) ${clientCite(c)}`,
    sections: [
      d.body.map((l) => (l ? `> ${l}` : '>')).join('\n'),
      ...d.left.map((l) => `Note: ${l}`),
      ...(d.checked.length ? [`Checked against the playbook:\n${d.checked.map((x) => `- ${x}`).join('\n')}`] : []),
    ],
  };
}

function check({ frame, answer, ev, ctx }: ReviewInput): Finding[] {
  const out: Finding[] = [];
  const c = foundClients(frame, ev)[0];
  if (!c) return out;
  const body = answer
    .split('\n')
    .filter((l) => l.startsWith('>'))
    .join('\n');
  if (/\$\s?\d|\d\s?%/.test(body)) out.push({ kind: 'ungrounded', what: 'amount', value: 'the draft quotes a price or a percentage' });
  for (const f of ev.found) if (f.client.id !== c.id && body.includes(f.client.name)) out.push({ kind: 'leak', client: f.client.name });
  if (frame.product && decidePitch(frame, ev).verdict === 'no' && body.toLowerCase().includes(frame.product.phrase.toLowerCase())) {
    out.push({ kind: 'wrong-verdict', expected: `leave ${frame.product.phrase} out of the draft`, found: 'proposed it' });
  }
  void ctx;
  return out;
}

export const draft: Kind = {
  id: 'draft',
  examples: [
    'Draft a short email to TechGiant proposing Mobile App Banners',
    'Write a follow-up to RetailCo after today’s meeting',
    'Prepare a meeting agenda for GreenLeaf Grocers',
  ],
  detect(s) {
    const verb =
      /\b(?:draft|write|compose|prepare|put together|create|make|give me|get me|i need|need an?|send me|help me with)\b/i.test(s.masked) ||
      /^(?:email|message)\b/i.test(s.masked.trim());
    const format = FORMAT_WORDS.find(([, re]) => re.test(s.masked))?.[0];
    // An agenda is always something to write ("Agenda for my Telenova meeting?"); an email or a note needs the verb.
    return format && (verb || format === 'agenda') ? { kind: 'draft', format } : undefined;
  },
  plan,
  compose,
  check,
};
