/**
 * Money as CRMs and spreadsheets write it: "48500", "$48,500", "48.500,00 €", "EUR 48 500",
 * "48.5k", "1.2M", "CHF 48'500.50", "4.85E+04". A value is read with a strict grammar (anything
 * else is an error, never a partial number). Most values show their decimal mark; "48,500"
 * alone could be 48500 or 48.5, unless a currency sign settles it (no 2- or 0-decimal currency
 * writes three decimals). Such values take the mark the rest of the column shows, or the rep's
 * answer (import-columns.ts).
 *
 * Why no library: currency.js and numeral read "12abc" as 12 and "1,2,3" as 123, and
 * @internationalized/number accepts "48,50" as 4850 (all tried here); none says when a value is
 * ambiguous. Confident wrong numbers are worse than a question.
 */

export type DecimalMark = 'point' | 'comma';

/** One value read without knowing the column's decimal mark. */
export type MoneyReading =
  | { kind: 'number'; value: number /** The decimal mark this value proves, if any. */; mark?: DecimalMark }
  | { kind: 'ambiguous'; ifPoint: number; ifComma: number }
  | { kind: 'invalid'; why: string };

const CURRENCY_SIGNS = '$€£¥₹₩₽₺₪฿';
const CURRENCY_CODES =
  'USD|EUR|GBP|CHF|CAD|AUD|NZD|JPY|CNY|SEK|NOK|DKK|PLN|CZK|HUF|INR|BRL|MXN|ZAR|SGD|HKD|KRW|TRY|ILS|AED|SAR|RON|BGN|US\\$|C\\$|A\\$|NZ\\$|HK\\$|S\\$|R\\$';
const CURRENCY = `(?:[${CURRENCY_SIGNS}]|(?:${CURRENCY_CODES})(?![A-Za-z]))`;
const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };
/** [sign] [currency] [sign] core [multiplier] [currency] */
const MONEY_RE = new RegExp(
  `^([-+−]?)\\s*(${CURRENCY})?\\s*([-+−]?)\\s*(\\d(?:[\\d.,'’\\s\\u00a0\\u202f]*\\d)?|\\d*\\.\\d+|\\d+(?:\\.\\d+)?[eE][-+]?\\d+)\\s*(k|mm|mn|m|bn|b)?\\s*(${CURRENCY})?$`,
  'i',
);
const SPACES = /[\s\u00a0\u202f'’]/;
const PLAIN_RE = /^\d{1,15}(?:\.\d{1,2})?$/;

/** Reads one money cell; `mark` is the column's decimal mark once known. */
export function readMoney(raw: string, mark?: DecimalMark): MoneyReading {
  // Fast path for the app's own format ("48500", "18250.5"): most cells of a large import.
  if (PLAIN_RE.test(raw)) return raw.includes('.') ? { kind: 'number', value: Number(raw), mark: 'point' } : { kind: 'number', value: Number(raw) };
  let s = raw.trim();
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1].trim();
  }
  const m = MONEY_RE.exec(s);
  if (!m) return { kind: 'invalid', why: 'is not an amount' };
  const [, sign1, cur1, sign2, core, mult, cur2] = m;
  if (cur1 && cur2) return { kind: 'invalid', why: 'has two currency signs' };
  if ((sign1 && sign2) || (paren && (sign1 || sign2))) return { kind: 'invalid', why: 'has two signs' };
  const sign = sign1 || sign2;
  if (sign === '-' || sign === '−') negative = !negative;
  const factor = mult ? MULTIPLIERS[mult.toLowerCase()] : 1;
  const withCurrency = Boolean(cur1 || cur2);
  const reading = readCore(core, withCurrency, mark);
  if (reading.kind === 'invalid') return reading;
  const scale = (n: number) => (negative ? -n : n) * factor;
  if (reading.kind === 'ambiguous') return { kind: 'ambiguous', ifPoint: scale(reading.ifPoint), ifComma: scale(reading.ifComma) };
  return { ...reading, value: scale(reading.value) };
}

function readCore(core: string, withCurrency: boolean, mark?: DecimalMark): MoneyReading {
  if (/[eE]/.test(core)) return { kind: 'number', value: Number(core) };
  if (/^\d+$/.test(core)) return { kind: 'number', value: Number(core) };
  if (/^\d*\.\d+$/.test(core) && !/^\d{1,3}\.\d{3}$/.test(core)) return pointDecimal(core);
  const seps = [
    ...new Set(
      core
        .replace(/\d/g, '')
        .split('')
        .map((c) => (SPACES.test(c) ? ' ' : c)),
    ),
  ];
  if (seps.length > 2) return { kind: 'invalid', why: 'mixes too many separators' };
  if (seps.length === 2) {
    // "1,234.50" / "1.234,50" / "1 234,50": the last separator is the decimal mark.
    const lastSep = core.replace(/\d+$/, '').slice(-1);
    const decimal = SPACES.test(lastSep) ? null : lastSep;
    if (!decimal) return { kind: 'invalid', why: 'ends with a digit group after a space' };
    const idx = core.lastIndexOf(decimal);
    const group = seps.find((c) => c !== decimal) ?? '';
    if (!grouped(core.slice(0, idx), group)) return { kind: 'invalid', why: 'has misplaced thousands separators' };
    const fixed = markOf(decimal);
    if (!fixed) return { kind: 'invalid', why: 'has an unknown decimal mark' };
    return { kind: 'number', value: Number(`${digits(core.slice(0, idx))}.${core.slice(idx + 1)}`), mark: fixed };
  }
  const sep = seps[0];
  const parts = core.split(SPACES.test(sep) ? /[\s\u00a0\u202f'’]/ : sep);
  if (SPACES.test(sep) || parts.length > 2) {
    // Spaces and apostrophes only group; a repeated , or . only groups too.
    if (!grouped(core, sep)) return { kind: 'invalid', why: 'has misplaced thousands separators' };
    const mark: DecimalMark | undefined = sep === ',' ? 'point' : sep === '.' ? 'comma' : undefined;
    return { kind: 'number', value: Number(digits(core)), ...(mark ? { mark } : {}) };
  }
  const [int, frac] = parts;
  if (frac.length !== 3 || int.length > 3 || int === '0') {
    // "48,5", "48.50", "1234,567", "0,500": only a decimal mark reads this.
    return { kind: 'number', value: Number(`${int}.${frac}`), mark: markOf(sep) };
  }
  const asGroup = Number(`${int}${frac}`);
  const asDecimal = Number(`${int}.${frac}`);
  const ifPoint = sep === ',' ? asGroup : asDecimal;
  const ifComma = sep === ',' ? asDecimal : asGroup;
  // Currencies have 0 or 2 decimals (the 3-decimal dinars aside): "$48,500" is 48500.
  if (withCurrency) return { kind: 'number', value: asGroup };
  if (mark) return { kind: 'number', value: mark === 'point' ? ifPoint : ifComma };
  return { kind: 'ambiguous', ifPoint, ifComma };
}

function pointDecimal(core: string): MoneyReading {
  return { kind: 'number', value: Number(core.startsWith('.') ? `0${core}` : core), mark: 'point' };
}

function markOf(sep: string): DecimalMark | undefined {
  return sep === '.' ? 'point' : sep === ',' ? 'comma' : undefined;
}

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** "1,234,567" / "12 345": groups of three after a first group of one to three digits. */
function grouped(s: string, sep: string): boolean {
  const parts = SPACES.test(sep) ? s.split(/[\s\u00a0\u202f'’]/) : s.split(sep);
  return parts.length >= 2 && /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}
