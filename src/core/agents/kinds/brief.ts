/** "Prepare me for my meeting with GreenLeaf Grocers": the record, tier, renewal timing and one recommendation. */
import { TOOL_SEARCH_PLAYBOOK } from '../../tools/types.ts';
import { tierFor } from '../builtin/rules.ts';
import type { QuestionFrame } from '../question/frame.ts';
import { bestSentences, citeLine, clientCite, foundClients, passageCite, quote, tiersOf, topicCall, usd } from './common.ts';
import type { Evidence } from './evidence.ts';
import type { Kind, KindContext, PlannedCall } from './kind.ts';
import { planRecommendation, recommend } from './recommend.ts';
import { recommendationFor, recommendationText } from './recommendation.ts';
import { topicQuery } from './topics.ts';

const DAY = 86_400_000;

const shiftDays = (iso: string, n: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Days from `today` to an ISO date (negative when past). */
export function daysUntil(iso: string, today: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
}

/** "Renewal in 29 days — start the renewal conversation now (the playbook starts it 90 days before)". */
export function renewalAdvice(renewal: string, today: string, ev: Evidence): string | undefined {
  if (!renewal) return undefined;
  const rule = bestSentences(ev.passages, topicQuery('renewal'), 2, /\b\d+\s+days\b/i).find((r) => /renew/i.test(r.sentence));
  const days = daysUntil(renewal, today);
  const when = days < 0 ? `was ${-days} days ago` : days === 0 ? 'is today' : `is in ${days} days`;
  if (!rule) return `Renewal ${when} (${renewal}).`;
  const lead = Number(/\b(\d+)\s+days\b/i.exec(rule.sentence)?.[1]);
  const action =
    days >= 0 && days <= lead
      ? '**inside the renewal window: start the renewal conversation now**'
      : days > lead
        ? `the renewal conversation starts in ${days - lead} days (on ${shiftDays(renewal, -lead)})`
        : 'the renewal date has passed: confirm its status in the CRM';
  return `Renewal ${when} (${renewal}) — ${action}. The playbook says ${quote(rule.sentence)} ${passageCite(rule.passage)}.`;
}

function plan(frame: QuestionFrame, ev: Evidence, ctx: KindContext): PlannedCall[] {
  const calls = planRecommendation(frame, ev, ctx);
  if (ev.passages.length === 0) calls.push(topicCall('meeting', frame), topicCall('renewal', frame));
  else if (!ev.passages.some((p) => /renew/i.test(p.text)) && foundClients(frame, ev).length > 0)
    calls.push({ name: TOOL_SEARCH_PLAYBOOK, args: { query: topicQuery('renewal') } });
  return calls;
}

function compose(frame: QuestionFrame, ev: Evidence, ctx: KindContext) {
  const tiers = tiersOf(ev);
  const sections: string[] = [];
  for (const c of foundClients(frame, ev)) {
    const tier = tierFor(c.ytd_spend, tiers);
    const brief = [
      `**Meeting brief — ${c.name}** (${c.industry}, ${c.region}; account manager ${c.account_manager}) ${clientCite(c)}`,
      `- YTD spend: ${usd(c.ytd_spend)} (last year ${usd(c.last_year_spend)})`,
      `- Tier: ${tier ? `${tier.name} — ${quote(tier.source)}${citeLine(ev.passages, tier.source)}` : 'not found in the retrieved playbook passages'}`,
      `- Current products: ${c.products.length ? c.products.join(', ') : 'none on record'}`,
      `- ${renewalAdvice(c.renewal_date, ctx.today, ev) ?? `Renewal date: ${c.renewal_date}`}`,
      `- Open escalation: ${c.open_escalation ? '**yes** — resolve it before any pitch' : 'no'}`,
    ];
    const rec = recommendationText(c, recommendationFor(c, ev, tiers), tiers);
    sections.push(brief.join('\n'), [rec.lead, ...rec.sections].join('\n\n'));
  }
  return { sections };
}

export const brief: Kind = {
  id: 'brief',
  examples: ['Prepare me for my meeting with GreenLeaf Grocers', 'Brief me on RetailCo before my call', 'Get me ready for the TechGiant meeting tomorrow'],
  detect: (s) =>
    s.clients.length > 0 &&
    /\bprep(?:are|aring)?\b|\bbrief(?:ing)?\b|\bget (?:me )?ready\b|\bready for\b|\bwhat (?:do|should) i know\b|\btalking points\b|\bmeeting notes\b/i.test(
      s.masked,
    ) &&
    !/\bdraft|\bwrite\b|\bagenda\b|\bemail\b/i.test(s.masked)
      ? { kind: 'brief' }
      : undefined,
  plan,
  compose,
  check: (input) => recommend.check(input),
};
