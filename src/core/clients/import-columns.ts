/**
 * Per-column decisions before any row is converted: that the mapping is usable (a name column,
 * no field twice), and how each money and date column writes its values. A value that reads two
 * ways ("48,500", "03/04/2027") takes the decimal mark or day/month order the column's other
 * values show; when they show none (or both), it becomes a question for the rep (an error for
 * the CLI). Nothing is guessed.
 */
import { describeIsoDate, readDate, type DateOrder } from './import-dates.ts';
import { FIELD_BY_ID, fieldLabel, type ClientField } from './import-fields.ts';
import { readMoney, type DecimalMark } from './import-money.ts';
import { bad, type RawTable } from './import-read.ts';
import type { ColumnMapping, FormatQuestion, ImportChoices } from './import-types.ts';
import type { ImportMode } from './types.ts';

export interface ColumnPlan {
  column: number;
  header: string;
  field: ClientField;
  mark?: DecimalMark;
  order?: DateOrder;
}

export interface ColumnAnalysis {
  plans: ColumnPlan[];
  questions: FormatQuestion[];
}

const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** Throws when the mapping cannot work: no name column, a field mapped twice, a wrong length. */
export function checkMapping(table: RawTable, mapping: ColumnMapping, mode: ImportMode): void {
  if (mapping.length !== table.headers.length) throw bad('The column choices do not match the file; choose the file again.');
  const seen = new Map<ClientField, number>();
  mapping.forEach((field, column) => {
    if (field === null) return;
    if (!FIELD_BY_ID.has(field)) throw bad(`Column "${table.headers[column]}" is mapped to an unknown field "${String(field)}".`);
    const other = seen.get(field);
    if (other !== undefined) {
      throw bad(`Columns "${table.headers[other]}" and "${table.headers[column]}" are both set to ${fieldLabel(field)}; choose one.`, {
        field,
      });
    }
    seen.set(field, column);
  });
  const needed = mode === 'replace' ? (['name', 'industry', 'ytd_spend'] as const) : (['name'] as const);
  const missing = needed.filter((f) => !seen.has(f));
  if (missing.length > 0) {
    const what = missing.map((f) => `${fieldLabel(f)} ("${f}")`).join(', ');
    const why = mode === 'replace' ? 'replacing the book needs' : 'an import needs';
    throw bad(`Line 1 (header): missing required column(s) ${missing.map((f) => `"${f}"`).join(', ')}: ${why} a column for ${what}.`);
  }
}

/** Decides each mapped column's format; returns the open questions (answered ones are applied). */
export function analyzeColumns(table: RawTable, choices: ImportChoices): ColumnAnalysis {
  checkMapping(table, choices.mapping, choices.mode);
  const plans: ColumnPlan[] = [];
  const questions: FormatQuestion[] = [];
  choices.mapping.forEach((field, column) => {
    if (field === null) return;
    const plan: ColumnPlan = { column, header: table.headers[column], field };
    const kind = FIELD_BY_ID.get(field)?.kind;
    const answer = choices.answers[column];
    if (kind === 'money') {
      const q = moneyFormat(table, plan, answer === 'point' || answer === 'comma' ? answer : undefined);
      if (q) questions.push(q);
    } else if (kind === 'date') {
      const q = dateFormat(table, plan, answer === 'mdy' || answer === 'dmy' ? answer : undefined);
      if (q) questions.push(q);
    }
    plans.push(plan);
  });
  return { plans, questions };
}

/**
 * Values that read two ways take the one mark (or order) the column's other values show; with
 * none shown, or both, the rep chooses. Values that read one way keep it whatever the column does.
 */
function settle<T>(proven: Set<T>, answer: T | undefined): T | undefined {
  return proven.size === 1 ? [...proven][0] : answer;
}

function moneyFormat(table: RawTable, plan: ColumnPlan, answer?: DecimalMark): FormatQuestion | null {
  const proven = new Set<DecimalMark>();
  let first: { row: number; text: string; ifPoint: number; ifComma: number } | undefined;
  let count = 0;
  for (let r = 0; r < table.rows.length; r++) {
    const cell = table.rows[r][plan.column];
    if (typeof cell !== 'string' || cell.trim() === '') continue;
    const reading = readMoney(cell);
    if (reading.kind === 'number' && reading.mark) proven.add(reading.mark);
    else if (reading.kind === 'ambiguous') {
      count++;
      first ??= { row: r, text: cell, ifPoint: reading.ifPoint, ifComma: reading.ifComma };
    }
  }
  if (!first) return null;
  plan.mark = settle(proven, answer);
  if (plan.mark) return null;
  return {
    column: plan.column,
    header: plan.header,
    field: plan.field,
    kind: 'decimal-mark',
    example: first.text,
    row: first.row + 1,
    count,
    options: [
      { value: 'point', label: `"${first.text.trim()}" is ${money.format(first.ifPoint)} (the comma separates thousands)` },
      { value: 'comma', label: `"${first.text.trim()}" is ${money.format(first.ifComma)} (the comma is the decimal mark)` },
    ],
  };
}

function dateFormat(table: RawTable, plan: ColumnPlan, answer?: DateOrder): FormatQuestion | null {
  const proven = new Set<DateOrder>();
  let first: { row: number; text: string; mdy: string; dmy: string } | undefined;
  let count = 0;
  const seen = new Set<string>();
  for (let r = 0; r < table.rows.length; r++) {
    const cell = table.rows[r][plan.column];
    if (typeof cell !== 'string' || cell.trim() === '' || seen.has(cell)) continue;
    seen.add(cell);
    const reading = readDate(cell);
    if (reading.kind === 'date' && reading.order) proven.add(reading.order);
    else if (reading.kind === 'ambiguous') {
      count++;
      first ??= { row: r, text: cell, mdy: reading.mdy, dmy: reading.dmy };
    }
  }
  if (!first) return null;
  plan.order = settle(proven, answer);
  if (plan.order) return null;
  return {
    column: plan.column,
    header: plan.header,
    field: plan.field,
    kind: 'date-order',
    example: first.text,
    row: first.row + 1,
    count,
    options: [
      { value: 'mdy', label: `"${first.text.trim()}" is ${describeIsoDate(first.mdy)} (month first, as in the US)` },
      { value: 'dmy', label: `"${first.text.trim()}" is ${describeIsoDate(first.dmy)} (day first, as in most of Europe)` },
    ],
  };
}

/** The CLI has no one to ask: an open question is an error naming the column and the value. */
export function questionError(q: FormatQuestion): Error {
  const what = q.kind === 'date-order' ? 'could be month/day or day/month' : 'could use the comma for thousands or for decimals';
  return bad(
    `Column "${q.header}" (${q.field}): "${q.example}" in row ${q.row} ${what}, and no value in the column settles it (${q.count} value(s) read both ways).`,
    { row: q.row, field: q.field },
  );
}
