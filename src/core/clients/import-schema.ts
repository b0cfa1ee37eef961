/**
 * Validation of one imported client row (JSON object or CSV record) with zod, including the
 * defaults for optional fields. Errors are worded for a sales rep: row, field, what is wrong.
 */
import { z } from 'zod';
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

export const REQUIRED_FIELDS = ['name', 'industry', 'ytd_spend'] as const;
export const OPTIONAL_FIELDS = [
  'id', 'last_year_spend', 'account_manager', 'region', 'renewal_date', 'products',
  'open_escalation', 'payment_terms', 'reference_consent',
] as const;
export const ALL_FIELDS: readonly string[] = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS];

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** "45000", " 1,250.50 " → number; anything else is passed through for zod to reject. */
function toNumber(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return Number(s.replaceAll(',', ''));
  return v;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function toBoolean(v: unknown): unknown {
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : v;
}

function toProducts(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  return v.split(/[;|]/).map((p) => p.trim()).filter((p) => p !== '');
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Optional fields: blank → default, otherwise coerced then validated. */
function optional<T extends z.ZodType>(schema: T, fallback: z.output<T>, coerce: (v: unknown) => unknown = (v) => v) {
  return z.preprocess((v) => (blank(v) ? fallback : coerce(v)), schema);
}

const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (blank(issue.input) ? 'is required' : what),
});

const text = (max: number) => z.string({ error: 'must be text' }).trim().max(max, { error: `must be at most ${max} characters` });
const money = z.number({ error: 'must be a number ≥ 0' }).finite({ error: 'must be a number ≥ 0' }).min(0, { error: 'must be a number ≥ 0' });
const flag = z.boolean({ error: 'must be true/false, yes/no or 1/0' });

export const clientRowSchema = z.strictObject(
  {
    id: z.preprocess(
      (v) => (blank(v) ? undefined : toNumber(v)),
      z.number({ error: 'must be a whole number ≥ 1' }).int({ error: 'must be a whole number ≥ 1' }).min(1, { error: 'must be a whole number ≥ 1' }).optional(),
    ),
    name: z.preprocess(
      (v) => (blank(v) ? undefined : v),
      z
        .string(required('must be text'))
        .trim()
        .max(200, { error: 'must be at most 200 characters' })
        .refine((s) => normalizeName(s) !== '', { error: 'must contain letters or digits' }),
    ),
    industry: z.preprocess(
      (v) => (blank(v) ? undefined : v),
      z.string(required('must be text')).trim().max(200, { error: 'must be at most 200 characters' }),
    ),
    ytd_spend: z.preprocess(
      (v) => (blank(v) ? undefined : toNumber(v)),
      z.number(required('must be a number ≥ 0')).finite({ error: 'must be a number ≥ 0' }).min(0, { error: 'must be a number ≥ 0' }),
    ),
    last_year_spend: optional(money, 0, toNumber),
    account_manager: optional(text(200), ''),
    region: optional(text(200), ''),
    renewal_date: optional(
      z.string({ error: 'must be a date YYYY-MM-DD' }).trim().refine((s) => s === '' || isIsoDate(s), { error: 'must be a real date YYYY-MM-DD' }),
      '',
    ),
    products: optional(
      z.array(z.string({ error: 'must be a list of product names' }).trim().min(1).max(200), {
        error: 'must be a list of product names (in CSV separated by ; or |)',
      }),
      [],
      toProducts,
    ),
    open_escalation: optional(flag, false, toBoolean),
    payment_terms: optional(text(100), ''),
    reference_consent: optional(flag, false, toBoolean),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : 'must be an object') },
);

/** Validates one raw row; returns the row or a `field: message (got …)` description. */
export function validateRow(raw: unknown): { ok: true; row: ClientRow } | { ok: false; field?: string; message: string } {
  const parsed = clientRowSchema.safeParse(raw);
  if (parsed.success) {
    const { id, ...rest } = parsed.data;
    return { ok: true, row: id === undefined ? rest : { id, ...rest } };
  }
  const issue = parsed.error.issues[0];
  const field = issue.path.length > 0 ? String(issue.path[0]) : undefined;
  let message = issue.message;
  if (field && typeof raw === 'object' && raw !== null && field in raw) {
    const got = (raw as Record<string, unknown>)[field];
    if (!blank(got)) message += ` (got ${preview(got)})`;
  }
  return { ok: false, field, message };
}

function preview(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
