/**
 * Text helpers shared by the offline metrics: normalization (case, accents, money), sentence
 * splitting into claims, content tokens, and checkable facts (numbers, money, dates, names).
 */
import { stripCitations } from '../citations.ts';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Lower-case, strip accents, drop `$` and thousands separators, collapse whitespace. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/\$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Splits prose into sentence-level claims (also on bullets, line breaks and semicolons).
 * Citation markers such as "[client: TechGiant]" (and older "(source: …)" parentheticals) are
 * dropped first: they say where a claim came from, they are not claims.
 */
export function splitClaims(text: string): string[] {
  return stripCitations(text)
    .replace(/\r/g, '')
    .replace(/\s*\((?:sources?|see|cited?)\s*:[^)]*\)/gi, '')
    .split(/\n+|;\s+|(?<=[.!?])\s+(?=["'(\p{Lu}\d*-])/u)
    .map((s) =>
      s
        .replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '')
        .replace(/[*_`#]+/g, '')
        .trim(),
    )
    .filter((s) => /[\p{L}\d]/u.test(s) && s.length > 2);
}

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its ' +
    'me my no not of on or our she so than that the their them then there these they this those to up us was we were what ' +
    'when where which who whom why will with would you your yes any all also only just should may might must shall about ' +
    'per each more most less over under than get gets got need needs here let know'
  ).split(' '),
);

/** Crude suffix stripping so "spends" / "spending" / "spend" and "reviews" / "review" meet. */
function stem(t: string): string {
  if (t.length <= 4 || /\d/.test(t)) return t;
  return t.replace(/(?:ing|ed|es|s)$/, '');
}

/** Content tokens of normalized text (stopwords removed, lightly stemmed). */
export function contentTokens(text: string): string[] {
  return normalizeText(text)
    .split(/[^\p{L}\p{N}']+/u)
    .map((t) => t.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
    .filter((t) => t.length > 1 && !STOPWORDS.has(t))
    .map(stem);
}

/** Words that are capitalized in prose without naming anything checkable. */
const NOT_NAMES = new Set(
  (
    'the a an i it its this that these those there here yes no not if when while what which who how why we you they he she ' +
    'our your their my as at for from in on of to and or but so however also please note based according sure sorry ' +
    'unfortunately currently today ytd usd ok okay answer question client clients account customer company ' +
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);

/** Checkable facts in a claim: numbers (money, %, counts), ISO dates and capitalized names. */
export interface Facts {
  numbers: number[];
  dates: string[];
  names: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthIndex(word: string): number {
  const w = word.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(w));
}

/** Extracts dates (ISO, "February 28, 2027", "28 February 2027") and removes them from the text. */
function takeDates(text: string): { dates: string[]; rest: string } {
  const dates: string[] = [];
  let rest = text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) => {
    dates.push(`${y}-${m}-${d}`);
    return ' ';
  });
  const month = '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
  rest = rest.replace(new RegExp(`\\b${month}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'), (_, m: string, d: string, y: string) => {
    dates.push(`${y}-${pad(monthIndex(m) + 1)}-${pad(Number(d))}`);
    return ' ';
  });
  rest = rest.replace(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${month},?\\s+(\\d{4})\\b`, 'gi'), (_, d: string, m: string, y: string) => {
    dates.push(`${y}-${pad(monthIndex(m) + 1)}-${pad(Number(d))}`);
    return ' ';
  });
  return { dates, rest };
}

/** Numbers with money shorthands resolved: "$120,000", "120k", "$1.2M", "10%" → 120000, 120000, 1200000, 10. */
function takeNumbers(text: string): number[] {
  const out: number[] = [];
  const re = /(\d+(?:,\d{3})*(?:\.\d+)?)\s*(k|m|mn|million|thousand)?\b/gi;
  for (const m of text.matchAll(re)) {
    let n = Number(m[1].replace(/,/g, ''));
    const unit = (m[2] ?? '').toLowerCase();
    if (unit === 'k' || unit === 'thousand') n *= 1_000;
    else if (unit === 'm' || unit === 'mn' || unit === 'million') n *= 1_000_000;
    if (Number.isFinite(n)) out.push(Math.round(n * 100) / 100);
  }
  return out;
}

/** Capitalized words (incl. CamelCase, accents, O'Brien) that are not common sentence words. */
function takeNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}\d])\p{Lu}[\p{L}']*/gu)) {
    const word = m[0].replace(/'s$/, '');
    const norm = normalizeText(word);
    if (norm.length < 2 || NOT_NAMES.has(norm)) continue;
    names.add(norm);
  }
  return [...names];
}

/** The checkable facts of a piece of text. */
export function extractFacts(text: string): Facts {
  const { dates, rest } = takeDates(text);
  return { numbers: takeNumbers(rest), dates, names: takeNames(rest) };
}

/** Evidence prepared once for many claims: normalized text, token set and fact sets. */
export interface Evidence {
  text: string;
  tokens: Set<string>;
  numbers: Set<number>;
  dates: Set<string>;
}

export function prepareEvidence(texts: string[]): Evidence {
  const joined = texts.join('\n');
  const { dates, rest } = takeDates(joined);
  return {
    text: normalizeText(joined),
    tokens: new Set(contentTokens(joined)),
    // Years of dates count as numbers too ("renews in 2027" is supported by 2027-02-28).
    numbers: new Set([...takeNumbers(rest), ...dates.map((d) => Number(d.slice(0, 4)))]),
    dates: new Set(dates),
  };
}

export interface Support {
  supported: boolean;
  /** Facts of the claim (numbers, dates, names) found in the evidence / total. */
  factsFound: number;
  factsTotal: number;
  /** Share of the claim's content tokens present in the evidence. */
  coverage: number;
}

/**
 * A claim is supported when every checkable fact it states appears in the evidence and at
 * least half of its content words do (the second test catches fact-free claims).
 */
export function supportOf(claim: string, evidence: Evidence): Support {
  const facts = extractFacts(claim);
  let found = 0;
  for (const n of facts.numbers) if (evidence.numbers.has(n)) found++;
  for (const d of facts.dates) if (evidence.dates.has(d)) found++;
  for (const name of facts.names) if (evidence.text.includes(name)) found++;
  const total = facts.numbers.length + facts.dates.length + facts.names.length;
  const tokens = contentTokens(claim);
  const hits = tokens.filter((t) => evidence.tokens.has(t)).length;
  const coverage = tokens.length === 0 ? 0 : hits / tokens.length;
  return { supported: found === total && coverage >= 0.5, factsFound: found, factsTotal: total, coverage };
}
