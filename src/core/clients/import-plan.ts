/**
 * What an import will do to the book, computed before anything is written: which clients are
 * added, which change (and in which fields), which stay the same and, for a replace, which go.
 * A merge touches only the fields the file gives; a replace makes the book exactly the file.
 * The same plan is shown to the rep and then written, so the preview cannot drift from the write.
 */
import type { ColumnPlan } from './import-columns.ts';
import { ALL_FIELDS, type ClientField } from './import-fields.ts';
import { bad, rowDetails, rowLabel, type RawTable } from './import-read.ts';
import type { ClientPatch } from './import-rows.ts';
import { DEFAULTS, type ClientRow } from './import-schema.ts';
import type { ImportPreview } from './import-types.ts';
import type { Client, ImportMode } from './types.ts';

/** A client of the book with its accent- and case-insensitive name key. */
export type BookClient = Client & { norm: string };

export interface PlannedUpdate {
  id: number;
  row: PlannedRow;
  /** The products list changed (rewrite it). */
  products: boolean;
}

export interface WritePlan {
  mode: ImportMode;
  /** New clients (for a replace: every row), rows with an explicit id first. */
  inserts: PlannedRow[];
  /** Existing clients that change (merge only; a replace rewrites everything). */
  updates: PlannedUpdate[];
  preview: ImportPreview;
}

const NAMES_SHOWN = 8;
const COMPARED: readonly (keyof ClientRow & ClientField)[] = ALL_FIELDS.filter((f): f is keyof ClientRow & ClientField => f !== 'id');

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function changedFields(before: BookClient, after: ClientRow): (keyof ClientRow & ClientField)[] {
  const out: (keyof ClientRow & ClientField)[] = [];
  for (const f of COMPARED) if (!same(before[f], after[f])) out.push(f);
  return out;
}

function requireNew(table: RawTable, patch: ClientPatch, isNew: boolean): void {
  for (const field of ['industry', 'ytd_spend'] as const) {
    if (patch.values[field] !== undefined) continue;
    const why = isNew ? `is required for a new client ("${patch.name}" is not in your book yet)` : 'is required';
    throw bad(`${rowLabel(table, patch.r)}, field "${field}": ${why}`, rowDetails(table, patch.r, field));
  }
}

/** A row to write, with its name key computed once. */
export type PlannedRow = ClientRow & { norm: string };

/** The row for a client: the file's values over `base` (the client as it is, or the defaults), field by field. */
function materialize(base: Omit<ClientRow, 'name'>, v: Partial<ClientRow>, name: string, norm: string, id?: number): PlannedRow {
  const row: PlannedRow = {
    name,
    norm,
    industry: v.industry ?? base.industry,
    ytd_spend: v.ytd_spend ?? base.ytd_spend,
    last_year_spend: v.last_year_spend ?? base.last_year_spend,
    account_manager: v.account_manager ?? base.account_manager,
    region: v.region ?? base.region,
    renewal_date: v.renewal_date ?? base.renewal_date,
    products: v.products ?? base.products,
    open_escalation: v.open_escalation ?? base.open_escalation,
    payment_terms: v.payment_terms ?? base.payment_terms,
    reference_consent: v.reference_consent ?? base.reference_consent,
  };
  if (id !== undefined) row.id = id;
  return row;
}

const NEW_BASE: Omit<ClientRow, 'name'> = { ...DEFAULTS, industry: '', ytd_spend: 0 };

/** Plans the import of `patches` into `book`; throws AppError('bad-import') naming row and field. */
export function planImport(
  book: readonly BookClient[],
  patches: readonly ClientPatch[],
  ctx: { mode: ImportMode; table: RawTable; plans: readonly ColumnPlan[] },
): WritePlan {
  const { mode, table } = ctx;
  const byNorm = new Map<string, BookClient>();
  const byId = new Map<number, Client>();
  for (const c of book) {
    byNorm.set(c.norm, c);
    byId.set(c.id, c);
  }
  const fieldCounts = new Map<ClientField, number>();
  const withId: PlannedRow[] = [];
  const withoutId: PlannedRow[] = [];
  const updates: PlannedUpdate[] = [];
  const addedNames: string[] = [];
  const changedNames: string[] = [];
  let changed = 0;
  let unchanged = 0;
  let added = 0;
  const inFile = mode === 'replace' ? new Set<string>() : null;
  for (const patch of patches) {
    inFile?.add(patch.norm);
    const existing = byNorm.get(patch.norm);
    if (mode === 'merge' && existing && patch.id !== undefined && patch.id !== existing.id) {
      throw bad(
        `${rowLabel(table, patch.r)}, field "id": "${patch.name}" already exists with id ${existing.id} (got ${patch.id})`,
        rowDetails(table, patch.r, 'id'),
      );
    }
    if (mode === 'merge' && !existing && patch.id !== undefined && byId.has(patch.id)) {
      throw bad(`${rowLabel(table, patch.r)}, field "id": id ${patch.id} already belongs to "${byId.get(patch.id)?.name}"`, rowDetails(table, patch.r, 'id'));
    }
    let row: PlannedRow;
    if (mode === 'merge' && existing) {
      row = materialize(existing, patch.values, patch.name, patch.norm, existing.id);
    } else {
      requireNew(table, patch, mode === 'merge');
      row = materialize(NEW_BASE, patch.values, patch.name, patch.norm, patch.id);
    }
    if (!existing || mode === 'replace') (row.id === undefined ? withoutId : withId).push(row);
    if (!existing) {
      added++;
      if (addedNames.length < NAMES_SHOWN) addedNames.push(patch.name);
      continue;
    }
    const diff = changedFields(existing, row);
    if (diff.length === 0) {
      unchanged++;
      continue;
    }
    changed++;
    if (changedNames.length < NAMES_SHOWN) changedNames.push(patch.name);
    for (const f of diff) fieldCounts.set(f, (fieldCounts.get(f) ?? 0) + 1);
    if (mode === 'merge') updates.push({ id: existing.id, row, products: diff.includes('products') });
  }
  const gone = inFile ? book.filter((c) => !inFile.has(c.norm)) : [];
  // Explicit ids first, so ids the database assigns never collide with ids the file asks for.
  const inserts = withId.length === 0 ? withoutId : [...withId, ...withoutId];
  const mapped = new Set(ctx.plans.map((p) => p.field));
  const preview: ImportPreview = {
    mode,
    rows: patches.length,
    added,
    changed,
    unchanged,
    removed: gone.length,
    fieldChanges: ALL_FIELDS.flatMap((f) => (fieldCounts.has(f) ? [{ field: f, clients: fieldCounts.get(f) ?? 0 }] : [])),
    addedNames,
    changedNames,
    removedNames: gone.slice(0, NAMES_SHOWN).map((c) => c.name),
    ignoredColumns: table.headers.filter((_, i) => !ctx.plans.some((p) => p.column === i)),
    absentFields: ALL_FIELDS.filter((f) => f !== 'id' && !mapped.has(f)),
    total: mode === 'replace' ? patches.length : book.length + added,
  };
  return { mode, inserts, updates, preview };
}
