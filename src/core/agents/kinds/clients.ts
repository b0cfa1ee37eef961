/**
 * Kinds about named clients beyond plain facts: comparing several, their change since last year,
 * whether one is in a given tier, and refusing to pass one client's data to another.
 */
import type { Client } from '../../clients/types.ts';
import { tierFor } from '../builtin/rules.ts';
import type { QuestionFrame } from '../question/frame.ts';
import { allMoney } from '../question/money.ts';
import { bestSentences, clientCite, foundClients, lookupCalls, passageCite, quote, tiersOf, tierSentence, topicCall, usd, verdictOf } from './common.ts';
import type { Decision } from './discount.ts';
import type { Evidence } from './evidence.ts';
import type { Finding, Kind, KindContext, PlannedCall, ReviewInput } from './kind.ts';
import { topicQuery } from './topics.ts';

const withTiers = (frame: QuestionFrame, ev: Evidence, ctx: KindContext): PlannedCall[] => {
  const calls = lookupCalls(frame, ev);
  if (ev.passages.length === 0 && ctx.tiers.length === 0) calls.push(topicCall('tiers', frame));
  return calls;
};

/** "down $6,000 (−11.8%)" for a client's YTD against last year. */
export function changeWords(c: Client): string {
  const d = c.ytd_spend - c.last_year_spend;
  const pct = c.last_year_spend > 0 ? ` (${d >= 0 ? '+' : '−'}${Math.abs(Math.round((d / c.last_year_spend) * 1000) / 10)}%)` : '';
  return d === 0 ? 'unchanged' : `${d > 0 ? 'up' : 'down'} ${usd(Math.abs(d))}${pct}`;
}

function compareCompose(frame: QuestionFrame, ev: Evidence) {
  const clients = foundClients(frame, ev);
  const tiers = tiersOf(ev);
  if (clients.length < 2)
    return { lead: 'I need at least two clients from your book to compare.', sections: clients.map((c) => `**${c.name}** ${clientCite(c)}`) };
  const row = (label: string, f: (c: Client) => string) => `| ${label} | ${clients.map(f).join(' | ')} |`;
  const table = [
    `| | ${clients.map((c) => `${c.name} ${clientCite(c)}`).join(' | ')} |`,
    `|---|${clients.map(() => '---').join('|')}|`,
    row('Industry', (c) => c.industry),
    row('YTD spend', (c) => usd(c.ytd_spend)),
    row('Last year', (c) => usd(c.last_year_spend)),
    row('Change', changeWords),
    ...(tiers.length ? [row('Tier', (c) => tierFor(c.ytd_spend, tiers)?.name ?? '—')] : []),
    row('Account manager', (c) => c.account_manager),
    row('Region', (c) => c.region),
    row('Renewal', (c) => c.renewal_date),
    row('Products', (c) => (c.products.length ? c.products.join(', ') : 'none')),
    row('Open escalation', (c) => (c.open_escalation ? 'yes' : 'no')),
  ];
  return { lead: compareLead(frame, clients), sections: [table.join('\n')] };
}

/** The comparison's one-line answer: who is growing or shrinking when that is asked, else who spends most. */
function compareLead(frame: QuestionFrame, clients: Client[]): string {
  const growth = (c: Client) => c.ytd_spend - c.last_year_spend;
  const trend = /\b(?:grow|growing|grew|grown|up|increas|shrink|shrinking|declin|down|drop|fall|falling)\w*\b/i.exec(frame.text);
  if (trend) {
    const up = clients.filter((c) => growth(c) > 0);
    const down = clients.filter((c) => growth(c) < 0);
    const list = (cs: Client[]) => cs.map((c) => `**${c.name}** (${changeWords(c)})`).join(', ');
    const parts = [up.length ? `${list(up)} ${up.length === 1 ? 'is' : 'are'} growing on last year` : 'None of them is growing on last year'];
    if (down.length) parts.push(`${list(down)} ${down.length === 1 ? 'is' : 'are'} down`);
    return `${parts.join('; ')}.`;
  }
  const top = [...clients].sort((a, b) => b.ytd_spend - a.ytd_spend)[0];
  return `**${top.name}** has the highest YTD spend of the ${clients.length} (${usd(top.ytd_spend)}).`;
}

export const compare: Kind = {
  id: 'compare',
  examples: ['Compare RetailCo and GreenLeaf Grocers', 'TechGiant vs TechGiant Labs', 'What is the difference between Apex Foods and Orion Media?'],
  detect: (s) =>
    s.clients.length >= 2 &&
    /\bcompar|\bvs\.?\b|\bversus\b|\bdifference\b|\bside by side\b|\bwhich (?:one|of (?:them|the two)|is bigger|spends more)\b|\bbigger\b|\bmore than\b/i.test(
      s.masked,
    )
      ? { kind: 'compare', fields: [...s.fields] }
      : undefined,
  plan: withTiers,
  compose: (frame, ev) => compareCompose(frame, ev),
  check: () => [],
};

function changeCompose(frame: QuestionFrame, ev: Evidence) {
  const clients = foundClients(frame, ev);
  const lines = clients.map(
    (c) => `**${c.name}** is ${changeWords(c)} on last year: ${usd(c.ytd_spend)} YTD against ${usd(c.last_year_spend)} last year ${clientCite(c)}.`,
  );
  if (frame.polar && clients.length === 1) {
    const c = clients[0];
    const more = /\bmore|\bup\b|\bgr[oe]w|\bincreas|\bhigher/i.test(frame.text);
    const yes = more ? c.ytd_spend > c.last_year_spend : c.ytd_spend < c.last_year_spend;
    return { lead: `**${yes ? 'Yes' : 'No'}** — ${lines[0]}`, sections: [] };
  }
  return { sections: lines };
}

export const change: Kind = {
  id: 'change',
  examples: ['How has RetailCo’s spend changed since last year?', 'Is TechGiant spending more than last year?', 'Did GreenLeaf Grocers grow year over year?'],
  detect: (s) =>
    s.clients.length > 0 &&
    (s.fields.has('change') ||
      (s.fields.has('last_year') && /\bthan\b|\bvs\.?\b|\bcompared\b/i.test(s.text)) ||
      s.conditions.some((c) => c.kind === 'spend-change'))
      ? { kind: 'change' }
      : undefined,
  plan: (frame, ev) => lookupCalls(frame, ev),
  compose: (frame, ev) => changeCompose(frame, ev),
  check: () => [],
};

function decideTier(frame: QuestionFrame, ev: Evidence, ctx: KindContext): Decision {
  const c = foundClients(frame, ev)[0];
  const asked = frame.conditions.find((x) => x.kind === 'tier');
  const tiers = ctx.tiers.length ? ctx.tiers : tiersOf(ev);
  if (!c) return { lead: 'Tell me which client you mean.', sections: [] };
  const tier = tierFor(c.ytd_spend, tiers);
  const sentence = tierSentence(c, ev, tiers);
  if (!tier) return { lead: `I couldn't find the tier table in the retrieved playbook passages, so I can't say which tier ${c.name} is in.`, sections: [] };
  if (asked?.kind !== 'tier') return { lead: sentence, sections: [] };
  if (!tiers.some((t) => t.name.toLowerCase() === asked.tier.toLowerCase())) {
    return { verdict: 'no', lead: `**No** — the playbook defines no ${asked.tier} tier. ${sentence}`, sections: [] };
  }
  const yes = tier.name.toLowerCase() === asked.tier.toLowerCase();
  return { verdict: yes ? 'yes' : 'no', lead: `**${yes ? 'Yes' : 'No'}** — ${sentence}`, sections: [] };
}

export const tierCheck: Kind = {
  id: 'tier',
  examples: ['Is TechGiant a Platinum account?', 'Is RetailCo in the Gold tier?'],
  detect: (s) => (s.clients.length > 0 && s.polar && s.conditions.some((c) => c.kind === 'tier') ? { kind: 'check', check: 'tier' } : undefined),
  plan: withTiers,
  compose: decideTier,
  check: ({ frame, answer, ev, ctx }: ReviewInput): Finding[] => {
    const d = decideTier(frame, ev, ctx);
    const said = verdictOf(answer);
    if (!d.verdict) return [];
    if (!said) return [{ kind: 'no-verdict', expected: d.verdict }];
    return said === d.verdict ? [] : [{ kind: 'wrong-verdict', expected: d.verdict, found: said }];
  },
};

const DISCLOSE =
  /\b(?:tell|share|send|disclose|reveal|forward|show|pass|give|let)\b[^?.!]*\b(?:what|how much|which|know|spend|spends|spending|data|numbers|figures|results|performance|information|info|details|plans|price|prices|pricing|budget|products)\b|\b(?:asked|asks|wants? to know|requested|curious)\b[^?.!]*\b(?:what|which|how much)\b/i;

function disclosureCompose(frame: QuestionFrame, ev: Evidence) {
  const rules = bestSentences(
    ev.passages,
    `${frame.text} ${topicQuery('confidentiality')}`,
    2,
    /\b(?:never|not|no)\b[^.]*\b(?:share|pass|disclose)\b|confidential/i,
  );
  return {
    lead: "**No** — I can't help pass one client's information to another client.",
    sections: [
      rules.length
        ? `The playbook is explicit:\n${rules.map((r) => `- ${quote(r.sentence)} ${passageCite(r.passage)}`).join('\n')}`
        : "I couldn't retrieve the confidentiality rule, but sharing one client's data with another is not something I will help with.",
      'Talk to each client only about their own account.',
    ],
  };
}

export const disclosure: Kind = {
  id: 'disclosure',
  examples: ['Can I tell RetailCo what GreenLeaf Grocers spends with us?', 'RetailCo asked how much TechGiant spends. What should I say?'],
  detect: (s) =>
    DISCLOSE.test(s.masked) &&
    !/\b(?:tell|show|give) me\b/i.test(s.masked) &&
    (s.clients.length >= 2 || (s.clients.length === 1 && /\b(?:another|other|a different|competing) (?:client|customer|account|company)\b/i.test(s.text)))
      ? { kind: 'check', check: 'disclosure' }
      : undefined,
  plan: (frame, ev) => [...lookupCalls(frame, ev), ...(ev.passages.length ? [] : [topicCall('confidentiality', frame)])],
  compose: (frame, ev) => disclosureCompose(frame, ev),
  check: ({ answer, ev }: ReviewInput): Finding[] => {
    const out: Finding[] = [];
    const amounts = allMoney(answer);
    for (const f of ev.found) if (amounts.some((m) => Math.abs(m - f.client.ytd_spend) < 0.5)) out.push({ kind: 'leak', client: f.client.name });
    if (verdictOf(answer) !== 'no') out.push({ kind: 'no-verdict', expected: 'no' });
    return out;
  },
};
