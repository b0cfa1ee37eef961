/**
 * "Can I give RetailCo 15%?", "Whose approval do I need for 15%?": the discount bands, per-tier
 * caps and the multi-year extra, all read from the retrieved passages.
 */
import { bandFor, parseDiscountBands, parseDiscountCaps, parseMultiYear, tierFor } from '../builtin/rules.ts';
import type { QuestionFrame } from '../question/frame.ts';
import { citeLine, clientCite, foundClients, lookupCalls, quote, topicCall, usd } from './common.ts';
import { decideAcrossDocuments, decisionFindings } from './conflicts.ts';
import type { Evidence } from './evidence.ts';
import type { Finding, Kind, KindContext, PlannedCall, ReviewInput } from './kind.ts';

export interface Decision {
  verdict?: 'yes' | 'no' | 'approval';
  lead: string;
  sections: string[];
}

/** What the question's discount is called in an answer: "a 15% discount" or "discounts". */
const topicOf = (frame: QuestionFrame): string => (frame.amounts.percent === undefined ? 'discounts' : `a ${frame.amounts.percent}% discount`);

/** The discount decision for the frame's percentage and client, with documents that disagree named. */
export function decideDiscount(frame: QuestionFrame, ev: Evidence, ctx: KindContext): Decision {
  return decideAcrossDocuments(topicOf(frame), (e) => decideIn(frame, e, ctx), ev);
}

/** The decision on these passages alone. */
function decideIn(frame: QuestionFrame, ev: Evidence, ctx: KindContext): Decision {
  const text = ev.passages.map((p) => p.text).join('\n');
  const bands = parseDiscountBands(text);
  const pct = frame.amounts.percent;
  const c = foundClients(frame, ev)[0];
  if (bands.length === 0) return { lead: "I couldn't find the discount approval rules in the retrieved playbook passages, so I won't guess.", sections: [] };
  if (pct === undefined) {
    return {
      lead: 'The discount rules in the playbook:',
      sections: [bands.map((b) => `- ${quote(b.source)}${citeLine(ev.passages, b.source)}`).join('\n')],
    };
  }
  const sections: string[] = [];
  let total = pct;
  const multi = parseMultiYear(text);
  const years = frame.amounts.years;
  if (multi && years !== undefined && years >= multi.minYears) {
    total = multi.countsTowardThresholds ? pct + multi.extraPct : pct;
    sections.push(
      `A ${years}-year commitment adds ${multi.extraPct}%: ${quote(multi.source)}${citeLine(ev.passages, multi.source)}${multi.countsTowardThresholds ? `; it counts toward the approval thresholds, so the total is **${total}%**` : ''}.`,
    );
  }
  const tier = c ? tierFor(c.ytd_spend, ctx.tiers) : undefined;
  const cap = tier ? parseDiscountCaps(text, [tier.name]).find((x) => x.tier === tier.name) : undefined;
  const who = c ? `${c.name} (${usd(c.ytd_spend)} YTD${tier ? `, ${tier.name} tier` : ''}) ${clientCite(c)}` : 'a client';
  if (c && !tier && ctx.tiers.length === 0) sections.push(`I could not read the tier table, so I could not check a tier cap for ${c.name}.`);
  if (cap && total > cap.maxPct) {
    return {
      verdict: 'no',
      lead: `**No** — ${total}% is above the ${cap.maxPct}% cap for ${who}: ${quote(cap.source)}${citeLine(ev.passages, cap.source)}.`,
      sections,
    };
  }
  const band = bandFor(total, bands);
  if (!band) return { lead: `I couldn't find a discount band covering ${total}% in the retrieved passages, so I won't guess.`, sections };
  if (band.approver === null) {
    return {
      verdict: 'yes',
      lead: `**Yes** — ${total}% for ${who} is within your own discretion: ${quote(band.source)}${citeLine(ev.passages, band.source)}.`,
      sections,
    };
  }
  return {
    verdict: 'approval',
    lead: `**Yes, but only with the ${band.approver}'s approval** — ${total}% for ${who} falls in this band: ${quote(band.source)}${citeLine(ev.passages, band.source)}. Record the approval before mentioning the discount to the client.`,
    sections,
  };
}

function plan(frame: QuestionFrame, ev: Evidence, ctx: KindContext): PlannedCall[] {
  const calls = lookupCalls(frame, ev);
  if (ev.passages.length === 0) {
    calls.push(topicCall('discount', frame));
    if (frame.amounts.years !== undefined) calls.push(topicCall('multiyear', frame));
    if (frame.clients.length > 0) calls.push(topicCall('tiers', frame));
  } else if (frame.clients.length > 0 && ctx.tiers.length === 0 && ev.found.length > 0) {
    calls.push(topicCall('tiers', frame));
  }
  return calls;
}

function check({ frame, answer, ev, ctx }: ReviewInput): Finding[] {
  return decisionFindings(topicOf(frame), (e) => decideIn(frame, e, ctx), ev, answer);
}

export const discount: Kind = {
  id: 'discount',
  examples: [
    'Can I give RetailCo a 15% discount?',
    'A client is asking for a 15% discount. Whose approval do I need?',
    'Can I offer TechGiant 12% off on a two-year deal?',
    'What are the discount rules?',
  ],
  detect(s) {
    if (!s.topics.has('discount') && !(s.topics.has('multiyear') && s.amounts.percent !== undefined)) return undefined;
    return { kind: 'check', check: 'discount' };
  },
  plan,
  compose: (frame, ev, ctx) => decideDiscount(frame, ev, ctx),
  check,
};
