/**
 * Playbook page state: PDF import with progress, search as you type (stale results dropped), and
 * document removal that asks first and can be undone for a minute. One instance for the app, so
 * Undo stays offered while the rep looks at another page.
 */
import type { PlaybookDocument, Progress, SearchHit } from '../../core/playbook/types.ts';
import { describeError } from '../errors.ts';
import { MAX_IMPORT_BYTES, workspace, type RemovedDocument } from './workspace.svelte.ts';

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

export class PlaybookView {
  query = $state('');
  hits = $state.raw<SearchHit[]>([]);
  searching = $state(false);
  progress = $state.raw<Progress | null>(null);
  importingName = $state<string | null>(null);
  error = $state<string | null>(null);
  message = $state<string | null>(null);
  confirming = $state.raw<RemovalPlan | null>(null);
  removing = $state(false);
  undoable = $state.raw<RemovedDocument | null>(null);
  restoring = $state(false);
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
    if (!/\.pdf$/i.test(file.name) && file.type !== 'application/pdf') {
      this.error = `"${file.name}" is not a PDF. Nothing was imported.`;
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      this.error = `"${file.name}" is larger than 50 MB. Nothing was imported.`;
      return;
    }
    this.importingName = file.name;
    this.progress = { phase: 'reading', done: 0, total: 1 };
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const doc = await workspace.importPdf(file.name, bytes, (p) => (this.progress = p));
      this.message = `Indexed ${doc.name}: ${doc.pages} pages, ${doc.chunks} passages.`;
      await this.runSearch();
    } catch (err) {
      this.error = `Nothing was imported from ${file.name}. ${describeError(err)}`;
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
      topics = [...new Set(chunks.filter((c) => c.docId === document.id).map((c) => c.heading.trim()).filter(Boolean))];
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
}

export const playbookView = new PlaybookView();
