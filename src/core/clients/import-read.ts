/**
 * Decoded CSV or JSON text → a raw table (headers and cells, nothing validated yet). CSV is read
 * record by record with papaparse's streaming `step`, keeping each record's line number for
 * error messages; JSON must be an array of objects, whose keys become the columns.
 */
import Papa from 'papaparse';
import { AppError } from '../errors.ts';
import type { ImportProgressCallback } from './import-types.ts';
import type { ImportFormat } from './types.ts';

/** Hard cap so a wrong file cannot freeze the tab. */
export const MAX_IMPORT_ROWS = 250_000;
const MAX_COLUMNS = 500;
const PROGRESS_EVERY = 5000;
/** Distinct values per column that `ColumnMemo` keeps; a column with more stops being remembered. */
const MEMO_LIMIT = 1000;

/**
 * One value per distinct cell of each column, for columns with few distinct values (industry,
 * region, products, yes/no): rows then share it instead of each holding its own. A column that
 * turns out to hold more than MEMO_LIMIT values (names, amounts) is no longer remembered, so
 * the maps stay small. Used for the cells as read and for their converted values.
 */
export class ColumnMemo<V> {
  readonly #columns: (Map<string, V> | null)[] = [];

  /** The value for `cell` of `column`, made by `make` the first time (pass one function, not a new one per cell). */
  get(column: number, cell: string, make: (cell: string, column: number) => V): V {
    let seen = this.#columns[column];
    if (seen === null) return make(cell, column);
    if (seen === undefined) this.#columns[column] = seen = new Map();
    if (seen.has(cell)) return seen.get(cell) as V;
    const value = make(cell, column);
    if (seen.size < MEMO_LIMIT) seen.set(cell, value);
    else this.#columns[column] = null;
    return value;
  }
}

export interface RawTable {
  format: ImportFormat;
  headers: string[];
  /** One array of cells per row, aligned with `headers`; `undefined` = the JSON object lacks that key. */
  rows: unknown[][];
  /** CSV: the line each row starts on (for "Row 3 (line 4)"). */
  lines?: number[];
  /** JSON: the text, to quote numbers JSON.parse could not hold (1e309 → Infinity). */
  source?: string;
  /** CSV: lines of a note under the table (Salesforce's "Confidential Information…" footer), not imported. */
  footer?: string[];
}

/** "Row 3" or "Row 3 (line 4)" for the 0-based row index `r`. */
export function rowLabel(table: RawTable, r: number): string {
  const line = table.lines?.[r];
  return line === undefined ? `Row ${r + 1}` : `Row ${r + 1} (line ${line})`;
}

export function bad(message: string, details: Record<string, string | number> = {}): AppError {
  return new AppError('bad-import', message, details);
}

/** Details naming row (1-based), line and field, as every import error carries them. */
export function rowDetails(table: RawTable, r: number, field?: string): Record<string, string | number> {
  const details: Record<string, string | number> = { row: r + 1 };
  const line = table.lines?.[r];
  if (line !== undefined) details.line = line;
  if (field) details.field = field;
  return details;
}

export function readTable(text: string, format: ImportFormat, onProgress?: ImportProgressCallback): RawTable {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw bad('The file is empty.');
  const table = format === 'json' ? readJson(body) : readCsv(body, onProgress);
  if (table.rows.length === 0) throw bad('The file has no client rows.');
  if (table.rows.length > MAX_IMPORT_ROWS) throw bad(`The file has ${table.rows.length} rows; the limit is ${MAX_IMPORT_ROWS}.`);
  return table;
}

function readJson(body: string): RawTable {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'syntax error';
    throw bad(`The file is not valid JSON: ${detail}`);
  }
  if (!Array.isArray(data)) throw bad('The JSON file must be an array of clients ([{...}, ...]).');
  const index = new Map<string, number>();
  const headers: string[] = [];
  data.forEach((item, r) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw bad(`Row ${r + 1}: must be an object`, { row: r + 1 });
    for (const key of Object.keys(item)) {
      if (index.has(key)) continue;
      if (headers.length >= MAX_COLUMNS) throw bad(`Row ${r + 1}: the rows have more than ${MAX_COLUMNS} different fields`, { row: r + 1 });
      index.set(key, headers.length);
      headers.push(key);
    }
  });
  const rows = (data as Record<string, unknown>[]).map((item) => headers.map((h) => (Object.hasOwn(item, h) ? item[h] : undefined)));
  return { format: 'json', headers, rows, source: body };
}

function pickDelimiter(headerLine: string): string {
  if (headerLine.includes(',')) return ',';
  if (headerLine.includes('\t')) return '\t';
  if (headerLine.includes(';')) return ';';
  return ',';
}

function readCsv(body: string, onProgress?: ImportProgressCallback): RawTable {
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = pickDelimiter(firstLine);
  const records: string[][] = [];
  const lines: number[] = [];
  const nextLines: number[] = [];
  // Repeated cells (industry, products, yes/no) stored once: a 100,000-row table takes about half the memory.
  const shared = new ColumnMemo<string>();
  const same = (cell: string) => cell;
  let failure: AppError | undefined;
  let offset = 0;
  let line = 1;
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: 'greedy',
    step: (results, parser) => {
      const end = results.meta.cursor;
      // Line of this record's first character: skip blank lines papaparse dropped.
      const chunk = body.slice(offset, end);
      const lead = /^(?:[ \t]*\r?\n)*/.exec(chunk)?.[0] ?? '';
      const startLine = line + countNewlines(lead);
      line += countNewlines(chunk);
      offset = end;
      const error = results.errors[0];
      if (error) {
        const what = error.code === 'MissingQuotes' ? 'a quoted cell is never closed (missing ")' : error.message;
        failure = bad(`Line ${startLine}: ${what}`, { row: records.length, line: startLine });
        parser.abort();
        return;
      }
      const cells = results.data;
      for (let c = 0; c < cells.length; c++) cells[c] = shared.get(c, cells[c], same);
      records.push(cells);
      lines.push(startLine);
      nextLines.push(line);
      if (records.length % PROGRESS_EVERY === 0) onProgress?.({ phase: 'reading', done: offset, total: body.length });
    },
  });
  if (failure) throw failure;
  if (records.length === 0) throw bad('The file is empty.');
  const headers = records[0].map((h, i) => h.trim() || `Column ${i + 1}`);
  if (headers.length > MAX_COLUMNS) throw bad(`Line 1 (header): the file has ${headers.length} columns; the limit is ${MAX_COLUMNS}.`);
  const footer = footerStart(records, lines, nextLines);
  const rows = records.slice(1, footer);
  const rowLines = lines.slice(1, footer);
  rows.forEach((cells, r) => {
    if (cells.length !== headers.length) {
      throw bad(`Row ${r + 1} (line ${rowLines[r]}): expected ${headers.length} cells, found ${cells.length}`, { row: r + 1, line: rowLines[r] });
    }
  });
  onProgress?.({ phase: 'reading', done: body.length, total: body.length });
  const note = records.slice(footer).map((cells) => cells[0]);
  return { format: 'csv', headers, rows, lines: rowLines, ...(note.length ? { footer: note } : {}) };
}

/**
 * Report exports (Salesforce's "Details Only" CSV) end with a blank line and one-cell lines:
 * "Confidential Information - Do Not Distribute", "Generated By: …". Those are a note, not rows.
 * Without the blank line a one-cell row stays a row (and fails as too short): never drop data.
 */
function footerStart(records: string[][], lines: number[], nextLines: number[]): number {
  let start = records.length;
  if (records[0].length < 2) return start;
  while (start > 2 && records[start - 1].length === 1) start--;
  if (start === records.length) return start;
  return lines[start] > nextLines[start - 1] ? start : records.length;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
