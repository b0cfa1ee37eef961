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
  row: ClientRow;
  /** The products list changed (rewrite it). */
  products: boolean;
}

export interface WritePlan {
  mode: ImportMode;
  /** New clients (for a replace: every row), rows with an explicit id first. */
  inserts: ClientRow[];
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
  return COMPARED.filter((f) => !same(before[f], after[f]));
}

function requireNew(table: RawTable, patch: ClientPatch, isNew: boolean): void {
  for (const field of ['industry', 'ytd_spend'] as const) {
    if (patch.values[field] !== undefined) continue;
    const why = isNew ? `is required for a new client ("${patch.name}" is not in your book yet)` : 'is required';
    throw bad(`${rowLabel(table, patch.r)}, field "${field}": ${why}`, rowDetails(table, patch.r, field));
  }
}

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
  const inserts: ClientRow[] = [];
  const updates: PlannedUpdate[] = [];
  const addedNames: string[] = [];
  const changedNames: string[] = [];
  let changed = 0;
  let unchanged = 0;
  const inFile = new Set<string>();
  for (const patch of patches) {
    inFile.add(patch.norm);
    const existing = byNorm.get(patch.norm);
    if (mode === 'merge' && existing && patch.id !== undefined && patch.id !== existing.id) {
      throw bad(`${rowLabel(table, patch.r)}, field "id": "${patch.name}" already exists with id ${existing.id} (got ${patch.id})`, rowDetails(table, patch.r, 'id'));
    }
    if (mode === 'merge' && !existing && patch.id !== undefined && byId.has(patch.id)) {
      throw bad(`${rowLabel(table, patch.r)}, field "id": id ${patch.id} already belongs to "${byId.get(patch.id)?.name}"`, rowDetails(table, patch.r, 'id'));
    }
    let row: ClientRow;
    if (mode === 'merge' && existing) {
      const { id, norm, ...current } = existing;
      void norm;
      row = { id, ...current, ...patch.values, name: patch.name };
    } else {
      requireNew(table, patch, mode === 'merge');
      row = { ...DEFAULTS, ...(patch.values as Omit<ClientRow, 'name'>), name: patch.name };
      if (patch.id !== undefined) row.id = patch.id;
    }
    if (!existing) {
      inserts.push(row);
      if (addedNames.length < NAMES_SHOWN) addedNames.push(patch.name);
      continue;
    }
    if (mode === 'replace') inserts.push(row);
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
  const gone = mode === 'replace' ? book.filter((c) => !inFile.has(c.norm)) : [];
  // Explicit ids first, so ids the database assigns never collide with ids the file asks for.
  inserts.sort((a, b) => Number(b.id !== undefined) - Number(a.id !== undefined));
  const mapped = new Set(ctx.plans.map((p) => p.field));
  const added = mode === 'replace' ? inserts.length - changed - unchanged : inserts.length;
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
    total: mode === 'replace' ? patches.length : book.length + inserts.length,
  };
  return { mode, inserts, updates, preview };
}
