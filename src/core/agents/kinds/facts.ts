/**
 * Facts about named clients: the fields asked (all of them when none is named), with a direct
 * yes/no first when the question is one ("Does TechGiant have an open escalation?").
 */
import type { Client } from '../../clients/types.ts';
import type { ClientField, Condition, QuestionFrame } from '../question/frame.ts';
import { findPhrase } from '../question/words.ts';
import { tierFor } from '../builtin/rules.ts';
import { clientCite, foundClients, lookupCalls, tierSentence, topicCall, usd, verdictOf } from './common.ts';
import { renewalAdvice } from './brief.ts';
import type { Evidence } from './evidence.ts';
import type { Finding, Kind, KindContext, PlannedCall, ReviewInput } from './kind.ts';

const ALL: ClientField[] = ['spend', 'industry', 'manager', 'region', 'renewal', 'products', 'payment', 'escalation'];

/** One line of facts about a client, limited to the fields asked. */
export function factsLine(c: Client, fields: readonly ClientField[]): string {
  const f = new Set(fields.length ? fields : ALL);
  const parts: string[] = [];
  if (f.has('spend')) parts.push(`YTD spend **${usd(c.ytd_spend)}** (last year ${usd(c.last_year_spend)})`);
  if (f.has('last_year') && !f.has('spend')) parts.push(`last year's spend **${usd(c.last_year_spend)}**`);
  if (f.has('industry')) parts.push(`industry **${c.industry}**`);
  if (f.has('manager')) parts.push(`account manager **${c.account_manager}**`);
  if (f.has('region')) parts.push(`region **${c.region}**`);
  if (f.has('renewal')) parts.push(`renewal date **${c.renewal_date}**`);
  if (f.has('products')) parts.push(`current products: ${c.products.length ? c.products.join(', ') : 'none on record'}`);
  if (f.has('payment')) parts.push(`payment terms **${c.payment_terms}**`);
  if (f.has('escalation')) parts.push(c.open_escalation ? '**an open support escalation**' : 'no open support escalation');
  if (f.has('consent')) parts.push(c.reference_consent ? 'reference consent: **yes**' : 'reference consent: **no**');
  return `**${c.name}** — ${parts.join('; ')} ${clientCite(c)}.`;
}

/** A yes/no about one client's record, when the question is one and the record can settle it. */
export function polarFact(frame: QuestionFrame, c: Client): { yes: boolean; why: string } | undefined {
  if (frame.ask?.kind !== 'facts') return undefined;
  const f = new Set(frame.ask.fields);
  const product = frame.product?.resolved;
  const cond = (kind: Condition['kind']) => frame.conditions.find((x) => x.kind === kind && !x.inherited);
  if (product && (f.has('products') || /\b(?:run|use|have|buy)\b/i.test(frame.text))) {
    const has = c.products.some((p) => p.toLowerCase() === product.toLowerCase());
    return { yes: has, why: has ? `${c.name} runs ${product}` : `${c.name} does not run ${product} (current products: ${c.products.join(', ') || 'none'})` };
  }
  if (frame.amounts.netDays !== undefined && f.has('payment')) {
    const yes = new RegExp(`\\bnet\\s?${frame.amounts.netDays}\\b`, 'i').test(c.payment_terms);
    return { yes, why: `${c.name} is on ${c.payment_terms}` };
  }
  const region = cond('region');
  if (region && region.kind === 'region')
    return { yes: region.values.some((v) => v.toLowerCase() === c.region.toLowerCase()), why: `${c.name} is in the ${c.region} region` };
  const industry = cond('industry');
  if (industry && industry.kind === 'industry')
    return { yes: industry.values.some((v) => v.toLowerCase() === c.industry.toLowerCase()), why: `${c.name} is in ${c.industry}` };
  const manager = cond('manager');
  if (manager && manager.kind === 'manager')
    return { yes: manager.values.includes(c.account_manager), why: `${c.name}'s account manager is ${c.account_manager}` };
  if (f.has('escalation'))
    return { yes: c.open_escalation, why: c.open_escalation ? `${c.name} has an open support escalation` : `${c.name} has no open support escalation` };
  if (f.has('consent'))
    return { yes: c.reference_consent, why: c.reference_consent ? `${c.name} has given reference consent` : `${c.name} has not given reference consent` };
  return undefined;
}

/** "When should I start the renewal talk with X?": the date alone is not the answer, the timing rule is. */
const asksRenewalTiming = (frame: QuestionFrame): boolean =>
  frame.ask.kind === 'facts' &&
  frame.ask.fields.includes('renewal') &&
  /\b(?:should|start|begin|open|conversation|talk|reach out|contact|prepare|how (?:early|soon))\b/i.test(frame.text);

function plan(frame: QuestionFrame, ev: Evidence, ctx: KindContext): PlannedCall[] {
  const calls = lookupCalls(frame, ev);
  const fields = frame.ask.kind === 'facts' ? frame.ask.fields : [];
  if (fields.includes('tier') && ctx.tiers.length === 0 && ev.passages.length === 0) calls.push(topicCall('tiers', frame));
  if (asksRenewalTiming(frame) && !ev.passages.some((p) => /renew/i.test(p.text))) calls.push(topicCall('renewal', frame));
  return calls;
}

function compose(frame: QuestionFrame, ev: Evidence, ctx: KindContext) {
  const fields = frame.ask.kind === 'facts' ? frame.ask.fields.filter((f) => f !== 'tier') : [];
  const clients = foundClients(frame, ev);
  const sections: string[] = [];
  let lead: string | undefined;
  if (frame.polar && clients.length === 1) {
    const v = polarFact(frame, clients[0]);
    if (v) lead = `**${v.yes ? 'Yes' : 'No'}** — ${v.why} ${clientCite(clients[0])}.`;
  }
  const asksTier = frame.ask.kind === 'facts' && frame.ask.fields.includes('tier');
  for (const c of clients) {
    if (fields.length > 0 || !asksTier) sections.push(factsLine(c, fields));
    if (asksTier)
      sections.push(tierSentence(c, ev, ctx.tiers) || `I could not find the tier table in the retrieved playbook passages, so I can't say ${c.name}'s tier.`);
    if (asksRenewalTiming(frame)) sections.push(renewalAdvice(c.renewal_date, ctx.today, ev) ?? '');
  }
  return { lead, sections };
}

function check({ frame, answer, ev, ctx }: ReviewInput): Finding[] {
  const out: Finding[] = [];
  const clients = foundClients(frame, ev);
  if (frame.polar && clients.length === 1) {
    const v = polarFact(frame, clients[0]);
    const said = verdictOf(answer);
    if (v && !said) out.push({ kind: 'no-verdict', expected: v.yes ? 'yes' : 'no' });
    else if (v && said && said !== (v.yes ? 'yes' : 'no')) out.push({ kind: 'wrong-verdict', expected: v.yes ? 'yes' : 'no', found: said });
  }
  if (frame.ask.kind === 'facts' && frame.ask.fields.includes('tier')) {
    for (const c of clients) {
      const t = tierFor(c.ytd_spend, ctx.tiers);
      if (t && !findPhrase(answer, t.name)) out.push({ kind: 'ungrounded', what: 'count', value: `${c.name}'s tier (${t.name}) is not stated` });
    }
  }
  return out;
}

export const facts: Kind = {
  id: 'facts',
  examples: [
    'How much has TechGiant spent so far?',
    'Who manages FinServe Capital?',
    'When is GreenLeaf Grocers renewing?',
    'Does RetailCo have an open escalation?',
    'What tier is TechGiant in?',
  ],
  detect(s) {
    if (s.clients.length === 0) return undefined;
    const fields = [...s.fields].filter((f) => f !== 'change' || s.fields.size > 1);
    return { kind: 'facts', fields };
  },
  plan,
  compose,
  check,
};
