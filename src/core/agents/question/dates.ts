/**
 * Date ranges from the words of a question ("in December 2026", "before March 2027", "next
 * quarter", "in the next 60 days", "between January and March 2027"), relative to a given today.
 * chrono-node reads the dates; this module only decides which range the surrounding words mean.
 */
import * as chrono from 'chrono-node';
import { parseCount } from './numbers.ts';

export interface DateRange {
  /** ISO, inclusive. */
  from?: string;
  /** ISO, inclusive. */
  to?: string;
  /** The words the range was read from. */
  words: string;
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
const addDays = (isoDate: string, n: number): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
};
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** [first, last] day a chrono component stands for, by what it knows (a day, or a whole month). */
function span(c: chrono.ParsedComponents): { first: string; last: string } {
  const y = c.get('year') ?? new Date().getUTCFullYear();
  const m = c.get('month') ?? 1;
  if (c.isCertain('day')) {
    const d = iso(utc(y, m, c.get('day') ?? 1));
    return { first: d, last: d };
  }
  if (c.isCertain('month')) return { first: iso(utc(y, m, 1)), last: iso(utc(y, m, lastDay(y, m))) };
  const d = iso(utc(y, m, c.get('day') ?? 1));
  return { first: d, last: d };
}

function quarterRange(year: number, q: number): { from: string; to: string } {
  const m0 = (q - 1) * 3 + 1;
  return { from: iso(utc(year, m0, 1)), to: iso(utc(year, m0 + 2, lastDay(year, m0 + 2))) };
}

function relative(text: string, today: string): DateRange | undefined {
  const [y, m] = today.split('-').map(Number);
  let r: RegExpExecArray | null;
  if (
    (r =
      /\b(?:in|within|over|during)?\s*(?:the\s+)?(?:next|coming|following)\s+(\d+|[a-z]+)\s+(days?|weeks?|months?)\b|\bwithin\s+(\d+|[a-z]+)\s+(days?|weeks?|months?)\b/i.exec(
        text,
      ))
  ) {
    const n = parseCount(r[1] ?? r[3]) ?? 1;
    const unit = (r[2] ?? r[4]).toLowerCase();
    const days = unit.startsWith('day') ? n : unit.startsWith('week') ? n * 7 : n * 30;
    return { from: today, to: addDays(today, days), words: r[0].trim() };
  }
  if ((r = /\b(this|next|last)\s+quarter\b/i.exec(text))) {
    const q0 = Math.floor((m - 1) / 3) + 1;
    const shift = r[1].toLowerCase() === 'next' ? 1 : r[1].toLowerCase() === 'last' ? -1 : 0;
    const q = q0 + shift;
    const year = y + Math.floor((q - 1) / 4);
    return { ...quarterRange(year, ((q - 1 + 4) % 4) + 1), words: r[0] };
  }
  if ((r = /\bq([1-4])(?:\s+(?:of\s+)?(\d{4}))?\b|\b(first|second|third|fourth)\s+quarter(?:\s+of)?\s*(\d{4})?\b/i.exec(text))) {
    const q = r[1] ? Number(r[1]) : ['first', 'second', 'third', 'fourth'].indexOf(r[3].toLowerCase()) + 1;
    const year = Number(r[2] ?? r[4] ?? (q < Math.floor((m - 1) / 3) + 1 ? y + 1 : y));
    return { ...quarterRange(year, q), words: r[0] };
  }
  if ((r = /\b(?:by|before)\s+(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(year|month)\b/i.exec(text))) {
    const to = r[1].toLowerCase() === 'year' ? `${y}-12-31` : iso(utc(y, m, lastDay(y, m)));
    return { from: today, to, words: r[0] };
  }
  if ((r = /\b(this|next)\s+year\b/i.exec(text))) {
    const year = r[1].toLowerCase() === 'next' ? y + 1 : y;
    return { from: `${year}-01-01`, to: `${year}-12-31`, words: r[0] };
  }
  if (
    (r = /\b(?:in|during)\s+(\d{4})\b/i.exec(text)) &&
    !/\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d{4}\b/i.test(
      text,
    )
  ) {
    return { from: `${r[1]}-01-01`, to: `${r[1]}-12-31`, words: r[0] };
  }
  if ((r = /\b(?:overdue|already (?:passed|lapsed|expired)|in the past)\b/i.exec(text))) return { to: addDays(today, -1), words: r[0] };
  return undefined;
}

const DATEISH =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:today|tomorrow|yesterday|week|month|year|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|easter)\b/i;

/**
 * The date range a question's words mean, or undefined when it names no date. `today` (ISO) is
 * the reference for relative words and for dates given without a year (the next such date).
 */
export function dateRangeIn(text: string, today: string): DateRange | undefined {
  const rel = relative(text, today);
  if (rel) return rel;
  if (!DATEISH.test(text)) return undefined;
  const ref = new Date(`${today}T12:00:00Z`);
  const results = chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: true });
  if (results.length === 0) return undefined;
  const before = (r: chrono.ParsedResult): string => text.slice(Math.max(0, r.index - 24), r.index).toLowerCase();
  const first = results[0];
  const a = span(first.start);
  // "between January and March 2027", "from May to July": chrono gives two dates (or a range).
  const second = first.end
    ? span(first.end)
    : results[1] && /\b(?:and|to|until|through|-)\s*$/.test(text.slice(first.index + first.text.length, results[1].index))
      ? span(results[1].start)
      : undefined;
  if ((second && /\b(?:between|from)\s*$/.test(before(first))) || (second && first.end)) {
    const endText = first.end ? first.text : text.slice(first.index, results[1].index + results[1].text.length);
    return { from: a.first, to: second!.last, words: endText };
  }
  const b = before(first);
  if (/\b(?:before|earlier than|prior to)\s*$/.test(b))
    return { to: addDays(a.first, -1), words: `${b.match(/(before|earlier than|prior to)\s*$/)?.[1]} ${first.text}` };
  if (/\b(?:by|until|till|no later than|up to)\s*$/.test(b))
    return { to: a.last, words: `${b.match(/(by|until|till|no later than|up to)\s*$/)?.[1]} ${first.text}` };
  if (/\b(?:after|later than)\s*$/.test(b)) return { from: addDays(a.last, 1), words: `${b.match(/(after|later than)\s*$/)?.[1]} ${first.text}` };
  if (/\b(?:since|from|starting)\s*$/.test(b)) return { from: a.first, words: `${b.match(/(since|from|starting)\s*$/)?.[1]} ${first.text}` };
  return { from: a.first, to: a.last, words: first.text };
}
