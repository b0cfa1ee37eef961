/** Answer sections about one client: facts, tier, recommendation, discount and eligibility checks. */
import type { Client } from '../../clients/types.ts';
import type { PlaybookPassage } from '../../tools/types.ts';
import { bestSentences, clientCite, passageCite, passageOf, type Evidence } from './evidence.ts';
import { TOPIC_QUERIES, type Intent } from './intent.ts';
import {
  bandFor,
  minSpendIn,
  parseDiscountBands,
  parseDiscountCaps,
  parseMultiYear,
  parseRecommendations,
  recommendationsFor,
  ruleStance,
  tierFor,
  type RecommendationRule,
  type TierRule,
} from './rules.ts';
import { formatMoney } from './text.ts';

export interface ComposeContext {
  intent: Intent;
  ev: Evidence;
  tiers: TierRule[];
}

const quote = (s: string): string => `"${s.replace(/^[-*•]\s*/, '').trim()}"`;

/** Cites the passage a rule line was read from (or the first passage as a fallback). */
function citeLine(passages: PlaybookPassage[], line: string): string {
  const p = passageOf(passages, line.trim()) ?? passages.find((x) => line.split(/\s+/).slice(0, 4).every((w) => x.text.includes(w)));
  return p ? ` ${passageCite(p)}` : '';
}

/** "Gold tier (...)" sentence for a client, or '' when no tier table was retrieved. */
export function tierSentence(c: Client, ctx: ComposeContext): string {
  const tier = tierFor(c.ytd_spend, ctx.tiers);
  if (!tier) return '';
  return `With ${formatMoney(c.ytd_spend)} YTD spend, **${c.name}** is in the **${tier.name}** tier — the playbook's tier table says ${quote(tier.source)}${citeLine(ctx.ev.passages, tier.source)}.`;
}

/** Plain facts from the client record, limited to the fields the question asked about. */
export function factsSection(c: Client, ctx: ComposeContext): string {
  const f = ctx.intent.fields;
  const cite = clientCite(c.name);
  const parts: string[] = [];
  const all = f.size === 0;
  if (all || f.has('spend')) parts.push(`YTD spend is **${formatMoney(c.ytd_spend)}** (last year: ${formatMoney(c.last_year_spend)})`);
  if (f.has('last_year') && !f.has('spend')) parts.push(`last year's spend was **${formatMoney(c.last_year_spend)}**`);
  if (all || f.has('industry')) parts.push(`industry is **${c.industry}**`);
  if (all || f.has('manager')) parts.push(`account manager is **${c.account_manager}**`);
  if (all || f.has('region')) parts.push(`region is **${c.region}**`);
  if (all || f.has('renewal')) parts.push(`renewal date is **${c.renewal_date}**`);
  if (all || f.has('products')) parts.push(`current products: ${c.products.length ? c.products.join(', ') : 'none on record'}`);
  if (all || f.has('payment')) parts.push(`payment terms are ${c.payment_terms}`);
  if (all || f.has('escalation')) parts.push(c.open_escalation ? 'there is an **open support escalation**' : 'no open support escalation');
  if (f.has('consent')) parts.push(c.reference_consent ? 'reference consent: **yes**' : 'reference consent: **no**');
  return `**${c.name}**: ${parts.join('; ')} ${cite}.`;
}

/** The recommendation for a client from the industry table, honouring an open escalation. */
export function recommendationSection(c: Client, ctx: ComposeContext): string {
  const tier = tierFor(c.ytd_spend, ctx.tiers);
  // Parse every passage first: the table may be split, and the default line applies only when
  // no passage has a line for the client's own industry.
  const parsed: { rule: RecommendationRule; passage: PlaybookPassage }[] = [];
  for (const p of ctx.ev.passages) {
    for (const rule of parseRecommendations(p.text, ctx.tiers.map((t) => t.name))) {
      if (!parsed.some((r) => r.rule.source === rule.source && r.rule.recommendation === rule.recommendation)) parsed.push({ rule, passage: p });
    }
  }
  const applicable = new Set(recommendationsFor(parsed.map((r) => r.rule), c.industry, c.ytd_spend, tier?.name));
  const rules = parsed.filter((r) => applicable.has(r.rule));
  const positive = rules.filter((r) => !r.rule.prohibition);
  const lines: string[] = [];
  if (positive.length === 0) {
    lines.push(`I could not find a recommendation for the ${c.industry} industry in the retrieved playbook passages, so I won't guess one.`);
  } else {
    const main = positive[0];
    const an = /^[aeiou]/i.test(c.industry) ? 'an' : 'a';
    const why = tier ? `${an} ${c.industry} client at ${formatMoney(c.ytd_spend)} YTD spend (${tier.name} tier)` : `${an} ${c.industry} client at ${formatMoney(c.ytd_spend)} YTD spend`;
    const lead = c.open_escalation ? 'Once the escalation is resolved, the playbook recommendation is' : '**Recommendation:**';
    lines.push(`${lead} **${main.rule.recommendation}** — ${c.name} is ${why} ${clientCite(c.name)}, and the playbook says ${quote(main.rule.source)} ${passageCite(main.passage)}.`);
    const owned = c.products.filter((p) => main.rule.recommendation.toLowerCase().includes(p.toLowerCase()));
    if (owned.length) lines.push(`They already run ${owned.join(' and ')}, so position that as an expansion rather than a new product.`);
  }
  for (const r of rules.filter((x) => x.rule.prohibition)) lines.push(`Avoid: ${quote(r.rule.recommendation)} ${passageCite(r.passage)}.`);
  if (c.open_escalation) {
    const rule = bestSentences(ctx.ev.passages, TOPIC_QUERIES.escalation, 1, /escalat/i)[0];
    const because = rule ? ` The playbook says ${quote(rule.sentence)} ${passageCite(rule.passage)}` : '';
    lines.unshift(`⚠️ **Do not pitch right now:** ${c.name} has an open support escalation ${clientCite(c.name)}.${because}`);
  }
  return lines.join('\n\n');
}

/** Whether a discount is allowed and who approves it, read from the bands, caps and multi-year rule. */
export function discountSection(c: Client | undefined, ctx: ComposeContext): string {
  const text = ctx.ev.passages.map((p) => p.text).join('\n');
  const bands = parseDiscountBands(text);
  const pct = ctx.intent.discountPct;
  if (bands.length === 0) return 'I could not find the discount approval rules in the retrieved playbook passages.';
  if (pct === undefined) {
    return ['The discount rules in the playbook:', ...bands.map((b) => `- ${quote(b.source)}${citeLine(ctx.ev.passages, b.source)}`)].join('\n');
  }
  const lines: string[] = [];
  let total = pct;
  const multi = parseMultiYear(text);
  if (multi && ctx.intent.years !== undefined && ctx.intent.years >= multi.minYears) {
    total = multi.countsTowardThresholds ? pct + multi.extraPct : pct;
    lines.push(`A ${ctx.intent.years}-year commitment adds ${multi.extraPct}%: ${quote(multi.source)}${citeLine(ctx.ev.passages, multi.source)}${multi.countsTowardThresholds ? `, and it counts toward the approval thresholds, so the total is **${total}%**` : ''}.`);
  }
  const tier = c ? tierFor(c.ytd_spend, ctx.tiers) : undefined;
  const cap = tier ? parseDiscountCaps(text, [tier.name]).find((x) => x.tier === tier.name) : undefined;
  const who = c ? `${c.name} (${formatMoney(c.ytd_spend)} YTD${tier ? `, ${tier.name} tier` : ''}) ${clientCite(c.name)}` : 'this client';
  if (cap && total > cap.maxPct) {
    lines.unshift(`**No.** ${total}% is above the cap for ${who}: ${quote(cap.source)}${citeLine(ctx.ev.passages, cap.source)}.`);
    return lines.join('\n\n');
  }
  const band = bandFor(total, bands);
  if (!band) lines.unshift(`I could not find a discount band covering ${total}% in the retrieved passages.`);
  else if (band.approver === null)
    lines.unshift(`**Yes.** ${total}% for ${who} is within your own discretion: ${quote(band.source)}${citeLine(ctx.ev.passages, band.source)}.`);
  else
    lines.unshift(`**Yes, but only with approval from the ${band.approver}.** ${total}% for ${who} falls in this band: ${quote(band.source)}${citeLine(ctx.ev.passages, band.source)}. Record the approval before mentioning the discount to the client.`);
  return lines.join('\n\n');
}

/** Free-trial eligibility from the minimum spend stated in the trial rule. */
export function trialSection(c: Client, ctx: ComposeContext): string {
  const rules = bestSentences(ctx.ev.passages, TOPIC_QUERIES.trial, 4, /trial/i);
  const eligibility = rules.find((r) => minSpendIn(r.sentence) !== undefined);
  if (!eligibility) return 'I could not find the free-trial eligibility rule in the retrieved playbook passages.';
  const min = minSpendIn(eligibility.sentence) ?? 0;
  const ok = c.ytd_spend >= min;
  const lines = [
    `${ok ? '**Yes.**' : '**No.**'} ${c.name}'s YTD spend is ${formatMoney(c.ytd_spend)} ${clientCite(c.name)}, which is ${ok ? 'at or above' : 'below'} the ${formatMoney(min)} minimum: ${quote(eligibility.sentence)} ${passageCite(eligibility.passage)}.`,
  ];
  const ruleLike = /\b(?:only|at most|never|must|needs?|no more than|maximum|limit)\b/i;
  for (const r of rules) if (r !== eligibility && ruleLike.test(r.sentence)) lines.push(`Also: ${quote(r.sentence)} ${passageCite(r.passage)}.`);
  return lines.join('\n\n');
}

/** Net-N payment terms: never / needs approval / standard, read from the sentence naming them. */
export function paymentSection(c: Client | undefined, ctx: ComposeContext): string {
  const n = ctx.intent.netTerm ?? (c ? Number(/\bnet\s?(\d+)/i.exec(c.payment_terms)?.[1] ?? NaN) : undefined);
  const must = n !== undefined && !Number.isNaN(n) ? new RegExp(`\\bnet\\s?${n}\\b`, 'i') : /\bnet\s?\d+/i;
  const hit = bestSentences(ctx.ev.passages, TOPIC_QUERIES.payment, 1, must)[0];
  const current = c ? ` ${c.name} is currently on ${c.payment_terms} ${clientCite(c.name)}.` : '';
  if (!hit) return `I could not find a rule about ${n !== undefined ? `net ${n}` : 'payment terms'} in the retrieved playbook passages.${current}`;
  const stance = ruleStance(hit.sentence);
  const verdict = stance.kind === 'never' ? '**No.**' : stance.kind === 'approval' ? `**Only with ${stance.approver} approval.**` : '**Yes.**';
  return `${verdict} The playbook says ${quote(hit.sentence)} ${passageCite(hit.passage)}.${current}`;
}

/** Whether a client may be named as a reference (consent flag + the references rule). */
export function referenceSection(c: Client, ctx: ComposeContext): string {
  const rule = bestSentences(ctx.ev.passages, TOPIC_QUERIES.reference, 1, /reference/i)[0];
  const because = rule ? ` The playbook says ${quote(rule.sentence)} ${passageCite(rule.passage)}.` : '';
  return c.reference_consent
    ? `**Yes.** ${c.name} has given reference consent ${clientCite(c.name)}.${because}`
    : `**No.** ${c.name} has not given reference consent ${clientCite(c.name)}.${because}`;
}

/** The pre-meeting brief: spend, tier, products, renewal, escalation and one recommendation. */
export function meetingBrief(c: Client, ctx: ComposeContext): string {
  const tier = tierFor(c.ytd_spend, ctx.tiers);
  const cite = clientCite(c.name);
  const lines = [
    `**Meeting brief — ${c.name}** (${c.industry}, ${c.region}; account manager ${c.account_manager}) ${cite}`,
    `- YTD spend: ${formatMoney(c.ytd_spend)} (last year ${formatMoney(c.last_year_spend)})`,
    `- Tier: ${tier ? `${tier.name} — ${quote(tier.source)}${citeLine(ctx.ev.passages, tier.source)}` : 'not found in the retrieved playbook passages'}`,
    `- Current products: ${c.products.length ? c.products.join(', ') : 'none on record'}`,
    `- Renewal date: ${c.renewal_date}`,
    `- Open escalation: ${c.open_escalation ? '**yes**' : 'no'}`,
  ];
  return `${lines.join('\n')}\n\n${recommendationSection(c, ctx)}`;
}
