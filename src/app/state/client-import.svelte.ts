/**
 * The client import flow on the Clients page: choose a file → (columns) → (questions) → review
 * what changes → apply → undo for a while. Parsing, checking and planning run in the client
 * worker; this class only holds the rep's choices and what the worker answered.
 */
import type {
  ClientField,
  ColumnMapping,
  DateAnswer,
  DecimalAnswer,
  FormatQuestion,
  ImportChoices,
  ImportDraft,
  ImportPreview,
  ImportProgress,
} from '../../core/clients/import-types.ts';
import { normalizeHeader } from '../../core/clients/import-headers.ts';
import type { ImportMode } from '../../core/clients/types.ts';
import { formatCount } from '../components/format.ts';
import { describeError } from '../errors.ts';
import { rememberMapping, rememberedMapping } from '../storage/import-mappings.ts';
import { workspace } from './workspace.svelte.ts';

export type ImportStep = 'closed' | 'reading' | 'columns' | 'review' | 'applying';

/** How long "Undo import" stays offered. */
export const UNDO_MS = 5 * 60_000;

const PHASE_WORDS: Record<ImportProgress['phase'], string> = {
  reading: 'Reading the file',
  checking: 'Checking every row',
  comparing: 'Comparing with your book',
  saving: 'Saving',
};

export interface UndoOffer {
  fileName: string;
  before: Uint8Array;
  /** Checksum of the book the import saved: undo is refused once the book differs. */
  book: string;
  expires: number;
}

export class ClientImportFlow {
  step = $state<ImportStep>('closed');
  draft = $state.raw<ImportDraft | null>(null);
  mapping = $state<ColumnMapping>([]);
  /** The mapping the dialog opened with (matched or remembered), to tell the rep's own changes apart. */
  initialMapping = $state.raw<ColumnMapping>([]);
  answers = $state<Record<number, DecimalAnswer | DateAnswer>>({});
  mode = $state<ImportMode>('merge');
  questions = $state.raw<FormatQuestion[]>([]);
  preview = $state.raw<ImportPreview | null>(null);
  progress = $state.raw<ImportProgress | null>(null);
  busy = $state(false);
  /** Used the mapping remembered for this kind of file. */
  remembered = $state(false);
  /** A problem inside the dialog (the rep can change columns or cancel). */
  dialogError = $state<string | null>(null);
  /** A problem before the dialog could open, or the outcome after it closed. */
  error = $state<string | null>(null);
  message = $state<string | null>(null);
  undo = $state.raw<UndoOffer | null>(null);
  #request = 0;
  #undoTimer: ReturnType<typeof setTimeout> | undefined;

  progressLabel = $derived(this.progress ? PHASE_WORDS[this.progress.phase] : '');

  /** Fields chosen twice (the rep must pick one column). */
  duplicates = $derived.by(() => {
    const seen = new Map<ClientField, number>();
    for (const f of this.mapping) if (f) seen.set(f, (seen.get(f) ?? 0) + 1);
    return new Set([...seen].filter(([, n]) => n > 1).map(([f]) => f));
  });

  get choices(): ImportChoices {
    return { mapping: [...this.mapping], answers: { ...this.answers }, mode: this.mode };
  }

  async open(file: File): Promise<void> {
    this.error = null;
    this.message = null;
    this.dialogError = null;
    if (!/\.(csv|json|tsv|txt)$/i.test(file.name)) {
      this.error = `"${file.name}" is not a CSV or JSON file. Nothing was imported.`;
      return;
    }
    const id = ++this.#request;
    await this.#discardDraft();
    this.step = 'reading';
    this.busy = true;
    this.progress = { phase: 'reading', done: 0, total: 1 };
    try {
      const draft = await workspace.prepareClientImport(file, (p) => id === this.#request && (this.progress = p));
      if (id !== this.#request) return;
      this.draft = draft;
      this.answers = {};
      this.mode = 'merge';
      const saved = await this.#rememberedFor(draft);
      this.remembered = saved !== null;
      this.initialMapping = saved ?? draft.columns.map((c) => c.field);
      this.mapping = [...this.initialMapping];
      if (draft.ownFormat && !saved) await this.review();
      else this.step = 'columns';
    } catch (err) {
      if (id !== this.#request) return;
      this.step = 'closed';
      this.error = `Nothing was imported from ${file.name}. ${describeError(err)}`;
    } finally {
      if (id === this.#request) {
        this.busy = false;
        this.progress = null;
      }
    }
  }

  setField(column: number, field: ClientField | null): void {
    this.mapping[column] = field;
    this.preview = null;
  }

  setAnswer(column: number, value: DecimalAnswer | DateAnswer): void {
    this.answers[column] = value;
  }

  async setMode(mode: ImportMode): Promise<void> {
    this.mode = mode;
    if (this.step === 'review') await this.review();
  }

  /** Checks every row with the current choices: questions, an error naming row and field, or a preview. */
  async review(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    const id = ++this.#request;
    this.step = 'review';
    this.busy = true;
    this.dialogError = null;
    this.preview = null;
    try {
      const result = await workspace.importer.reviewImport(draft.id, this.choices, (p) => id === this.#request && (this.progress = p));
      if (id !== this.#request) return;
      this.questions = result.status === 'questions' ? result.questions : [];
      this.preview = result.status === 'ready' ? result.preview : null;
    } catch (err) {
      if (id === this.#request) this.dialogError = `Nothing was imported from ${draft.fileName}. ${describeError(err)}`;
    } finally {
      if (id === this.#request) {
        this.busy = false;
        this.progress = null;
      }
    }
  }

  backToColumns(): void {
    this.step = 'columns';
    this.dialogError = null;
    this.preview = null;
  }

  async apply(): Promise<void> {
    const draft = this.draft;
    if (!draft || !this.preview) return;
    const id = ++this.#request;
    const choices = this.choices;
    this.step = 'applying';
    this.busy = true;
    this.dialogError = null;
    try {
      const { report, before, book } = await workspace.applyClientImport(draft.id, choices, (p) => (this.progress = p));
      await this.#remember(draft, choices.mapping);
      this.#close();
      const removed = report.removed ? `, ${formatCount(report.removed)} removed` : '';
      this.message = `Imported ${draft.fileName}: ${formatCount(report.added)} added, ${formatCount(report.updated)} updated${removed}, ${formatCount(report.total)} clients in total.`;
      this.#offerUndo({ fileName: draft.fileName, before, book, expires: Date.now() + UNDO_MS });
    } catch (err) {
      if (id !== this.#request) return;
      this.step = 'review';
      this.dialogError = `Nothing was imported from ${draft.fileName}. ${describeError(err)}`;
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  async cancel(): Promise<void> {
    this.#request++;
    await this.#discardDraft();
    this.#close();
  }

  async undoImport(): Promise<void> {
    const offer = this.undo;
    if (!offer) return;
    this.#offerUndo(null);
    this.error = null;
    this.message = null;
    try {
      const total = await workspace.restoreClientBook(offer.before, offer.book);
      this.message = `Undid the import of ${offer.fileName}: your book is back to ${total} clients, exactly as before.`;
    } catch (err) {
      this.error = describeError(err);
    }
  }

  #offerUndo(offer: UndoOffer | null): void {
    clearTimeout(this.#undoTimer);
    this.undo = offer;
    if (offer) this.#undoTimer = setTimeout(() => (this.undo = null), offer.expires - Date.now());
  }

  #close(): void {
    this.step = 'closed';
    this.draft = null;
    this.preview = null;
    this.questions = [];
    this.dialogError = null;
    this.remembered = false;
  }

  async #discardDraft(): Promise<void> {
    const draft = this.draft;
    if (draft) await workspace.importer.discardImport(draft.id).catch(() => undefined);
  }

  async #rememberedFor(draft: ImportDraft): Promise<ColumnMapping | null> {
    return rememberedMapping(
      draft.headerKey,
      draft.columns.map((c) => normalizeHeader(c.header)),
    ).catch(() => null);
  }

  /** Remembers the rep's mapping for files with these headers (not for the app's own format). */
  async #remember(draft: ImportDraft, mapping: ColumnMapping): Promise<void> {
    const auto = draft.columns.every((c, i) => c.field === mapping[i]);
    if (draft.ownFormat && auto) return;
    try {
      await rememberMapping(
        draft.headerKey,
        draft.columns.map((c) => normalizeHeader(c.header)),
        mapping,
      );
    } catch {
      // Remembering is a convenience: the import itself is saved.
    }
  }
}
