/**
 * Generic parsers that read business rules out of retrieved playbook passages. Nothing here
 * knows a tier name, a product, a percentage or an approver: every fact comes from the text,
 * so a different playbook gives different answers.
 */
import { allMoney, allPercents, parseMoney, smallCount as parseCount } from '../question/money.ts';
import { escapeRegExp, normalize, sentences } from '../question/words.ts';

/** One row of a spend-tier table; `max` is inclusive unless `maxExclusive`. */
export interface TierRule {
  name: string;
  min?: number;
  max?: number;
  maxExclusive?: boolean;
  /** The line the tier was read from. */
  source: string;
}

/** One line of an industry recommendation table. */
export interface RecommendationRule {
  /** Industry as written, or null for the "any other industry" default. */
  industry: string | null;
  tiers: string[];
  minSpend?: number;
  /** Exclusive upper bound. */
  maxSpend?: number;
  /** What to pitch, as written ("Programmatic Display with the Brand Safety Add-on"). */
  recommendation: string;
  /** True when the line is a prohibition ("Never pitch ...") rather than a recommendation. */
  prohibition: boolean;
  source: string;
}

/** A band of discount percentages and who must approve it (null: the rep's own discretion). */
export interface DiscountBand {
  /** Exclusive lower bound (0 for the first band). */
  above: number;
  /** Inclusive upper bound; undefined for "more than X%". */
  upTo?: number;
  approver: string | null;
  source: string;
}

export interface DiscountCap {
  tier: string;
  maxPct: number;
  source: string;
}

export interface MultiYearRule {
  minYears: number;
  extraPct: number;
  countsTowardThresholds: boolean;
  source: string;
}

const MONEY = String.raw`\$\s?\d[\d,]*(?:\.\d+)?(?:\s?[kKmM]\b)?`;
const OR_MORE = String.raw`(?:or more|or above|and above|and up|or higher|and over|or over|\+)`;
/** Words that may sit between an amount and "or more" ("$60,000 YTD spend or above"). */
const SPEND_TAIL = String.raw`(?:\s+(?:of\s+)?(?:YTD|year-to-date|annual)?\s*spend(?:ing)?)?`;
const UNDER = String.raw`(?:under|below|less than|lower than)`;

function tierGroups(text: string): TierRule[][] {
  const lead = String.raw`\b([A-Z][a-z]+)(?:[\s-]tier)?(?:\s+(?:accounts?|clients?))?\s*[:|\-–—(]?\s*(?:\|\s*)?(?:(?:YTD|year-to-date|annual)\s+)?(?:spend(?:ing)?\s+)?(?:is\s+|of\s+|from\s+)?`;
  const range = new RegExp(lead + String.raw`(${MONEY})\s*(?:to|up to|through|and|-|–|—)\s*(${MONEY})`);
  const min = new RegExp(lead + String.raw`(${MONEY})${SPEND_TAIL}\s*${OR_MORE}`);
  const max = new RegExp(lead + String.raw`${UNDER}\s+(${MONEY})`);
  // Tier rows sit together: keep the largest run of consecutive matching lines.
  const groups: TierRule[][] = [];
  let current: TierRule[] = [];
  const flush = (): void => {
    if (current.length > 0) groups.push(current);
    current = [];
  };
  for (const rawLine of text.split(/\r?\n/)) {
    if (!rawLine.trim()) continue;
    let matchedLine = false;
    for (const line of rawLine.split(';')) {
      const tier = matchTier(line, range, min, max);
      if (tier && !NOT_TIER.has(tier.name.toLowerCase()) && !current.some((t) => t.name === tier.name)) {
        current.push(tier);
        matchedLine = true;
      }
    }
    if (!matchedLine) flush();
  }
  flush();
  return groups;
}

/** Reads a spend-tier table ("Gold: YTD spend of $100,000 to $199,999", "Bronze under $25,000"...). */
export function parseTiers(text: string): TierRule[] {
  return tiersFromGroups(tierGroups(text).map((rows) => ({ rows, section: '' })));
}

/**
 * Reads a tier table that retrieval may have split across passages: the largest run of rows,
 * plus runs from passages of the same section that add new, non-overlapping tiers.
 */
export function parseTiersFromPassages(passages: { heading: string; text: string }[]): TierRule[] {
  return tiersFromGroups(passages.flatMap((p) => tierGroups(p.text).map((rows) => ({ rows, section: p.heading }))));
}

function overlaps(a: TierRule, b: TierRule): boolean {
  const lo = (t: TierRule): number => t.min ?? -Infinity;
  const hi = (t: TierRule): number => t.max ?? Infinity;
  return lo(a) < hi(b) && lo(b) < hi(a);
}

function tiersFromGroups(groups: { rows: TierRule[]; section: string }[]): TierRule[] {
  const best = groups.reduce<{ rows: TierRule[]; section: string } | undefined>((a, g) => (!a || g.rows.length > a.rows.length ? g : a), undefined);
  if (!best) return [];
  const out = [...best.rows];
  for (const g of groups) {
    if (g === best || g.section !== best.section) continue;
    for (const row of g.rows) if (!out.some((t) => t.name === row.name || overlaps(t, row))) out.push(row);
  }
  // A tier table has at least two rows; a lone match is prose, not a table.
  return out.length >= 2 ? out.sort((a, b) => (b.min ?? 0) - (a.min ?? 0)) : [];
}

function matchTier(line: string, range: RegExp, min: RegExp, max: RegExp): TierRule | undefined {
  let m = range.exec(line);
  if (m) return { name: m[1], min: parseMoney(m[2]), max: parseMoney(m[3]), source: line.trim() };
  m = min.exec(line);
  if (m) return { name: m[1], min: parseMoney(m[2]), source: line.trim() };
  m = max.exec(line);
  if (m) return { name: m[1], max: parseMoney(m[2]), maxExclusive: true, source: line.trim() };
  return undefined;
}

const NOT_TIER = new Set(['spend', 'the', 'with', 'and', 'net', 'at', 'up', 'more', 'discounts', 'accounts', 'clients']);

/** The tier whose range contains `spend`. */
export function tierFor(spend: number, tiers: TierRule[]): TierRule | undefined {
  return tiers.find((t) => {
    if (t.min !== undefined && spend < t.min) return false;
    if (t.max !== undefined && (t.maxExclusive ? spend >= t.max : spend > t.max)) return false;
    return true;
  });
}

/** A tier as a ClientQuery spend range (upper bound exclusive; an inclusive "to $Y" becomes Y + 1). */
export function tierRange(t: TierRule): { min_spend?: number; max_spend?: number } {
  const out: { min_spend?: number; max_spend?: number } = {};
  if (t.min !== undefined) out.min_spend = t.min;
  if (t.max !== undefined) out.max_spend = t.maxExclusive ? t.max : t.max + 1;
  return out;
}

const DEFAULT_INDUSTRY =
  /^(?:any|all|every|each)\s+other\s+(?:industr|sector|vertical)|^other\s+(?:industr|sector)|^default|^everyone else|^all other|^anything else|^any other/i;

/** Reads "<Industry>[, tiers | with YTD spend of $X or more | under $X]: <products>." lines. */
export function parseRecommendations(text: string, tierNames: string[]): RecommendationRule[] {
  const out: RecommendationRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim();
    let industry: string | null | undefined;
    for (const part of line.split(/;\s*/)) {
      const m = /^([^:]{2,90}):\s+(.+)$/.exec(part.trim());
      if (!m) continue;
      const left = m[1].trim();
      const right = m[2].trim();
      const cond = parseCondition(left, tierNames);
      if (cond.industry !== undefined) industry = cond.industry;
      else if (!cond.hasCondition || industry === undefined) continue;
      if (industry === undefined) continue;
      const rec = right
        .split(/(?<=\.)\s+/)[0]
        .replace(/\.$/, '')
        .trim();
      if (!rec || /^\$|^\d/.test(rec)) continue;
      out.push({
        industry,
        tiers: cond.tiers,
        minSpend: cond.minSpend,
        maxSpend: cond.maxSpend,
        recommendation: rec,
        prohibition: /^(?:never|do not|don't|no)\b/i.test(rec) || /\b(?:must never|must not|is never|are never|never be|may not|should never)\b/i.test(rec),
        source: line,
      });
    }
  }
  return out;
}

function parseCondition(
  left: string,
  tierNames: string[],
): { industry?: string | null; tiers: string[]; minSpend?: number; maxSpend?: number; hasCondition: boolean } {
  const tiers = tierNames.filter((t) => new RegExp(`\\b${escapeRegExp(t)}\\b`, 'i').test(left));
  const minM =
    new RegExp(`(${MONEY})${SPEND_TAIL}\\s*${OR_MORE}`, 'i').exec(left) ?? new RegExp(`(?:at least|over|above|more than)\\s+(${MONEY})`, 'i').exec(left);
  const maxM = new RegExp(`${UNDER}\\s+(${MONEY})`, 'i').exec(left);
  const minSpend = minM ? parseMoney(minM[1]) : undefined;
  const maxSpend = maxM ? parseMoney(maxM[1]) : undefined;
  const hasCondition = tiers.length > 0 || minSpend !== undefined || maxSpend !== undefined;
  if (DEFAULT_INDUSTRY.test(left)) return { industry: null, tiers, minSpend, maxSpend, hasCondition };
  const head = left
    .split(/,|\s+(?:with|under|below|less than|at|in the|clients?|accounts?|companies)\b|\s*\(/i)[0]
    .replace(/^for\s+/i, '')
    .trim();
  // A continuation ("under $75,000") has no industry of its own.
  if (!head || /^\$/.test(head) || /^(?:under|below|less|with)\b/i.test(left)) return { tiers, minSpend, maxSpend, hasCondition };
  if (!/^[A-Z]/.test(head) || head.split(/\s+/).length > 4) return { tiers: [], hasCondition: false };
  return { industry: head, tiers, minSpend, maxSpend, hasCondition };
}

/** The recommendation lines that apply to an industry and spend (default line when none match). */
export function recommendationsFor(rules: RecommendationRule[], industry: string, spend: number, tier: string | undefined): RecommendationRule[] {
  const applies = (r: RecommendationRule): boolean =>
    (r.tiers.length === 0 || (tier !== undefined && r.tiers.some((t) => t.toLowerCase() === tier.toLowerCase()))) &&
    (r.minSpend === undefined || spend >= r.minSpend) &&
    (r.maxSpend === undefined || spend < r.maxSpend);
  const own = rules.filter((r) => r.industry !== null && normalize(r.industry) === normalize(industry) && applies(r));
  if (own.length > 0) return own;
  const anyOwn = rules.some((r) => r.industry !== null && normalize(r.industry) === normalize(industry));
  return anyOwn ? [] : rules.filter((r) => r.industry === null && applies(r));
}

const APPROVER = [
  /(?:needs?|requires?|must have|must get)\s+(?:the\s+)?(?:written\s+)?approval\s+(?:from|of|by)\s+(?:the\s+|a\s+|your\s+)?([^.,;()]+)/i,
  /(?:needs?|requires?|must have|must get)\s+(?:the\s+|a\s+|your\s+)?(?:written\s+)?([^.,;()]+?)(?:['’]s|['’])?\s+(?:written\s+)?(?:approval|sign-?off)/i,
  /approved\s+by\s+(?:the\s+|a\s+|your\s+)?([^.,;()]+)/i,
  /(?:needs?|requires?|must have|must get)\s+(?:written\s+)?sign-?off\s+(?:from|of|by)\s+(?:the\s+|a\s+|your\s+)?([^.,;()]+)/i,
  /only with\s+(?:the\s+|a\s+|your\s+)?(?:written\s+)?([^.,;()]+?)(?:['’]s|['’])?\s+(?:written\s+)?(?:approval|sign-?off|consent)/i,
];

/** Who a sentence says must approve, or undefined. */
export function approverIn(sentence: string): string | undefined {
  for (const re of APPROVER) {
    const m = re.exec(sentence);
    if (m)
      return m[1]
        .trim()
        .replace(/['’]s?$/, '')
        .trim();
  }
  return undefined;
}

/** Reads discount bands: "Up to 10%: own discretion", "More than 10% and up to 20%: needs X's approval". */
export function parseDiscountBands(text: string): DiscountBand[] {
  const bands: DiscountBand[] = [];
  for (const s of sentences(text)) {
    const pcts = allPercents(s);
    if (pcts.length === 0 || /\bnever\b|\bextra\b|\badditional\b/i.test(s)) continue;
    const approver = approverIn(s);
    const discretion =
      /discretion|without (?:any )?(?:approval|sign-?off)|no (?:approval|sign-?off)|without asking|\balone\b|on (?:their|your|his|her) own|by (?:themselves|yourself)|own authority/i.test(
        s,
      );
    if (!approver && !discretion) continue;
    const above = /(?:more than|above|over|greater than|exceeding)\s+(\d+(?:\.\d+)?)\s?%/i.exec(s);
    const upTo = /(?:up to|at most|no more than|to|of)\s+(\d+(?:\.\d+)?)\s?%/i.exec(s);
    const between = /between\s+(\d+(?:\.\d+)?)\s?%\s+and\s+(\d+(?:\.\d+)?)\s?%/i.exec(s);
    if (between) bands.push({ above: Number(between[1]), upTo: Number(between[2]), approver: approver ?? null, source: s });
    else if (above || upTo)
      bands.push({
        above: above ? Number(above[1]) : 0,
        upTo: upTo ? Number(upTo[1]) : undefined,
        approver: discretion ? null : (approver ?? null),
        source: s,
      });
  }
  return bands.sort((a, b) => a.above - b.above);
}

/** The band a total discount falls into. */
export function bandFor(pct: number, bands: DiscountBand[]): DiscountBand | undefined {
  return bands.find((b) => pct > b.above && (b.upTo === undefined || pct <= b.upTo)) ?? (pct === 0 ? bands[0] : undefined);
}

/** Reads per-tier caps such as "Bronze-tier clients are never offered more than 5%". */
export function parseDiscountCaps(text: string, tierNames: string[]): DiscountCap[] {
  const caps: DiscountCap[] = [];
  for (const s of sentences(text)) {
    const m =
      /(?:never|not)\b[^.%]*?(?:more than|above|over|exceed(?:ing)?)\s+(\d+(?:\.\d+)?)\s?%|(?:at most|no more than|maximum of|capped at)\s+(\d+(?:\.\d+)?)\s?%/i.exec(
        s,
      );
    if (!m) continue;
    for (const tier of tierNames) {
      if (new RegExp(`\\b${escapeRegExp(tier)}\\b`, 'i').test(s)) caps.push({ tier, maxPct: Number(m[1] ?? m[2]), source: s });
    }
  }
  return caps;
}

/** Reads "A commitment of two years or more earns an extra 5% discount, which counts toward...". */
export function parseMultiYear(text: string): MultiYearRule | undefined {
  const all = sentences(text);
  for (const s of all) {
    const m = /(?:extra|additional|further|adds?|earns?|plus|bonus(?: of)?)\s+(?:an?\s+)?(?:extra\s+)?(\d+(?:\.\d+)?)\s?%/i.exec(s);
    if (!m || !/year/i.test(s)) continue;
    const y = /(\w+)\s+years?\s+or\s+(?:more|longer)|(?:at least|minimum of)\s+(\w+)\s+years?/i.exec(s);
    const minYears = y ? (parseCount(y[1] ?? y[2]) ?? 2) : 2;
    const extra = Number(m[1]);
    const counts = all.some(
      (t) =>
        /counts?\s+toward|included in|part of the total|applies to the (?:approval|sign-?off)|toward the (?:approval|sign-?off)/i.test(t) &&
        (/year|\b(?:this|that|the) (?:extra|additional|multi-year)|this discount/i.test(t) || allPercents(t).includes(extra)),
    );
    return { minYears, extraPct: Number(m[1]), countsTowardThresholds: counts, source: s };
  }
  return undefined;
}

/** A minimum YTD spend stated in an eligibility sentence ("only to ... $25,000 or more"). */
export function minSpendIn(sentence: string): number | undefined {
  const m =
    new RegExp(`(${MONEY})${SPEND_TAIL}\\s*${OR_MORE}`, 'i').exec(sentence) ??
    new RegExp(`(?:at least|minimum of|a minimum|over|above|more than)\\s+(${MONEY})`, 'i').exec(sentence);
  return m ? parseMoney(m[1]) : undefined;
}

/** A money limit stated in a sentence ("At most $100 per ..."). */
export function moneyLimitIn(sentence: string): number | undefined {
  const m = new RegExp(`(?:at most|no more than|up to|maximum(?: of)?|limit(?: of)?|not exceed(?:ing)?|capped at|cap of)\\s+(${MONEY})`, 'i').exec(sentence);
  return m ? parseMoney(m[1]) : undefined;
}

/** What a sentence says about something: forbidden, needs approval (by whom), or allowed/standard. */
export function ruleStance(sentence: string): { kind: 'never' | 'approval' | 'allowed'; approver?: string } {
  if (/\b(?:never|not allowed|not permitted|prohibited|forbidden|must not|may not|do not|don['’]t|cannot|can['’]t|no\b[^.]*\bat all)\b/i.test(sentence))
    return { kind: 'never' };
  const approver = approverIn(sentence);
  if (approver) return { kind: 'approval', approver };
  return { kind: 'allowed' };
}

/** All money amounts in the text, exposed for reflection checks. */
export { allMoney };
