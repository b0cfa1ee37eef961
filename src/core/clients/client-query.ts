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

/** WHERE clause and parameters for the filters of a query. */
export function buildWhere(q: ClientQuery): { where: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const eqText = (col: string, v: string | undefined) => {
    if (v === undefined || v.trim() === '') return;
    parts.push(`${col} = ? COLLATE NOCASE`);
    params.push(v.trim());
  };
  eqText('c.industry', q.industry);
  eqText('c.region', q.region);
  eqText('c.account_manager', q.account_manager);
  const min = finiteOr(q.min_spend, 'min_spend');
  const max = finiteOr(q.max_spend, 'max_spend');
  if (min !== undefined) {
    parts.push('c.ytd_spend >= ?');
    params.push(min);
  }
  if (max !== undefined) {
    parts.push('c.ytd_spend < ?');
    params.push(max);
  }
  if (q.open_escalation !== undefined) {
    parts.push('c.open_escalation = ?');
    params.push(q.open_escalation ? 1 : 0);
  }
  if (q.product !== undefined && q.product.trim() !== '') {
    parts.push('EXISTS (SELECT 1 FROM client_products p WHERE p.client_id = c.id AND p.product = ? COLLATE NOCASE)');
    params.push(q.product.trim());
  }
  const days = finiteOr(q.renewal_within_days, 'renewal_within_days');
  if (days !== undefined) {
    const today = q.today ?? todayIso();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw invalid('today must be YYYY-MM-DD');
    if (days < 0) throw invalid('renewal_within_days must be ≥ 0');
    parts.push("c.renewal_date != '' AND c.renewal_date BETWEEN ? AND ?");
    params.push(today, addDays(today, Math.floor(days)));
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Runs a ClientQuery: aggregates over all matches, plus one page of clients for 'list' and 'count'. */
export function runQuery(db: Database, q: ClientQuery): QueryResult {
  const { where, params } = buildWhere(q);
  const [agg] = selectAll(
    db,
    `SELECT COUNT(*) AS n, COALESCE(SUM(c.ytd_spend), 0) AS s, COALESCE(AVG(c.ytd_spend), 0) AS a FROM clients c ${where}`,
    params,
  );
  const result: QueryResult = {
    clients: [],
    total: Number(agg.n),
    sum_ytd_spend: Number(agg.s),
    avg_ytd_spend: Number(agg.a),
  };
  // A count also names its clients (one page), so an answer can say who they are.
  if (q.aggregate === 'sum' || q.aggregate === 'avg') return result;
  const orderBy = q.order_by ?? 'name';
  const column = ORDER_COLUMNS[orderBy];
  if (!column) throw invalid(`order_by must be one of ${Object.keys(ORDER_COLUMNS).join(', ')}`);
  const direction = (q.order ?? (orderBy === 'ytd_spend' ? 'desc' : 'asc')) === 'desc' ? 'DESC' : 'ASC';
  const limit = Math.min(Math.max(0, Math.floor(finiteOr(q.limit, 'limit') ?? DEFAULT_QUERY_LIMIT)), MAX_QUERY_LIMIT);
  const offset = Math.max(0, Math.floor(finiteOr(q.offset, 'offset') ?? 0));
  const rows = selectAll(
    db,
    `SELECT ${CLIENT_COLUMNS} FROM clients c ${where} ORDER BY ${column} ${direction}, c.name_norm ASC, c.id ASC LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  );
  result.clients = hydrateClients(db, rows);
  return result;
}
