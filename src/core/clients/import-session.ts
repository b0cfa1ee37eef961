/**
 * The import pipeline behind `ClientImporter` and `importText`: bytes → decoded text → raw
 * table → matched columns (a draft kept here) → with the rep's choices: format decisions →
 * patches → a plan against the current book → one write. Plain TypeScript; the client worker
 * hosts it inside the SqlClientStore, the CLI calls `importText`.
 */
import { AppError } from '../errors.ts';
import { analyzeColumns, questionError } from './import-columns.ts';
import { decodeImportBytes } from './import-decode.ts';
import { fieldLabel } from './import-fields.ts';
import { headerSetKey, matchHeaders } from './import-headers.ts';
import { planImport, type BookClient, type WritePlan } from './import-plan.ts';
import { bad, readTable, type RawTable } from './import-read.ts';
import { buildPatches } from './import-rows.ts';
import type { ClientImporter, ImportChoices, ImportColumn, ImportDraft, ImportProgressCallback, ImportReview } from './import-types.ts';
import type { ImportFormat, ImportMode, ImportReport } from './types.ts';

/** What the pipeline needs from the database. */
export interface ImportTarget {
  /** Every client with its name key (read when a plan is made, so it is never stale). */
  book(): BookClient[];
  /** Writes the plan in one transaction: all of it or nothing. */
  write(plan: WritePlan, onProgress?: ImportProgressCallback): ImportReport;
  /** Changes whenever the book changes (a plan made before is stale). */
  version(): number;
}

interface Draft {
  info: ImportDraft;
  table: RawTable;
  /** The plan the last review made, reused by apply when nothing changed since. */
  reviewed?: { key: string; version: number; plan: WritePlan };
}

/** Drafts kept at once (each holds a parsed file); the oldest is dropped first. */
const MAX_DRAFTS = 3;
const SAMPLE_ROWS = 50;

/** CSV or JSON from the file name, else from the first character. */
export function formatOf(fileName: string, text: string): ImportFormat {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.(csv|tsv|txt)$/i.test(fileName)) return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

function sampleText(v: unknown): string {
  if (Array.isArray(v)) return v.map(String).join('; ');
  return typeof v === 'string' ? v.trim() : (JSON.stringify(v) ?? '');
}

function columnsOf(table: RawTable): Pick<ImportDraft, 'columns' | 'conflicts' | 'hints' | 'ownFormat'> {
  const proposal = matchHeaders(table.headers);
  const columns: ImportColumn[] = table.headers.map((header, index) => {
    const samples: string[] = [];
    for (let r = 0; r < Math.min(table.rows.length, SAMPLE_ROWS) && samples.length < 3; r++) {
      const v = table.rows[r][index];
      if (v !== undefined && v !== null && sampleText(v) !== '') samples.push(sampleText(v).slice(0, 80));
    }
    const m = proposal.matches[index];
    return { index, header, samples, field: m.field, match: m.match, ...(m.source ? { source: m.source } : {}) };
  });
  return {
    columns,
    conflicts: proposal.conflicts,
    hints: proposal.maybe,
    ownFormat: proposal.conflicts.length === 0 && columns.every((c) => c.match === 'app'),
  };
}

export class ClientImports implements ClientImporter {
  readonly #target: ImportTarget;
  readonly #newId: () => string;
  readonly #drafts = new Map<string, Draft>();

  constructor(target: ImportTarget, newId: () => string = () => globalThis.crypto.randomUUID()) {
    this.#target = target;
    this.#newId = newId;
  }

  async prepareImport(bytes: Uint8Array, fileName: string, onProgress?: ImportProgressCallback): Promise<ImportDraft> {
    onProgress?.({ phase: 'reading', done: 0, total: 1 });
    const { text, encoding } = decodeImportBytes(bytes);
    const format = formatOf(fileName, text);
    const table = readTable(text, format, onProgress);
    const info: ImportDraft = {
      id: this.#newId(),
      fileName,
      format,
      encoding,
      rows: table.rows.length,
      headerKey: headerSetKey(table.headers),
      ...columnsOf(table),
    };
    while (this.#drafts.size >= MAX_DRAFTS) this.#drafts.delete(this.#drafts.keys().next().value as string);
    this.#drafts.set(info.id, { info, table });
    return info;
  }

  async reviewImport(draftId: string, choices: ImportChoices, onProgress?: ImportProgressCallback): Promise<ImportReview> {
    const draft = this.#draft(draftId);
    draft.reviewed = undefined;
    const { questions } = analyzeColumns(draft.table, choices);
    if (questions.length > 0) return { status: 'questions', questions };
    const version = this.#target.version();
    const plan = this.#plan(draft.table, choices, onProgress);
    draft.reviewed = { key: JSON.stringify(choices), version, plan };
    return { status: 'ready', preview: plan.preview };
  }

  async applyImport(draftId: string, choices: ImportChoices, onProgress?: ImportProgressCallback): Promise<ImportReport> {
    const draft = this.#draft(draftId);
    const cached = draft.reviewed;
    const fresh = cached && cached.key === JSON.stringify(choices) && cached.version === this.#target.version();
    // The plan the rep reviewed, unless the choices or the book changed since (then plan again).
    const plan = fresh ? cached.plan : this.#plan(draft.table, choices, onProgress);
    this.#drafts.delete(draftId);
    return this.#target.write(plan, onProgress);
  }

  async discardImport(draftId: string): Promise<void> {
    this.#drafts.delete(draftId);
  }

  /**
   * The whole pipeline with no one to ask (CLI, demo data): columns are matched automatically and
   * formats read from the values; a conflict or an ambiguous column is an error naming it.
   */
  importText(text: string, format: ImportFormat, mode: ImportMode): ImportReport {
    const table = readTable(text, format);
    const { columns, conflicts } = columnsOf(table);
    if (conflicts.length > 0) {
      const c = conflicts[0];
      const names = c.columns.map((i) => `"${table.headers[i]}"`).join(' and ');
      throw bad(`Line 1 (header): columns ${names} could both be ${fieldLabel(c.field)} ("${c.field}"); remove or rename one.`, { field: c.field });
    }
    return this.#apply(table, { mapping: columns.map((c) => c.field), answers: {}, mode });
  }

  /** `importText` for raw bytes in any supported encoding. */
  importBytes(bytes: Uint8Array, format: ImportFormat, mode: ImportMode): ImportReport {
    return this.importText(decodeImportBytes(bytes).text, format, mode);
  }

  #apply(table: RawTable, choices: ImportChoices, onProgress?: ImportProgressCallback): ImportReport {
    const plan = this.#plan(table, choices, onProgress);
    return this.#target.write(plan, onProgress);
  }

  #plan(table: RawTable, choices: ImportChoices, onProgress?: ImportProgressCallback): WritePlan {
    const { plans, questions } = analyzeColumns(table, choices);
    if (questions.length > 0) throw questionError(questions[0]);
    const patches = buildPatches(table, plans, onProgress);
    onProgress?.({ phase: 'comparing', done: 0, total: 1 });
    const plan = planImport(this.#target.book(), patches, { mode: choices.mode, table, plans });
    onProgress?.({ phase: 'comparing', done: 1, total: 1 });
    return plan;
  }

  #draft(id: string): Draft {
    const draft = this.#drafts.get(id);
    if (!draft) throw new AppError('bad-import', 'This import was closed or replaced by a newer one; choose the file again.');
    return draft;
  }
}
