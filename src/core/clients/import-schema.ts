/**
 * One client row as an import produces it, and the conversion of one cell (CSV text or JSON
 * value) into a field's value. Messages are worded for a sales rep; the caller adds row, field
 * and what the cell held.
 */
import { readDate, type DateOrder } from './import-dates.ts';
import type { FieldKind } from './import-fields.ts';
import { readMoney, type DecimalMark } from './import-money.ts';
import { normalizeName } from './normalize.ts';

/** A validated import row: a Client whose id is optional (assigned by the database). */
export interface ClientRow {
  id?: number;
  name: string;
  industry: string;
  ytd_spend: number;
  last_year_spend: number;
  account_manager: string;
  region: string;
  renewal_date: string;
  products: string[];
  open_escalation: boolean;
  payment_terms: string;
  reference_consent: boolean;
}

export type ClientValues = Omit<ClientRow, 'id' | 'name'>;

/** What a new client gets for a field the file does not give. */
export const DEFAULTS: Readonly<Omit<ClientValues, 'industry' | 'ytd_spend'>> = {
  last_year_spend: 0,
  account_manager: '',
  region: '',
  renewal_date: '',
  products: [],
  open_escalation: false,
  payment_terms: '',
  reference_consent: false,
};

/** Spends above this are certainly a wrong column or a typo. */
export const MAX_MONEY = 1e15;

const MAX_TEXT: Record<string, number> = { payment_terms: 100 };
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string /** Replaces "(got …)". */; got?: string };

const fail = (message: string, got?: string): CellResult<never> => ({ ok: false, message, ...(got ? { got } : {}) });

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

// C0 and C1 controls (null bytes, tabs, line breaks…), and the invisible marks that reverse text direction.
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_NAMES: Record<number, string> = { 0: 'a null byte', 9: 'a tab', 10: 'a line break', 13: 'a carriage return' };

function controlProblem(s: string): string | null {
  const m = CONTROL_RE.exec(s);
  if (m) {
    const code = m[0].charCodeAt(0);
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const what = CONTROL_NAMES[code] ?? (code >= 0x202a ? 'an invisible text-direction mark' : 'an invisible control character');
    return `contains ${what} (${hex}) at character ${m.index + 1}; remove it and import again`;
  }
  if (s.includes('\uFFFD')) return 'contains "\uFFFD", a character that was garbled before the file was saved; fix the text and import again';
  return null;
}

/** Single-line text: trimmed, bounded, no control characters. */
export function toText(v: unknown, field: string): CellResult<string> {
  if (typeof v !== 'string') return fail('must be text');
  const s = v.trim();
  const max = MAX_TEXT[field] ?? 200;
  if (s.length > max) return fail(`must be at most ${max} characters`);
  const problem = controlProblem(s);
  if (problem) return fail(problem);
  if (field === 'name' && normalizeName(s) === '') return fail('must contain letters or digits');
  return { ok: true, value: s };
}

export function toMoney(v: unknown, mark?: DecimalMark): CellResult<number> {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const reading = readMoney(v, mark);
    if (reading.kind === 'invalid') return fail('must be a number ≥ 0');
    if (reading.kind === 'ambiguous') return fail('could be read two ways; choose the decimal mark for this column');
    n = reading.value;
  } else return fail('must be a number ≥ 0');
  if (Number.isNaN(n)) return fail('must be a number ≥ 0');
  if (!Number.isFinite(n) || Math.abs(n) > MAX_MONEY) {
    const got = Number.isFinite(n) ? undefined : typeof v === 'string' ? undefined : 'a number too large to store';
    return fail(`is out of range: at most ${MAX_MONEY.toLocaleString('en-US')}`, got);
  }
  if (n < 0) return fail('must be a number ≥ 0');
  return { ok: true, value: Math.round(n * 100) / 100 };
}

export function toDate(v: unknown, order?: DateOrder): CellResult<string> {
  if (typeof v !== 'string') return fail('must be a date such as 2027-03-31');
  const reading = readDate(v, order);
  if (reading.kind === 'date') return { ok: true, value: reading.iso };
  if (reading.kind === 'ambiguous') return fail('could be month/day or day/month; choose the order for this column');
  return fail(reading.why);
}

export function toFlag(v: unknown): CellResult<boolean> {
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (v === 0 || v === 1) return { ok: true, value: v === 1 };
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (TRUE.has(s)) return { ok: true, value: true };
    if (FALSE.has(s)) return { ok: true, value: false };
  }
  return fail('must be true/false, yes/no or 1/0');
}

export function toProducts(v: unknown): CellResult<string[]> {
  const list = typeof v === 'string' ? v.split(/[;|]/) : Array.isArray(v) ? v : null;
  if (!list || list.some((p) => typeof p !== 'string')) return fail('must be a list of product names (in CSV separated by ; or |)');
  const out: string[] = [];
  for (const p of list as string[]) {
    const s = p.trim();
    if (s === '') continue;
    if (s.length > 200) return fail('must be product names of at most 200 characters');
    const problem = controlProblem(s);
    if (problem) return fail(problem);
    if (!out.includes(s)) out.push(s);
  }
  return { ok: true, value: out };
}

export function toId(v: unknown): CellResult<number> {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 1 ? { ok: true, value: n } : fail('must be a whole number ≥ 1');
}

/** Converts one non-blank cell for a field of the given kind. */
export function convertCell(kind: FieldKind, field: string, v: unknown, fmt: { mark?: DecimalMark; order?: DateOrder }): CellResult<unknown> {
  switch (kind) {
    case 'text':
      return toText(v, field);
    case 'money':
      return toMoney(v, fmt.mark);
    case 'date':
      return toDate(v, fmt.order);
    case 'flag':
      return toFlag(v);
    case 'products':
      return toProducts(v);
    case 'id':
      return toId(v);
  }
}
