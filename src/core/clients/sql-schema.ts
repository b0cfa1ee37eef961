/**
 * SQLite schema of the client book and the row ↔ Client mapping. Products live in their own
 * table so "who has product X" is an indexed query, not a string search.
 */
import type { Database, SqlValue } from 'sql.js';
import type { Client } from './types.ts';

export const SCHEMA_VERSION = '1';

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clients (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_norm TEXT NOT NULL UNIQUE,
  industry TEXT NOT NULL,
  ytd_spend REAL NOT NULL CHECK (ytd_spend >= 0),
  last_year_spend REAL NOT NULL DEFAULT 0 CHECK (last_year_spend >= 0),
  account_manager TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  renewal_date TEXT NOT NULL DEFAULT '',
  open_escalation INTEGER NOT NULL DEFAULT 0,
  payment_terms TEXT NOT NULL DEFAULT '',
  reference_consent INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS client_products (
  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  product TEXT NOT NULL,
  PRIMARY KEY (client_id, pos)
);
CREATE INDEX IF NOT EXISTS clients_industry ON clients (industry COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS clients_region ON clients (region COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS clients_account_manager ON clients (account_manager COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS clients_ytd_spend ON clients (ytd_spend);
CREATE INDEX IF NOT EXISTS clients_renewal_date ON clients (renewal_date);
CREATE INDEX IF NOT EXISTS client_products_product ON client_products (product COLLATE NOCASE, client_id);
`;

/** Tables and columns a loaded database must have to be accepted. */
export const REQUIRED_COLUMNS: Record<string, string[]> = {
  clients: [
    'id',
    'name',
    'name_norm',
    'industry',
    'ytd_spend',
    'last_year_spend',
    'account_manager',
    'region',
    'renewal_date',
    'open_escalation',
    'payment_terms',
    'reference_consent',
  ],
  client_products: ['client_id', 'pos', 'product'],
};

/** Column list used by every SELECT that is turned into Clients (alias `c`). */
export const CLIENT_COLUMNS =
  'c.id, c.name, c.industry, c.ytd_spend, c.last_year_spend, c.account_manager, c.region, c.renewal_date, ' +
  'c.open_escalation, c.payment_terms, c.reference_consent';

/** Runs a parameterised SELECT and returns its rows as objects. */
export function selectAll(db: Database, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: Record<string, SqlValue>[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject());
    return rows;
  } finally {
    stmt.free();
  }
}

/** Turns SELECT CLIENT_COLUMNS rows into Clients, loading their products in one query. */
export function hydrateClients(db: Database, rows: Record<string, SqlValue>[]): Client[] {
  if (rows.length === 0) return [];
  const products = new Map<number, string[]>();
  const ids = rows.map((r) => Number(r.id));
  // Small pages: fetch exactly their products; large lists: one scan of the products table.
  const productRows =
    ids.length <= 500
      ? selectAll(db, `SELECT client_id, product FROM client_products WHERE client_id IN (${ids.map(() => '?').join(',')}) ORDER BY client_id, pos`, ids)
      : selectAll(db, 'SELECT client_id, product FROM client_products ORDER BY client_id, pos');
  for (const p of productRows) {
    const id = Number(p.client_id);
    const list = products.get(id);
    if (list) list.push(String(p.product));
    else products.set(id, [String(p.product)]);
  }
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    industry: String(r.industry),
    ytd_spend: Number(r.ytd_spend),
    last_year_spend: Number(r.last_year_spend),
    account_manager: String(r.account_manager),
    region: String(r.region),
    renewal_date: String(r.renewal_date),
    products: products.get(Number(r.id)) ?? [],
    open_escalation: Number(r.open_escalation) === 1,
    payment_terms: String(r.payment_terms),
    reference_consent: Number(r.reference_consent) === 1,
  }));
}
