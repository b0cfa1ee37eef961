/**
 * The client database: SQLite (sql.js) for records and structured queries, plus an in-memory
 * NameIndex for lookups a rep can trust. Plain TypeScript: runs in a worker, on the main thread,
 * in Node tests and in the CLI.
 *
 * One writer: every method runs synchronously to completion once the wasm module is loaded, so
 * calls never interleave; imports run inside one SQL transaction and roll back on any failure.
 */
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue, type Statement } from 'sql.js';
import { AppError, toAppError } from '../errors.ts';
import type {
  Client,
  ClientBrowseQuery,
  ClientBrowseResult,
  ClientBrowser,
  ClientQuery,
  ClientStore,
  ClientVocabulary,
  ImportFormat,
  ImportMode,
  ImportReport,
  LookupResult,
  QueryResult,
} from './types.ts';
import type { BookClient, PlannedRow, WritePlan } from './import-plan.ts';
import { ClientImports } from './import-session.ts';
import type { ClientImporter, ImportChoices, ImportDraft, ImportProgressCallback, ImportReview } from './import-types.ts';
import { NameIndex, type IndexMatch } from './name-index.ts';
import { findMentionMatches } from './mentions.ts';
import { normalizeName } from './normalize.ts';
import { runQuery } from './client-query.ts';
import { browseClients, ClientTextIndex } from './browse.ts';
import { CLIENT_COLUMNS, REQUIRED_COLUMNS, SCHEMA_SQL, SCHEMA_VERSION, hydrateClients, selectAll } from './sql-schema.ts';

export interface SqlClientStoreInit {
  /** URL of sql-wasm-browser.wasm (browser/worker builds); omit in Node. */
  wasmUrl?: string;
  /** An existing database file (from exportBytes) to open instead of an empty book. */
  bytes?: Uint8Array;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Imports of this many new rows are written as a bulk load (see #writePlan). */
const BULK_ROWS = 5000;
const BULK_CACHE_KB = 2 * 1024;
const DEFAULT_CACHE = -2000;
/** Indexes of SCHEMA_SQL that nothing needs during an import (name_norm's UNIQUE index stays). */
const SECONDARY_INDEXES = [
  'clients_industry',
  'clients_region',
  'clients_account_manager',
  'clients_ytd_spend',
  'clients_renewal_date',
  'client_products_product',
];

/** sql.js modules by wasm URL: the wasm is compiled once per realm, not once per store. */
const sqlModules = new Map<string, Promise<SqlJsStatic>>();

function loadSqlJs(wasmUrl: string | undefined): Promise<SqlJsStatic> {
  const cacheKey = wasmUrl ?? '';
  let pending = sqlModules.get(cacheKey);
  if (!pending) {
    pending = (wasmUrl ? initSqlJs({ locateFile: () => wasmUrl }) : initSqlJs()).catch((err: unknown) => {
      sqlModules.delete(cacheKey);
      throw new AppError('storage-unavailable', `Could not load the database engine: ${toAppError(err).message}`);
    });
    sqlModules.set(cacheKey, pending);
  }
  return pending;
}

export class SqlClientStore implements ClientStore, ClientImporter, ClientBrowser {
  readonly #sql: SqlJsStatic;
  #db: Database;
  #index: NameIndex = NameIndex.build([]);
  #vocabulary: ClientVocabulary | null = null;
  /** Bumped on every change of the book (imports, loads). */
  #version = 0;
  readonly #imports = new ClientImports({
    book: () => this.#book(),
    write: (plan, onProgress) => this.#writePlan(plan, onProgress),
    version: () => this.#version,
  });
  /** Free-text index for browse(), built on first use after each write. */
  #text: Promise<ClientTextIndex> | null = null;

  private constructor(sql: SqlJsStatic, db: Database) {
    this.#sql = sql;
    this.#db = db;
  }

  /** Loads sql.js and opens an empty book (or the given database bytes). */
  static async create(init: SqlClientStoreInit = {}): Promise<SqlClientStore> {
    const sql = await loadSqlJs(init.wasmUrl);
    const db = new sql.Database();
    db.run(SCHEMA_SQL);
    db.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', ['schema_version', SCHEMA_VERSION]);
    const store = new SqlClientStore(sql, db);
    if (init.bytes) await store.loadBytes(init.bytes);
    return store;
  }

  async count(): Promise<number> {
    return this.#index.size;
  }

  async list(opts: { search?: string; offset?: number; limit?: number } = {}): Promise<Client[]> {
    const params: (string | number)[] = [];
    let where = '';
    const needle = opts.search ? normalizeName(opts.search) : '';
    if (needle !== '') {
      where = "WHERE c.name_norm LIKE ? ESCAPE '\\'";
      params.push(`%${needle.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    }
    const limit = opts.limit === undefined ? -1 : Math.max(0, Math.floor(opts.limit));
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    const rows = selectAll(this.#db, `SELECT ${CLIENT_COLUMNS} FROM clients c ${where} ORDER BY c.id LIMIT ? OFFSET ?`, [...params, limit, offset]);
    return hydrateClients(this.#db, rows);
  }

  async browse(q: ClientBrowseQuery): Promise<ClientBrowseResult> {
    return browseClients(
      () => this.#db,
      () => this.#textIndex(),
      q,
    );
  }

  /** The free-text index of the current book (rebuilt when a write lands while it was being built). */
  async #textIndex(): Promise<ClientTextIndex> {
    for (;;) {
      const pending = (this.#text ??= ClientTextIndex.fromDatabase(this.#db));
      const index = await pending;
      if (this.#text === pending) return index;
    }
  }

  async get(id: number): Promise<Client | undefined> {
    return Number.isInteger(id) ? this.#clientById(id) : undefined;
  }

  async lookup(name: string): Promise<LookupResult> {
    return this.#toResult(name, this.#index.lookup(name));
  }

  async findMentions(text: string): Promise<LookupResult[]> {
    return findMentionMatches(this.#index, text).map((m) => this.#toResult(m.query, m.match));
  }

  async query(q: ClientQuery): Promise<QueryResult> {
    return runQuery(this.#db, q);
  }

  async vocabulary(): Promise<ClientVocabulary> {
    this.#vocabulary ??= {
      industries: this.#distinct('SELECT DISTINCT industry AS v FROM clients'),
      regions: this.#distinct('SELECT DISTINCT region AS v FROM clients'),
      managers: this.#distinct('SELECT DISTINCT account_manager AS v FROM clients'),
      products: this.#distinct('SELECT DISTINCT product AS v FROM client_products'),
    };
    return this.#vocabulary;
  }

  #distinct(sql: string): string[] {
    return selectAll(this.#db, sql)
      .map((r) => String(r.v ?? ''))
      .filter(Boolean);
  }

  /** All-or-nothing import with automatic column matching; an ambiguous column is an error naming it. */
  async importText(text: string, format: ImportFormat, mode: ImportMode = 'merge'): Promise<ImportReport> {
    return this.#imports.importText(text, format, mode);
  }

  /** `importText` for a file's bytes: UTF-8, UTF-16 or Windows-1252 are detected. */
  async importBytes(bytes: Uint8Array, format: ImportFormat, mode: ImportMode = 'merge'): Promise<ImportReport> {
    return this.#imports.importBytes(bytes, format, mode);
  }

  prepareImport(bytes: Uint8Array, fileName: string, onProgress?: ImportProgressCallback): Promise<ImportDraft> {
    return this.#imports.prepareImport(bytes, fileName, onProgress);
  }

  reviewImport(draftId: string, choices: ImportChoices, onProgress?: ImportProgressCallback): Promise<ImportReview> {
    return this.#imports.reviewImport(draftId, choices, onProgress);
  }

  applyImport(draftId: string, choices: ImportChoices, onProgress?: ImportProgressCallback): Promise<ImportReport> {
    return this.#imports.applyImport(draftId, choices, onProgress);
  }

  discardImport(draftId: string): Promise<void> {
    return this.#imports.discardImport(draftId);
  }

  /** Every client with its name key, for planning an import. */
  #book(): BookClient[] {
    const rows = selectAll(this.#db, `SELECT ${CLIENT_COLUMNS}, c.name_norm FROM clients c ORDER BY c.id`);
    return hydrateClients(this.#db, rows).map((client, i) => ({ ...client, norm: String(rows[i].name_norm) }));
  }

  /** Writes a planned import in one transaction; on any failure nothing changes. */
  #writePlan(plan: WritePlan, onProgress?: ImportProgressCallback): ImportReport {
    const db = this.#db;
    const total = plan.inserts.length + plan.updates.length;
    let done = 0;
    const tick = () => {
      if (++done % 5000 === 0) onProgress?.({ phase: 'saving', done, total });
    };
    // Bulk loads: a larger page cache, and secondary indexes rebuilt once at the end (sorted)
    // instead of updated row by row; both inside the transaction, so a failure undoes them too.
    const bulk = plan.inserts.length >= BULK_ROWS;
    if (bulk) db.run(`PRAGMA cache_size = -${BULK_CACHE_KB}`);
    db.run('BEGIN');
    const st = prepareWrites(db);
    try {
      if (plan.mode === 'replace') {
        db.run('DELETE FROM client_products');
        db.run('DELETE FROM clients');
      }
      if (bulk) for (const index of SECONDARY_INDEXES) db.run(`DROP INDEX IF EXISTS ${index}`);
      for (const u of plan.updates) {
        st.update.run([...rowValues(u.row), u.id]);
        if (u.products) {
          st.deleteProducts.run([u.id]);
          insertProducts(st, u.id, u.row.products);
        }
        tick();
      }
      for (const row of plan.inserts) {
        st.insert.run([row.id ?? null, ...rowValues(row)]);
        insertProducts(st, Number(firstValue(st.lastId, [])), row.products);
        tick();
      }
      freeAll(st);
      if (bulk) db.run(SCHEMA_SQL);
      db.run('COMMIT');
    } catch (err) {
      freeAll(st);
      db.run('ROLLBACK');
      throw err instanceof AppError ? err : new AppError('bad-import', `Import failed: ${toAppError(err).message}`);
    } finally {
      if (bulk) db.run(`PRAGMA cache_size = ${DEFAULT_CACHE}`);
    }
    this.#rebuildIndex();
    onProgress?.({ phase: 'saving', done: total, total });
    const p = plan.preview;
    return { added: p.added, updated: p.changed, removed: p.removed, total: this.#index.size, ignored: p.ignoredColumns };
  }

  async exportBytes(): Promise<Uint8Array> {
    return this.#db.export();
  }

  async loadBytes(bytes: Uint8Array): Promise<void> {
    const next = this.#open(bytes);
    this.#db.close();
    this.#db = next;
    this.#rebuildIndex();
  }

  /** Checks database bytes as `loadBytes` would (SQLite integrity check, schema) without loading them. */
  async checkBytes(bytes: Uint8Array): Promise<void> {
    this.#open(bytes).close();
  }

  /** Opens and verifies a database file; `storage-corrupt` when it is not a sound client book. */
  #open(bytes: Uint8Array): Database {
    const header = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
    if (bytes.length < 100 || header !== SQLITE_MAGIC) {
      throw new AppError('storage-corrupt', 'The saved client database is not a SQLite file.');
    }
    let next: Database | undefined;
    try {
      next = new this.#sql.Database(bytes);
      // SQLite's own check of every page, b-tree and index: damage inside the file is found
      // here, not later by the first question that touches the damaged page.
      const problems = selectAll(next, 'PRAGMA integrity_check(5)').map((r) => String(Object.values(r)[0]));
      if (problems.length !== 1 || problems[0] !== 'ok') {
        throw new AppError('storage-corrupt', `The saved client database is damaged (SQLite integrity check: ${problems[0] ?? 'no result'}).`);
      }
      for (const [table, columns] of Object.entries(REQUIRED_COLUMNS)) {
        const have = new Set(selectAll(next, `PRAGMA table_info(${table})`).map((r) => String(r.name)));
        const missing = columns.filter((c) => !have.has(c));
        if (missing.length > 0) throw new AppError('storage-corrupt', `The saved client database lacks ${table}.${missing[0]}.`);
      }
      next.run(SCHEMA_SQL);
      return next;
    } catch (err) {
      next?.close();
      if (err instanceof AppError) throw err;
      throw new AppError('storage-corrupt', `The saved client database cannot be read: ${toAppError(err).message}`);
    }
  }

  #rebuildIndex(): void {
    this.#version++;
    this.#vocabulary = null;
    this.#text = null;
    const rows = selectAll(this.#db, 'SELECT id, name FROM clients');
    this.#index = NameIndex.build(rows.map((r) => ({ id: Number(r.id), name: String(r.name) })));
  }

  #clientById(id: number): Client | undefined {
    return hydrateClients(this.#db, selectAll(this.#db, `SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.id = ?`, [id]))[0];
  }

  #toResult(query: string, match: IndexMatch): LookupResult {
    if (match.kind === 'found') {
      const client = this.#clientById(match.id);
      if (client) return { status: 'found', client, match: match.match, score: match.score, alternatives: match.alternatives, query };
    }
    return { status: 'not-found', query, suggestions: match.kind === 'not-found' ? match.suggestions : [] };
  }
}

interface WriteStatements {
  insert: Statement;
  update: Statement;
  deleteProducts: Statement;
  insertProduct: Statement;
  lastId: Statement;
}

/** Statements prepared once per import (preparing per row is ~5x slower at 100k rows). */
function prepareWrites(db: Database): WriteStatements {
  return {
    insert: db.prepare(
      `INSERT INTO clients (id, name, name_norm, industry, ytd_spend, last_year_spend, account_manager, region,
       renewal_date, open_escalation, payment_terms, reference_consent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare(
      `UPDATE clients SET name = ?, name_norm = ?, industry = ?, ytd_spend = ?, last_year_spend = ?, account_manager = ?,
       region = ?, renewal_date = ?, open_escalation = ?, payment_terms = ?, reference_consent = ? WHERE id = ?`,
    ),
    deleteProducts: db.prepare('DELETE FROM client_products WHERE client_id = ?'),
    insertProduct: db.prepare('INSERT INTO client_products (client_id, pos, product) VALUES (?, ?, ?)'),
    lastId: db.prepare('SELECT last_insert_rowid()'),
  };
}

/** Column values of a row in the order of the insert and update statements (after the id). */
function rowValues(row: PlannedRow): SqlValue[] {
  return [
    row.name,
    row.norm,
    row.industry,
    row.ytd_spend,
    row.last_year_spend,
    row.account_manager,
    row.region,
    row.renewal_date,
    row.open_escalation ? 1 : 0,
    row.payment_terms,
    row.reference_consent ? 1 : 0,
  ];
}

function insertProducts(st: WriteStatements, id: number, products: readonly string[]): void {
  const unique = [...new Set(products)];
  for (let p = 0; p < unique.length; p++) st.insertProduct.run([id, p, unique[p]]);
}

function freeAll(st: WriteStatements): void {
  for (const s of Object.values(st)) s.free();
}

/** First column of the first row of a prepared statement, or undefined. */
function firstValue(stmt: Statement, params: SqlValue[]): SqlValue | undefined {
  try {
    stmt.bind(params);
    return stmt.step() ? stmt.get()[0] : undefined;
  } finally {
    stmt.reset();
  }
}
