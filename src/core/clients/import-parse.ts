/**
 * Turns an uploaded JSON or CSV file into validated client rows, or throws one
 * AppError('bad-import') naming the row (and CSV line), the field and what is wrong.
 */
import Papa from 'papaparse';
import { AppError } from '../errors.ts';
import type { ImportFormat } from './types.ts';
import { ALL_FIELDS, REQUIRED_FIELDS, validateRow, type ClientRow } from './import-schema.ts';
import { normalizeName } from './normalize.ts';

/** Hard cap so a wrong file cannot freeze the tab. */
export const MAX_IMPORT_ROWS = 250_000;

interface RawRecord {
  value: unknown;
  /** "Row 3" or "Row 3 (line 4)". */
  label: string;
  row: number;
  line?: number;
}

/** Parses and validates the whole file; every row must pass or nothing is returned. */
export function parseClientFile(text: string, format: ImportFormat): ClientRow[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw bad('The file is empty.');
  const records = format === 'json' ? readJson(body) : readCsv(body);
  if (records.length === 0) throw bad('The file has no client rows.');
  if (records.length > MAX_IMPORT_ROWS) throw bad(`The file has ${records.length} rows; the limit is ${MAX_IMPORT_ROWS}.`);
  const rows: ClientRow[] = [];
  const seenNames = new Map<string, RawRecord & { name: string }>();
  const seenIds = new Map<number, RawRecord>();
  for (const rec of records) {
    const result = validateRow(rec.value);
    if (!result.ok) {
      const where = result.field ? `${rec.label}, field "${result.field}"` : rec.label;
      throw bad(`${where}: ${result.message}`, rec, result.field);
    }
    const row = result.row;
    const norm = normalizeName(row.name);
    const dup = seenNames.get(norm);
    if (dup) {
      throw bad(
        `${rec.label}, field "name": "${row.name}" duplicates ${dup.label.toLowerCase()} ("${dup.name}"); names must be unique ignoring case and accents`,
        rec,
        'name',
      );
    }
    seenNames.set(norm, { ...rec, name: row.name });
    if (row.id !== undefined) {
      const other = seenIds.get(row.id);
      if (other) throw bad(`${rec.label}, field "id": id ${row.id} is also used by ${other.label.toLowerCase()}`, rec, 'id');
      seenIds.set(row.id, rec);
    }
    rows.push(row);
  }
  return rows;
}

function bad(message: string, rec?: RawRecord, field?: string): AppError {
  const details: Record<string, string | number> = {};
  if (rec) details.row = rec.row;
  if (rec?.line !== undefined) details.line = rec.line;
  if (field) details.field = field;
  return new AppError('bad-import', message, details);
}

function readJson(body: string): RawRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'syntax error';
    throw bad(`The file is not valid JSON: ${detail}`);
  }
  if (!Array.isArray(data)) throw bad('The JSON file must be an array of clients ([{...}, ...]).');
  return data.map((value, i) => ({ value, label: `Row ${i + 1}`, row: i + 1 }));
}

/** "Account Manager" / "ytd-spend" → "account_manager" / "ytd_spend". */
function headerKey(h: string): string {
  return h.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function pickDelimiter(headerLine: string): string {
  if (headerLine.includes(',')) return ',';
  if (headerLine.includes('\t')) return '\t';
  if (headerLine.includes(';')) return ';';
  return ',';
}

function readCsv(body: string): RawRecord[] {
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = pickDelimiter(firstLine);
  const table: { cells: string[]; line: number }[] = [];
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
        failure = bad(`Line ${startLine}: ${what}`, { value: null, label: `Line ${startLine}`, row: table.length, line: startLine });
        parser.abort();
        return;
      }
      table.push({ cells: results.data, line: startLine });
    },
  });
  if (failure) throw failure;
  if (table.length === 0) throw bad('The file is empty.');
  const header = table[0].cells.map(headerKey);
  const known = new Set(ALL_FIELDS);
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length > 0) {
    throw bad(
      `Line 1 (header): unknown column(s) ${unknown.map((h) => `"${h}"`).join(', ')}; allowed: ${ALL_FIELDS.join(', ')}`,
    );
  }
  const missing = REQUIRED_FIELDS.filter((f) => !header.includes(f));
  if (missing.length > 0) throw bad(`Line 1 (header): missing required column(s) ${missing.map((f) => `"${f}"`).join(', ')}`);
  const repeated = header.find((h, i) => header.indexOf(h) !== i);
  if (repeated) throw bad(`Line 1 (header): column "${repeated}" appears twice`);
  return table.slice(1).map(({ cells, line: at }, i) => {
    const label = `Row ${i + 1} (line ${at})`;
    if (cells.length !== header.length) {
      throw bad(`${label}: expected ${header.length} cells, found ${cells.length}`, { value: null, label, row: i + 1, line: at });
    }
    const value: Record<string, string> = {};
    header.forEach((h, c) => (value[h] = cells[c]));
    return { value, label, row: i + 1, line: at };
  });
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
