/**
 * Reads the playbook's recommendation for one client (industry line, spend or tier condition,
 * prohibitions) from the retrieved passages; shared by recommend, pitch, brief and draft.
 */
import type { Client } from '../../clients/types.ts';
import type { PlaybookPassage } from '../../tools/types.ts';
import { parseRecommendations, recommendationsFor, tierFor, type RecommendationRule, type TierRule } from '../builtin/rules.ts';
import { keywords, normalize, stem } from '../question/words.ts';
import { bestSentences, clientCite, passageCite, quote, usd } from './common.ts';
import type { Evidence } from './evidence.ts';
import { topicQuery } from './topics.ts';

export interface CitedRule {
  rule: RecommendationRule;
  passage: PlaybookPassage;
}

export interface ClientRecommendation {
  /** Positive lines that apply, best first. */
  positive: CitedRule[];
  prohibitions: CitedRule[];
  /** Some passage has a line for the client's own industry. */
  ownIndustryLine: boolean;
  /** The escalation rule, when the client has an open escalation and it was retrieved. */
  escalationRule?: { sentence: string; passage: PlaybookPassage };
}

/** The recommendation lines for a client, from every retrieved passage (tables may be split). */
export function recommendationFor(c: Client, ev: Evidence, tiers: TierRule[]): ClientRecommendation {
  const parsed: CitedRule[] = [];
  for (const p of ev.passages) {
    for (const rule of parseRecommendations(
      p.text,
      tiers.map((t) => t.name),
    )) {
      if (!parsed.some((r) => r.rule.source === rule.source && r.rule.recommendation === rule.recommendation)) parsed.push({ rule, passage: p });
    }
  }
  const tier = tierFor(c.ytd_spend, tiers);
  const applicable = new Set(
    recommendationsFor(
      parsed.map((r) => r.rule),
      c.industry,
      c.ytd_spend,
      tier?.name,
    ),
  );
  const rules = parsed.filter((r) => applicable.has(r.rule));
  const escalation = c.open_escalation ? bestSentences(ev.passages, topicQuery('escalation'), 1, /escalat/i)[0] : undefined;
  return {
    positive: rules.filter((r) => !r.rule.prohibition),
    prohibitions: rules.filter((r) => r.rule.prohibition),
    ownIndustryLine: parsed.some((r) => r.rule.industry !== null && normalize(r.rule.industry) === normalize(c.industry)),
    escalationRule: escalation ? { sentence: escalation.sentence, passage: escalation.passage } : undefined,
  };
}

/** True when a text names the offer: every content word of the phrase (stemmed, typo-tolerant) appears in it. */
export function mentionsOffer(text: string, phrase: string): boolean {
  const have = keywords(text).map(stem);
  const want = keywords(phrase)
    .filter((w) => !/^(?:campaign|campaigns|programme|program|package|product|ads|ad|run|running|offer|new)$/.test(w))
    .map(stem);
  return (
    want.length > 0 && want.every((w) => have.some((h) => h === w || (w.length >= 4 && h.startsWith(w.slice(0, 4)) && Math.abs(h.length - w.length) <= 2)))
  );
}

/** "an Electronics client at $120,000 YTD spend (Gold tier)". */
export function clientProfile(c: Client, tiers: TierRule[]): string {
  const tier = tierFor(c.ytd_spend, tiers);
  const an = /^[aeiou]/i.test(c.industry) ? 'an' : 'a';
  return `${an} ${c.industry} client at ${usd(c.ytd_spend)} YTD spend${tier ? ` (${tier.name} tier)` : ''}`;
}

/** The recommendation in Markdown: escalation first, then the line, then what to avoid. */
/** The products a recommendation names, one per item: "Mobile App Banners and Online Display Ads" → two. */
function recommendedItems(recommendation: string): string[] {
  return recommendation
    .replace(/[.;:]+$/, '')
    .split(/\s*(?:,|;|\+|\band\b|\bplus\b)\s*/i)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * What the playbook recommends for `c`. With `missingOnly` ("Which products is RetailCo not
 * using yet?") the lead names what the client does not run yet, or says it runs all of it.
 */
export function recommendationText(c: Client, rec: ClientRecommendation, tiers: TierRule[], missingOnly = false): { lead: string; sections: string[] } {
  const sections: string[] = [];
  let lead: string;
  const main = rec.positive[0];
  if (!main) {
    lead = `I couldn't find a recommendation for the ${c.industry} industry in the retrieved playbook passages, so I won't guess one.`;
  } else {
    const because = `${c.name} is ${clientProfile(c, tiers)} ${clientCite(c)}, and the playbook says ${quote(main.rule.source)} ${passageCite(main.passage)}.`;
    const owned = c.products.filter((p) => mentionsOffer(main.rule.recommendation, p));
    const items = recommendedItems(main.rule.recommendation);
    const missing = items.filter((item) => !c.products.some((p) => mentionsOffer(item, p) || mentionsOffer(p, item)));
    const runsAll = missingOnly && missing.length === 0;
    if (c.open_escalation) {
      lead = `**Don't pitch right now** — ${c.name} has an open support escalation ${clientCite(c)}.${rec.escalationRule ? ` The playbook says ${quote(rec.escalationRule.sentence)} ${passageCite(rec.escalationRule.passage)}.` : ''}`;
      sections.push(`Once the escalation is resolved, the playbook recommendation is **${main.rule.recommendation}** — ${because}`);
    } else if (runsAll) {
      lead = `**Nothing new from the playbook** — ${c.name} already runs ${(owned.length ? owned : items).join(' and ')}, which is what the playbook recommends: ${because} Any pitch from it would expand what they run.`;
    } else if (missingOnly) {
      lead = `**Not using yet: ${missing.join(' and ')}** — ${because}`;
    } else {
      lead = `**Recommendation: ${main.rule.recommendation}** — ${because}`;
    }
    if (owned.length && !runsAll) sections.push(`They already run ${owned.join(' and ')}, so position that as an expansion rather than a new product.`);
  }
  for (const r of rec.prohibitions) sections.push(`Avoid: ${quote(r.rule.recommendation)} ${passageCite(r.passage)}.`);
  return { lead, sections };
}
