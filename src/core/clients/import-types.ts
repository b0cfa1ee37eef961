/**
 * The import contract between the client worker and the UI (and the CLI): a file becomes a
 * draft (decoded, parsed, columns matched), the rep's choices (column mapping, answers to
 * format questions, merge or replace) become a review (questions, or a preview of what changes),
 * and the same choices are applied all-or-nothing.
 */
import type { TextEncoding } from './import-decode.ts';
import type { ClientField } from './import-fields.ts';
import type { MatchKind } from './import-headers.ts';
import type { ImportFormat, ImportMode, ImportReport } from './types.ts';

export type { ClientField } from './import-fields.ts';
export type { TextEncoding } from './import-decode.ts';

export interface ImportColumn {
  index: number;
  /** The header as written in the file (decoded). */
  header: string;
  /** Up to three non-blank values from the first rows, decoded, for the rep to recognise. */
  samples: string[];
  /** The field this column was matched to automatically (null: not matched, ignored unless the rep maps it). */
  field: ClientField | null;
  match: MatchKind;
  /** The CRM whose export uses this header ("Salesforce", "HubSpot", …). */
  source?: string;
}

export interface ImportDraft {
  id: string;
  fileName: string;
  format: ImportFormat;
  encoding: TextEncoding;
  rows: number;
  columns: ImportColumn[];
  /** Same for files with the same headers (any order, case, punctuation): the key for a remembered mapping. */
  headerKey: string;
  /** Fields more than one column matches equally well: the rep chooses. */
  conflicts: { field: ClientField; columns: number[] }[];
  /** Columns that might hold a field nothing matched, with why they were not chosen. */
  hints: { field: ClientField; column: number; why: string }[];
  /** True when every column has the app's own name (the template format): nothing to map. */
  ownFormat: boolean;
}

/** The field of each column, by column index (null = ignore the column). */
export type ColumnMapping = (ClientField | null)[];

export type DecimalAnswer = 'point' | 'comma';
export type DateAnswer = 'mdy' | 'dmy';

export interface ImportChoices {
  mapping: ColumnMapping;
  /** Answers to format questions, by column index. */
  answers: Record<number, DecimalAnswer | DateAnswer>;
  mode: ImportMode;
}

/** A value that reads two ways; the rep picks one for the whole column. */
export interface FormatQuestion {
  column: number;
  header: string;
  field: ClientField;
  kind: 'decimal-mark' | 'date-order';
  /** The first ambiguous value, as written, and its row. */
  example: string;
  row: number;
  /** How many values in the column read both ways. */
  count: number;
  options: { value: DecimalAnswer | DateAnswer; label: string }[];
}

export interface FieldChange {
  field: ClientField;
  /** Clients whose value of this field changes. */
  clients: number;
}

export interface ImportPreview {
  mode: ImportMode;
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
  /** Clients in the book that are not in the file (replace only; merge never removes). */
  removed: number;
  fieldChanges: FieldChange[];
  /** A few names of each kind, for the rep to recognise (counts above are complete). */
  addedNames: string[];
  changedNames: string[];
  removedNames: string[];
  /** Headers of the columns that are not imported. */
  ignoredColumns: string[];
  /** Fields whose columns are absent: merge keeps what the book has, replace clears them. */
  absentFields: ClientField[];
  /** Clients in the book afterwards. */
  total: number;
}

export type ImportReview = { status: 'questions'; questions: FormatQuestion[] } | { status: 'ready'; preview: ImportPreview };

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'comparing' | 'saving';
  done: number;
  total: number;
}

export type ImportProgressCallback = (p: ImportProgress) => void;

/** Imports with a review step (the UI); the store's `importText` is the same pipeline without questions (the CLI). */
export interface ClientImporter {
  /** Decodes and parses a file and matches its columns; the draft stays in the store until applied or discarded. */
  prepareImport(bytes: Uint8Array, fileName: string, onProgress?: ImportProgressCallback): Promise<ImportDraft>;
  /** Checks every row with these choices: the questions still open, or what would change. */
  reviewImport(draftId: string, choices: ImportChoices, onProgress?: ImportProgressCallback): Promise<ImportReview>;
  /** Applies the draft all-or-nothing (throws AppError('bad-import') naming row and field, or when a question is open). */
  applyImport(draftId: string, choices: ImportChoices, onProgress?: ImportProgressCallback): Promise<ImportReport>;
  discardImport(draftId: string): Promise<void>;
}
