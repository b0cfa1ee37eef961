/**
 * Structured client queries → parameterised SQL. Values only ever travel as parameters; column
 * and direction names come from fixed whitelists.
 */
import type { Database, SqlValue } from 'sql.js';
import { AppError } from '../errors.ts';
import type { ClientQuery, QueryResult } from './types.ts';
import { CLIENT_COLUMNS, hydrateClients, selectAll } from './sql-schema.ts';

/** Page size when a query gives no limit (the total is always reported). */
export const DEFAULT_QUERY_LIMIT = 100;
export const MAX_QUERY_LIMIT = 10_000;

const ORDER_COLUMNS: Record<NonNullable<ClientQuery['order_by']>, string> = {
  ytd_spend: 'c.ytd_spend',
  last_year_spend: 'c.last_year_spend',
  spend_change: '(c.ytd_spend - c.last_year_spend)',
  name: 'c.name_norm',
  renewal_date: 'c.renewal_date',
};

/** Today's date as YYYY-MM-DD (UTC). */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Adds whole days to an ISO date. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function invalid(message: string): AppError {
  return new AppError('internal', `Invalid client query: ${message}`);
}

function finiteOr(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`${name} must be a number`);
  return value;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function isoOr(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!ISO.test(value) || Number.isNaN(Date.parse(value))) throw invalid(`${name} must be YYYY-MM-DD`);
  return value;
}

/** A text filter's values, trimmed, empties dropped. */
function values(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x).trim()).filter((x) => x !== '');
}

/** WHERE clause and parameters for the filters of a query. */
export function buildWhere(q: ClientQuery): { where: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const inText = (col: string, v: string | string[] | undefined) => {
    const vs = values(v);
    if (vs.length === 0) return;
    parts.push(`(${vs.map(() => `${col} = ? COLLATE NOCASE`).join(' OR ')})`);
    params.push(...vs);
  };
  const range = (col: string, min: number | undefined, max: number | undefined, name: string) => {
    const lo = finiteOr(min, `min_${name}`);
    const hi = finiteOr(max, `max_${name}`);
    if (lo !== undefined) {
      parts.push(`${col} >= ?`);
      params.push(lo);
    }
    if (hi !== undefined) {
      parts.push(`${col} < ?`);
      params.push(hi);
    }
  };
  inText('c.industry', q.industry);
  inText('c.region', q.region);
  inText('c.account_manager', q.account_manager);
  inText('c.payment_terms', q.payment_terms);
  range('c.ytd_spend', q.min_spend, q.max_spend, 'spend');
  range('c.last_year_spend', q.min_last_year_spend, q.max_last_year_spend, 'last_year_spend');
  if (q.spend_change !== undefined) {
    const op = { down: '<', up: '>', same: '=' }[q.spend_change];
    if (!op) throw invalid("spend_change must be 'down', 'up' or 'same'");
    parts.push(`c.ytd_spend ${op} c.last_year_spend`);
  }
  if (q.open_escalation !== undefined) {
    parts.push('c.open_escalation = ?');
    params.push(q.open_escalation ? 1 : 0);
  }
  if (q.reference_consent !== undefined) {
    parts.push('c.reference_consent = ?');
    params.push(q.reference_consent ? 1 : 0);
  }
  const productIn = (vs: string[]) =>
    `EXISTS (SELECT 1 FROM client_products p WHERE p.client_id = c.id AND (${vs.map(() => 'p.product = ? COLLATE NOCASE').join(' OR ')}))`;
  const having = values(q.product);
  if (having.length) {
    parts.push(productIn(having));
    params.push(...having);
  }
  const without = values(q.without_product);
  if (without.length) {
    parts.push(`NOT ${productIn(without)}`);
    params.push(...without);
  }
  if (q.has_products !== undefined) {
    parts.push(`${q.has_products ? '' : 'NOT '}EXISTS (SELECT 1 FROM client_products p WHERE p.client_id = c.id)`);
  }
  const days = finiteOr(q.renewal_within_days, 'renewal_within_days');
  const today = isoOr(q.today, 'today') ?? todayIso();
  if (days !== undefined) {
    if (days < 0) throw invalid('renewal_within_days must be ≥ 0');
    parts.push("c.renewal_date != '' AND c.renewal_date BETWEEN ? AND ?");
    params.push(today, addDays(today, Math.floor(days)));
  }
  const from = isoOr(q.renewal_from, 'renewal_from');
  const to = isoOr(q.renewal_to, 'renewal_to');
  if (from !== undefined) {
    parts.push("c.renewal_date != '' AND c.renewal_date >= ?");
    params.push(from);
  }
  if (to !== undefined) {
    parts.push("c.renewal_date != '' AND c.renewal_date <= ?");
    params.push(to);
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Runs a ClientQuery: aggregates over all matches, plus one page of clients for 'list' and 'count' (for 'sum' and 'avg' only when a limit is given). */
export function runQuery(db: Database, q: ClientQuery): QueryResult {
  const { where, params } = buildWhere(q);
  const [agg] = selectAll(
    db,
    `SELECT COUNT(*) AS n, COALESCE(SUM(c.ytd_spend), 0) AS s, COALESCE(AVG(c.ytd_spend), 0) AS a, ` +
      `COALESCE(SUM(c.last_year_spend), 0) AS ls, COALESCE(AVG(c.last_year_spend), 0) AS la FROM clients c ${where}`,
    params,
  );
  const result: QueryResult = {
    clients: [],
    total: Number(agg.n),
    sum_ytd_spend: Number(agg.s),
    avg_ytd_spend: Number(agg.a),
    sum_last_year_spend: Number(agg.ls),
    avg_last_year_spend: Number(agg.la),
  };
  // A count also names its clients (one page), so an answer can say who they are; a total or
  // average does when asked for a page ("Which … and what is their average spend?").
  if ((q.aggregate === 'sum' || q.aggregate === 'avg') && q.limit === undefined) return result;
  const orderBy = q.order_by ?? 'name';
  const column = ORDER_COLUMNS[orderBy];
  if (!column) throw invalid(`order_by must be one of ${Object.keys(ORDER_COLUMNS).join(', ')}`);
  const direction = (q.order ?? (orderBy === 'ytd_spend' || orderBy === 'last_year_spend' ? 'desc' : 'asc')) === 'desc' ? 'DESC' : 'ASC';
  const limit = Math.min(Math.max(0, Math.floor(finiteOr(q.limit, 'limit') ?? DEFAULT_QUERY_LIMIT)), MAX_QUERY_LIMIT);
  const offset = Math.max(0, Math.floor(finiteOr(q.offset, 'offset') ?? 0));
  const rows = selectAll(db, `SELECT ${CLIENT_COLUMNS} FROM clients c ${where} ORDER BY ${column} ${direction}, c.name_norm ASC, c.id ASC LIMIT ? OFFSET ?`, [
    ...params,
    limit,
    offset,
  ]);
  result.clients = hydrateClients(db, rows);
  return result;
}
