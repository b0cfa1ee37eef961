/**
 * Playbook page state: PDF import with progress (a PDF already in the playbook asks first), search
 * as you type (stale results dropped), and document removal that asks first and can be undone for a
 * minute. One instance for the app, so Undo stays offered while the rep looks at another page.
 */
import type { PlaybookDocument, Progress, SearchHit } from '../../core/playbook/types.ts';
import type { AddPdfOptions } from '../../core/playbook/library.ts';
import { toAppError } from '../../core/errors.ts';
import { describeError } from '../errors.ts';
import { MAX_IMPORT_BYTES, workspace, type RemovedDocument } from './workspace.svelte.ts';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How long Undo is offered after a document is removed. */
export const UNDO_MS = 60_000;
/** UNDO_MS in words. */
export const UNDO_WINDOW = 'a minute';

/** What the confirmation names before a document is removed. */
export interface RemovalPlan {
  document: PlaybookDocument;
  /** Section headings of its passages: the topics whose answers come from it. */
  topics: string[];
  /** It is the only document: every playbook answer depends on it. */
  only: boolean;
}

const PHASE_LABEL: Record<Progress['phase'], string> = {
  reading: 'Reading pages',
  chunking: 'Splitting into passages',
  embedding: 'Embedding passages',
  indexing: 'Building the index',
  saving: 'Saving',
  'loading-model': 'Loading the embedding model',
};

export interface DuplicatePdf {
  fileName: string;
  bytes: Uint8Array;
  existingId: string;
  existingName: string;
  existingAddedAt: string;
}

export class PlaybookView {
  query = $state('');
  hits = $state.raw<SearchHit[]>([]);
  searching = $state(false);
  progress = $state.raw<Progress | null>(null);
  importingName = $state<string | null>(null);
  error = $state<string | null>(null);
  message = $state<string | null>(null);
  /** A PDF whose content is already in the playbook, waiting for the rep's choice. */
  duplicate = $state.raw<DuplicatePdf | null>(null);
  confirming = $state.raw<RemovalPlan | null>(null);
  removing = $state(false);
  undoable = $state.raw<RemovedDocument | null>(null);
  restoring = $state(false);
  settingWinner = $state(false);
  #request = 0;
  #undoTimer: ReturnType<typeof setTimeout> | undefined;

  progressLabel = $derived(this.progress ? PHASE_LABEL[this.progress.phase] : '');

  async runSearch(): Promise<void> {
    const q = this.query.trim();
    const id = ++this.#request;
    if (!q || workspace.status !== 'ready') {
      this.hits = [];
      return;
    }
    this.searching = true;
    try {
      const hits = await workspace.playbook.search(q, 5);
      if (id === this.#request) this.hits = hits;
    } catch (err) {
      if (id === this.#request) this.error = describeError(err);
    } finally {
      if (id === this.#request) this.searching = false;
    }
  }

  async importFile(file: File): Promise<void> {
    this.error = null;
    this.message = null;
    this.duplicate = null;
    if (!/\.pdf$/i.test(file.name) && file.type !== 'application/pdf') {
      this.error = `"${file.name}" is not a PDF. Nothing was imported.`;
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      this.error = `"${file.name}" is larger than 50 MB. Nothing was imported.`;
      return;
    }
    await this.#add(file.name, new Uint8Array(await file.arrayBuffer()), { ifDuplicate: 'ask' });
  }

  /** Answers "this PDF is already here": replace the existing document, keep both, or cancel. */
  async resolveDuplicate(choice: 'replace' | 'keep' | 'cancel'): Promise<void> {
    const dup = this.duplicate;
    this.duplicate = null;
    if (!dup) return;
    if (choice === 'cancel') {
      this.message = `Nothing was imported from ${dup.fileName}; "${dup.existingName}" stays as it was.`;
      return;
    }
    await this.#add(dup.fileName, dup.bytes, choice === 'replace' ? { replaceId: dup.existingId } : { ifDuplicate: 'keep' });
  }

  async #add(name: string, bytes: Uint8Array, opts: AddPdfOptions): Promise<void> {
    this.importingName = name;
    this.progress = { phase: 'reading', done: 0, total: 1 };
    try {
      const doc = await workspace.importPdf(name, bytes, (p) => (this.progress = p), opts);
      const replaced = opts.replaceId ? ` It replaces the earlier copy.` : '';
      this.message = `Indexed ${doc.name}: ${plural(doc.pages, 'page')}, ${plural(doc.chunks, 'passage')}.${replaced}`;
      await this.runSearch();
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'duplicate-document' && e.details) {
        this.duplicate = {
          fileName: name,
          bytes,
          existingId: String(e.details.id),
          existingName: String(e.details.name),
          existingAddedAt: String(e.details.addedAt),
        };
      } else {
        this.error = `Nothing was imported from ${name}. ${describeError(err)}`;
      }
    } finally {
      this.importingName = null;
      this.progress = null;
    }
  }

  /** Opens the confirmation for removing a document, naming what depends on it. */
  async askRemove(document: PlaybookDocument): Promise<void> {
    this.error = null;
    let topics: string[] = [];
    try {
      const chunks = await workspace.playbook.listChunks();
      topics = [
        ...new Set(
          chunks
            .filter((c) => c.docId === document.id)
            .map((c) => c.heading.trim())
            .filter(Boolean),
        ),
      ];
    } catch {
      // The confirmation still names the document and its counts.
    }
    this.confirming = { document, topics, only: workspace.documents.length === 1 };
  }

  cancelRemove(): void {
    this.confirming = null;
  }

  async confirmRemove(): Promise<void> {
    const plan = this.confirming;
    if (!plan) return;
    this.removing = true;
    this.error = null;
    this.message = null;
    try {
      const removed = await workspace.removeDocument(plan.document.id);
      this.confirming = null;
      this.#offerUndo(removed);
      await this.runSearch();
    } catch (err) {
      this.error = `${plan.document.name} was not removed. ${describeError(err)}`;
    } finally {
      this.removing = false;
      this.confirming = null;
    }
  }

  async undo(): Promise<void> {
    const removed = this.undoable;
    if (!removed) return;
    this.restoring = true;
    try {
      await workspace.restoreDocument(removed);
      this.dismissUndo();
      this.message = `Restored ${removed.document.name} and its search index.`;
      await this.runSearch();
    } catch (err) {
      this.error = `${removed.document.name} could not be restored. ${describeError(err)}`;
    } finally {
      this.restoring = false;
    }
  }

  dismissUndo(): void {
    clearTimeout(this.#undoTimer);
    this.undoable = null;
  }

  #offerUndo(removed: RemovedDocument): void {
    clearTimeout(this.#undoTimer);
    this.undoable = removed;
    this.#undoTimer = setTimeout(() => {
      if (this.undoable === removed) this.undoable = null;
    }, UNDO_MS);
  }

  /** Makes `doc` the document that wins when documents disagree, or (wins false) no document. */
  async setWinner(doc: PlaybookDocument, wins: boolean): Promise<void> {
    this.settingWinner = true;
    this.error = null;
    try {
      await workspace.setWinner(wins ? doc.id : null);
      this.message = wins
        ? `Where documents disagree, answers now follow “${doc.name}” and name the other document.`
        : 'No document wins now: where documents disagree, answers name both and pick neither.';
    } catch (err) {
      this.error = describeError(err);
    } finally {
      this.settingWinner = false;
    }
  }
}

export const playbookView = new PlaybookView();
