/**
 * Raw rows → client patches: each row's name plus the values its non-blank mapped cells give.
 * A blank cell gives nothing (a merge keeps what the book has, a replace uses the default).
 * The first bad cell rejects the whole file, naming row, line, field and column.
 */
import type { ColumnPlan } from './import-columns.ts';
import { FIELD_BY_ID } from './import-fields.ts';
import { bad, ColumnMemo, rowDetails, rowLabel, type RawTable } from './import-read.ts';
import { convertCell, isBlank, toText, type CellResult, type ClientValues } from './import-schema.ts';
import type { ImportProgressCallback } from './import-types.ts';
import { normalizeName } from './normalize.ts';

export interface ClientPatch {
  /** 0-based row index in the file. */
  r: number;
  name: string;
  /** Accent- and case-insensitive key: the same client in the book and in the file. */
  norm: string;
  id?: number;
  /** The fields this row gives a value for. */
  values: Partial<ClientValues>;
}

const PROGRESS_EVERY = 5000;

function preview(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function fieldRef(plan: ColumnPlan): string {
  return plan.header === plan.field ? `field "${plan.field}"` : `field "${plan.field}" (column "${plan.header}")`;
}

/**
 * JSON.parse turns 1e309 into Infinity, and the file's own spelling is lost. Recover it from the
 * source: the n-th number literal too large for a double, counting non-finite cells in file order.
 */
function overflowLiteral(table: RawTable, r: number, column: number): string | undefined {
  if (!table.source) return undefined;
  let k = 0;
  for (let i = 0; i <= r; i++) {
    const row = table.rows[i];
    for (let c = 0; c < row.length; c++) {
      if (i === r && c === column) {
        const literals = table.source.match(/-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)/g)?.filter((x) => !Number.isFinite(Number(x))) ?? [];
        return literals[k];
      }
      const v = row[c];
      if (typeof v === 'number' && !Number.isFinite(v)) k++;
    }
  }
  return undefined;
}

function cellError(table: RawTable, r: number, plan: ColumnPlan, cell: unknown, result: Extract<CellResult<unknown>, { ok: false }>): Error {
  let got = isBlank(cell) ? undefined : (result.got ?? preview(cell));
  if (typeof cell === 'number' && !Number.isFinite(cell)) got = overflowLiteral(table, r, plan.column) ?? got;
  const message = `${rowLabel(table, r)}, ${fieldRef(plan)}: ${result.message}${got ? ` (got ${got})` : ''}`;
  return bad(message, rowDetails(table, r, plan.field));
}

/** Converts every row; throws AppError('bad-import') at the first bad cell or duplicate. */
export function buildPatches(table: RawTable, plans: ColumnPlan[], onProgress?: ImportProgressCallback): ClientPatch[] {
  const namePlan = plans.find((p) => p.field === 'name');
  if (!namePlan) throw bad('No column is set to the client name.');
  const idPlan = plans.find((p) => p.field === 'id');
  const others = plans.filter((p) => p !== namePlan && p !== idPlan);
  const kinds = others.map((p) => FIELD_BY_ID.get(p.field)?.kind ?? 'text');
  const seenNames = new Map<string, number>();
  const seenIds = new Map<number, number>();
  // Columns with few distinct values convert each value once and share the result (a products
  // list is never changed after this): less time, and one list per value instead of per row.
  const converted = new ColumnMemo<CellResult<unknown>>();
  const run = (cell: unknown, p: number) => convertCell(kinds[p], others[p].field, cell, others[p]);
  const convert = (p: number, cell: unknown): CellResult<unknown> => (typeof cell === 'string' ? converted.get(p, cell, run) : run(cell, p));
  const patches: ClientPatch[] = new Array(table.rows.length);
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r];
    const rawName = row[namePlan.column];
    if (isBlank(rawName)) throw bad(`${rowLabel(table, r)}, ${fieldRef(namePlan)}: is required`, rowDetails(table, r, 'name'));
    const name = toText(rawName, 'name');
    if (!name.ok) throw cellError(table, r, namePlan, rawName, name);
    const norm = normalizeName(name.value);
    const dup = seenNames.get(norm);
    if (dup !== undefined) {
      throw bad(
        `${rowLabel(table, r)}, field "name": "${name.value}" duplicates ${rowLabel(table, dup).toLowerCase()} ("${patches[dup].name}"); names must be unique ignoring case and accents`,
        rowDetails(table, r, 'name'),
      );
    }
    seenNames.set(norm, r);
    const patch: ClientPatch = { r, name: name.value, norm, values: {} };
    if (idPlan && !isBlank(row[idPlan.column])) {
      const id = convertCell('id', 'id', row[idPlan.column], {});
      if (!id.ok) throw cellError(table, r, idPlan, row[idPlan.column], id);
      const other = seenIds.get(id.value as number);
      if (other !== undefined) {
        throw bad(
          `${rowLabel(table, r)}, field "id": id ${String(id.value)} is also used by ${rowLabel(table, other).toLowerCase()}`,
          rowDetails(table, r, 'id'),
        );
      }
      seenIds.set(id.value as number, r);
      patch.id = id.value as number;
    }
    const values = patch.values as Record<string, unknown>;
    for (let p = 0; p < others.length; p++) {
      const plan = others[p];
      const cell = row[plan.column];
      if (isBlank(cell)) continue;
      const result = convert(p, cell);
      if (!result.ok) throw cellError(table, r, plan, cell, result);
      values[plan.field] = result.value;
    }
    patches[r] = patch;
    if ((r + 1) % PROGRESS_EVERY === 0) onProgress?.({ phase: 'checking', done: r + 1, total: table.rows.length });
  }
  onProgress?.({ phase: 'checking', done: table.rows.length, total: table.rows.length });
  return patches;
}
