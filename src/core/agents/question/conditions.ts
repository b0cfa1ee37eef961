/**
 * Conditions over the client book: read from a question's words (values the book itself holds,
 * plus generic phrases for spend, change, products, escalations, consent and dates), turned into
 * a parameter-only ClientQuery, and checked against a query that was run.
 */
import type { ClientQuery, ClientVocabulary } from '../../clients/types.ts';
import { dateRangeIn } from './dates.ts';
import type { Condition } from './frame.ts';
import { parseMoney } from './money.ts';
import { findPhrase, normalize, wordsOf } from './words.ts';

export interface ConditionContext {
  vocabulary: ClientVocabulary;
  today: string;
  /** The rep's own name, for "my clients". */
  rep?: string;
}

/** A spend range read from a tier table: `max` exclusive. */
export interface TierRange {
  name: string;
  min?: number;
  max?: number;
}

const longestFirst = (xs: string[]): string[] => [...new Set(xs)].sort((a, b) => b.length - a.length);

/** Book values named in the text, longest first, without overlaps ("Food & Beverage" before "Food"). */
function valuesIn(text: string, values: string[]): { value: string; words: string }[] {
  const out: { value: string; words: string }[] = [];
  let rest = ` ${normalize(text)} `;
  for (const v of longestFirst(values)) {
    if (findPhrase(rest, v)) {
      out.push({ value: v, words: wordsOf(text, v) });
      rest = rest.replace(` ${normalize(v)}`, ' ');
    }
  }
  return out;
}

function managersIn(text: string, managers: string[]): { value: string; words: string }[] {
  const full = valuesIn(text, managers);
  if (full.length) return full;
  // A first name alone ("Elena's clients") counts when only one manager has it.
  const out: { value: string; words: string }[] = [];
  for (const m of managers) {
    const first = m.split(/\s+/)[0];
    if (first.length >= 3 && new RegExp(`\\b${first}(?:['’]s)?\\b`).test(text) && managers.filter((x) => x.split(/\s+/)[0] === first).length === 1) {
      out.push({ value: m, words: first });
    }
  }
  return out;
}

const NOT_TIER =
  /^(?:which|what|how|list|show|all|our|my|the|top|many|total|bottom|any|each|every|new|existing|other|current|active|big|small|large|key|major|top|best|retail|these|those|their|your)$/i;

/** Capitalised category words before "clients/accounts/tier" the book does not know: candidate tier names. */
export function tierWordsIn(text: string, vocabulary: ClientVocabulary): string[] {
  const known = new Set(
    [...vocabulary.industries, ...vocabulary.regions, ...vocabulary.products, ...vocabulary.managers.flatMap((m) => m.split(' '))].map((v) => v.toLowerCase()),
  );
  const out: string[] = [];
  for (const m of text.matchAll(/\b([A-Z][a-z]+)(?:[\s-]+(?:tier|level))?[\s-]+(?:tier|level|clients?|accounts?|customers?)\b/g)) {
    if (!known.has(m[1].toLowerCase()) && !NOT_TIER.test(m[1])) out.push(m[1]);
  }
  for (const m of text.matchAll(/\b(?:tier|level)\s+([A-Z][a-z]+)\b|\bin\s+([A-Z][a-z]+)\s*\??$/g)) {
    const w = m[1] ?? m[2];
    if (w && !known.has(w.toLowerCase()) && !NOT_TIER.test(w) && /\b(?:tier|level)\b/i.test(text)) out.push(w);
  }
  return [...new Set(out)];
}

const SPEND_WORDS = String.raw`(?:spend(?:s|ing)?|spent|budget|revenue|ytd)`;
const MONEY_RE = String.raw`\$?\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|thousand|million)?\b(?:\s?(?:dollars|usd))?`;

function spendConditions(text: string): Condition[] {
  const out: Condition[] = [];
  const lastYear = (s: string): boolean => /\blast year|\bprevious year|\bprior year/i.test(s);
  const money = (s: string): number | undefined => parseMoney(/\$/.test(s) || /k|m|thousand|million|dollars|usd/i.test(s) ? s : `$${s}`);
  const between = new RegExp(String.raw`\b${SPEND_WORDS}[^.?!]{0,30}?\bbetween\s+(${MONEY_RE})\s+and\s+(${MONEY_RE})`, 'i').exec(text);
  if (between) {
    const field = lastYear(between[0]) ? 'last_year_spend' : 'ytd_spend';
    const lo = money(between[1]);
    const hi = money(between[2]);
    if (lo !== undefined && hi !== undefined) out.push({ kind: 'spend', field, min: lo, max: hi + 1, words: between[0] });
    return out;
  }
  const re = new RegExp(
    String.raw`\b(${SPEND_WORDS}|last year['’]?s? spend|spend last year)[^.?!]{0,24}?\b(over|above|more than|greater than|at least|exceeding|under|below|less than|up to|at most)\s+(${MONEY_RE})`,
    'gi',
  );
  for (const m of text.matchAll(re)) {
    const value = money(m[3]);
    if (value === undefined || /\blast year\b/i.test(m[3])) continue;
    const field = lastYear(m[1]) ? 'last_year_spend' : 'ytd_spend';
    const op = m[2].toLowerCase();
    const c: Condition =
      op === 'at least'
        ? { kind: 'spend', field, min: value, words: m[0] }
        : /over|above|more|greater|exceed/.test(op)
          ? { kind: 'spend', field, min: value + 0.01, words: m[0] }
          : op === 'up to' || op === 'at most'
            ? { kind: 'spend', field, max: value + 0.01, words: m[0] }
            : { kind: 'spend', field, max: value, words: m[0] };
    out.push(c);
  }
  return out;
}

function changeCondition(text: string): Condition | undefined {
  const down =
    /\b(?:spend(?:ing)?|spent|budget)\s+(?:is\s+|has\s+)?(?:less|lower|down|below|under)\b[^.?!]{0,20}\blast year\b|\b(?:less|lower)\s+than\s+last year\b|\b(?:spend|spending|budget)\s+(?:dropped|fell|declined|decreased|shrank)\b|\b(?:dropped|declined|decreased|shrinking|shrank|fell|down)\s+(?:from|on|vs\.?|versus|compared (?:to|with))\s+last year\b|\bdeclining (?:spend|accounts?|clients?)\b/i.exec(
      text,
    );
  if (down) return { kind: 'spend-change', direction: 'down', words: down[0] };
  const up =
    /\b(?:spend(?:ing)?|spent|budget)\s+(?:is\s+|has\s+)?(?:more|higher|up|above|over)\b[^.?!]{0,20}\blast year\b|\b(?:more|higher)\s+than\s+last year\b|\b(?:spend|spending|budget)\s+(?:grew|rose|increased|went up)\b|\b(?:grew|grown|increased|up)\s+(?:from|on|vs\.?|versus|compared (?:to|with))\s+last year\b|\bgrowing (?:spend|accounts?|clients?)\b/i.exec(
      text,
    );
  if (up) return { kind: 'spend-change', direction: 'up', words: up[0] };
  return undefined;
}

/** Every book condition a question's words carry (client names already masked out). */
export function conditionsIn(text: string, ctx: ConditionContext, opts: { products: boolean; dates: boolean }): Condition[] {
  const v = ctx.vocabulary;
  const out: Condition[] = [];
  const ind = valuesIn(text, v.industries);
  if (ind.length) out.push({ kind: 'industry', values: ind.map((x) => x.value), words: ind.map((x) => x.words).join(', ') });
  const reg = valuesIn(text, v.regions);
  if (reg.length) out.push({ kind: 'region', values: reg.map((x) => x.value), words: reg.map((x) => x.words).join(', ') });
  const mine = /\bmy (?:own )?(?:clients|accounts|customers|book|portfolio)\b|\bclients? (?:i|that i) (?:manage|own|handle)\b/i.exec(text);
  const mgr = managersIn(text, v.managers);
  if (mgr.length) out.push({ kind: 'manager', values: mgr.map((x) => x.value), words: mgr.map((x) => x.words).join(', ') });
  else if (mine && ctx.rep) out.push({ kind: 'manager', values: [ctx.rep], words: mine[0] });
  else if (mine) out.push({ kind: 'unsupported', reason: 'your own clients (add your name in Settings so I know which clients are yours)', words: mine[0] });

  if (opts.products) {
    for (const p of valuesIn(text, v.products)) {
      const before = text.slice(0, text.toLowerCase().indexOf(p.words.toLowerCase())).toLowerCase();
      const negated = /(?:\bnot|n['’]t|\bnever|\bwithout|\bno|\bexcept|\bexcluding|\bother than|\black(?:ing)?)\b[^,.;?]{0,30}$/.test(before);
      out.push({ kind: 'product', products: [p.value], has: !negated, words: p.words });
    }
  }
  const none =
    /\bno products?\b|\bwithout (?:any )?products?\b|\bnot (?:bought|buying|running|using) anything\b|\bno products? (?:yet|on record)\b|\bhave(?:n['’]t| not) bought\b|\bzero products\b/i.exec(
      text,
    );
  if (none) out.push({ kind: 'has-products', has: false, words: none[0] });

  // The book has no filter for a missing value: said, never dropped.
  const blank =
    /\b(?:no|without(?: an?)?|missing(?: an?| the)?|lacking(?: an?)?|with(?:out)? no)\s+(account managers?|managers?|owners?|regions?|industry|industries|renewal dates?|payment terms|sales reps?)\b/i.exec(
      text,
    );
  if (blank)
    out.push({
      kind: 'unsupported',
      reason: `clients with no ${blank[1].toLowerCase()} on record (the client book has no filter for a missing value)`,
      words: blank[0],
    });

  const noEsc = /\b(?:no|without(?: an?)?|not?\s+(?:any|an))\s+(?:open\s+)?(?:support\s+)?escalations?\b/i.exec(text);
  const esc = /\b(?:open|active|current|ongoing|unresolved)\s+(?:support\s+)?escalations?\b|\bescalat(?:ed|ions?)\b/i.exec(text);
  if (noEsc) out.push({ kind: 'escalation', open: false, words: noEsc[0] });
  else if (esc) out.push({ kind: 'escalation', open: true, words: esc[0] });

  const noConsent =
    /\b(?:no|without|not given|haven['’]t given|no)\s+(?:reference\s+)?consent\b|\bcan(?:not|['’]t) be (?:named|used) as (?:a )?references?\b/i.exec(text);
  const consent = /\b(?:reference consent|consented|can be (?:named|used) as (?:a )?references?|agreed to be (?:a )?references?)\b/i.exec(text);
  if (noConsent) out.push({ kind: 'consent', value: false, words: noConsent[0] });
  else if (consent) out.push({ kind: 'consent', value: true, words: consent[0] });

  const terms = [...text.matchAll(/\b(?:on|with|have|has)\s+(net\s?\d+)(?:\s+(?:payment\s+)?terms)?\b/gi)];
  if (terms.length) out.push({ kind: 'payment-terms', values: terms.map((m) => m[1].replace(/net\s?/i, 'net ')), words: terms.map((m) => m[0]).join(', ') });

  out.push(...spendConditions(text));
  const change = changeCondition(text);
  if (change) out.push(change);

  if (opts.dates) {
    const range = dateRangeIn(text, ctx.today);
    if (range) out.push({ kind: 'renewal', from: range.from, to: range.to, words: range.words });
  }
  return out;
}

/** Merges conditions into a ClientQuery; tiers become spend ranges, unknown tiers and unsupported ones are returned. */
export function toClientQuery(conditions: Condition[], tiers: TierRange[]): { query: ClientQuery; unapplied: Condition[] } {
  const q: ClientQuery = {};
  const unapplied: Condition[] = [];
  const addText = (key: 'industry' | 'region' | 'account_manager' | 'payment_terms', values: string[]) => {
    q[key] = values.length === 1 ? values[0] : values;
  };
  const raise = (key: 'min_spend' | 'min_last_year_spend', v: number | undefined) => {
    if (v !== undefined) q[key] = Math.max(q[key] ?? -Infinity, v);
  };
  const lower = (key: 'max_spend' | 'max_last_year_spend', v: number | undefined) => {
    if (v !== undefined) q[key] = Math.min(q[key] ?? Infinity, v);
  };
  for (const c of conditions) {
    switch (c.kind) {
      case 'industry':
        addText('industry', c.values);
        break;
      case 'region':
        addText('region', c.values);
        break;
      case 'manager':
        addText('account_manager', c.values);
        break;
      case 'payment-terms':
        addText('payment_terms', c.values);
        break;
      case 'tier': {
        const t = tiers.find((x) => x.name.toLowerCase() === c.tier.toLowerCase());
        if (!t) unapplied.push(c);
        else {
          raise('min_spend', t.min);
          lower('max_spend', t.max);
        }
        break;
      }
      case 'spend':
        if (c.field === 'ytd_spend') {
          raise('min_spend', c.min);
          lower('max_spend', c.max);
        } else {
          raise('min_last_year_spend', c.min);
          lower('max_last_year_spend', c.max);
        }
        break;
      case 'spend-change':
        q.spend_change = c.direction;
        break;
      case 'product': {
        const key = c.has ? 'product' : 'without_product';
        const prev = q[key];
        const all = [...(prev === undefined ? [] : [prev].flat()), ...c.products];
        q[key] = all.length === 1 ? all[0] : all;
        break;
      }
      case 'has-products':
        q.has_products = c.has;
        break;
      case 'escalation':
        q.open_escalation = c.open;
        break;
      case 'consent':
        q.reference_consent = c.value;
        break;
      case 'renewal':
        if (c.from) q.renewal_from = c.from;
        if (c.to) q.renewal_to = c.to;
        break;
      case 'unsupported':
        unapplied.push(c);
        break;
    }
  }
  return { query: q, unapplied };
}

const sameText = (a: unknown, values: string[]): boolean => {
  const have = new Set([a ?? []].flat().map((x) => String(x).toLowerCase()));
  return values.every((v) => have.has(v.toLowerCase()));
};

/** True when a query that was run applies the condition (tiers through their spend range). */
export function conditionApplied(c: Condition, q: ClientQuery, tiers: TierRange[]): boolean {
  switch (c.kind) {
    case 'industry':
      return sameText(q.industry, c.values);
    case 'region':
      return sameText(q.region, c.values);
    case 'manager':
      return sameText(q.account_manager, c.values);
    case 'payment-terms':
      return sameText(q.payment_terms, c.values);
    case 'tier': {
      const t = tiers.find((x) => x.name.toLowerCase() === c.tier.toLowerCase());
      return !!t && (t.min === undefined || (q.min_spend ?? -Infinity) >= t.min) && (t.max === undefined || (q.max_spend ?? Infinity) <= t.max);
    }
    case 'spend': {
      const [lo, hi] = c.field === 'ytd_spend' ? [q.min_spend, q.max_spend] : [q.min_last_year_spend, q.max_last_year_spend];
      return (c.min === undefined || (lo ?? -Infinity) >= c.min) && (c.max === undefined || (hi ?? Infinity) <= c.max);
    }
    case 'spend-change':
      return q.spend_change === c.direction;
    case 'product':
      return sameText(c.has ? q.product : q.without_product, c.products);
    case 'has-products':
      return q.has_products === c.has;
    case 'escalation':
      return q.open_escalation === c.open;
    case 'consent':
      return q.reference_consent === c.value;
    case 'renewal':
      return (!c.from || (q.renewal_from !== undefined && q.renewal_from >= c.from)) && (!c.to || (q.renewal_to !== undefined && q.renewal_to <= c.to));
    case 'unsupported':
      return false;
  }
}
