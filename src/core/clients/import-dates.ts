/**
 * Dates as CRMs and spreadsheets write them, read with date-fns' strict `parse` (real calendar
 * dates only: 31/02 is rejected): ISO "2027-03-04" (with or without a time), "3/4/2027",
 * "04.03.2027", "2027/03/04", "Mar 4, 2027", "4 March 2027", "04-Mar-27", and a trailing time
 * ("3/4/2027 10:15 AM"). "03/04/2027" is 4 March or 3 April depending on the country: a column
 * whose values all read both ways is asked about, never guessed.
 */
import { format as formatDate, isValid, parse } from 'date-fns';

export type DateOrder = 'mdy' | 'dmy';

export type DateReading =
  | { kind: 'date'; iso: string /** The order this value proves ("13/04/2027" proves day first). */; order?: DateOrder }
  | { kind: 'ambiguous'; mdy: string; dmy: string }
  | { kind: 'invalid'; why: string };

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_RE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const YEAR_FIRST_RE = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const TIME_SUFFIX = /(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$/;
const TEXT_FORMATS = [
  'MMM d, yyyy',
  'MMMM d, yyyy',
  'MMM d yyyy',
  'MMMM d yyyy',
  'd MMM yyyy',
  'd MMMM yyyy',
  'd MMM, yyyy',
  'd-MMM-yyyy',
  'd-MMM-yy',
  'EEE, MMM d, yyyy',
  'EEEE, MMMM d, yyyy',
  'EEE MMM d yyyy',
];
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function iso(d: Date): string {
  return formatDate(d, 'yyyy-MM-dd');
}

function tryParse(value: string, fmt: string): Date | null {
  const d = parse(value, fmt, new Date());
  return isValid(d) && d.getFullYear() >= MIN_YEAR && d.getFullYear() <= MAX_YEAR ? d : null;
}

/** The app's own format, checked without a parser (the common case at 100,000 rows). */
function isoDate(y: string, m: string, d: string): string | null {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const ok = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
  return ok && Number(y) >= MIN_YEAR && Number(y) <= MAX_YEAR ? `${y}-${m}-${d}` : null;
}

const INVALID: DateReading = { kind: 'invalid', why: 'is not a date I can read (write it as 2027-03-31, 03/31/2027 or 31 Mar 2027)' };

/** Reads one date cell; `order` is the column's day/month order once known. */
export function readDate(raw: string, order?: DateOrder): DateReading {
  const s = raw.trim();
  const isoMatch = ISO_RE.exec(s);
  if (isoMatch) {
    // The calendar date as written: a time zone must not move it to the day before.
    const out = isoDate(isoMatch[1], isoMatch[2], isoMatch[3]);
    return out ? { kind: 'date', iso: out } : { kind: 'invalid', why: 'is not a real date' };
  }
  const value = s.replace(TIME_SUFFIX, '').trim();
  const yearFirst = YEAR_FIRST_RE.exec(value);
  if (yearFirst) {
    const d = tryParse(value, `yyyy${yearFirst[2]}M${yearFirst[2]}d`);
    return d ? { kind: 'date', iso: iso(d) } : { kind: 'invalid', why: 'is not a real date' };
  }
  const numeric = NUMERIC_RE.exec(value);
  if (numeric) {
    const [, , sep, , year] = numeric;
    const y = year.length === 4 ? 'yyyy' : 'yy';
    const mdy = tryParse(value, `M${sep}d${sep}${y}`);
    const dmy = tryParse(value, `d${sep}M${sep}${y}`);
    if (!mdy && !dmy) return { kind: 'invalid', why: 'is not a real date' };
    if (mdy && dmy) {
      if (iso(mdy) === iso(dmy)) return { kind: 'date', iso: iso(mdy) };
      if (order) return { kind: 'date', iso: iso(order === 'mdy' ? mdy : dmy) };
      return { kind: 'ambiguous', mdy: iso(mdy), dmy: iso(dmy) };
    }
    return mdy ? { kind: 'date', iso: iso(mdy), order: 'mdy' } : { kind: 'date', iso: iso(dmy as Date), order: 'dmy' };
  }
  if (/[A-Za-z]/.test(value)) {
    for (const fmt of TEXT_FORMATS) {
      const d = tryParse(value, fmt);
      if (d) return { kind: 'date', iso: iso(d) };
    }
  }
  return INVALID;
}

/** How an ambiguous value reads each way, for the question to the rep ("4 March 2027"). */
export function describeIsoDate(isoDate: string): string {
  const d = parse(isoDate, 'yyyy-MM-dd', new Date());
  return isValid(d) ? formatDate(d, 'd MMMM yyyy') : isoDate;
}
