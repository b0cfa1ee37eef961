/** Playbook page state: PDF import with progress, and search as you type (stale results dropped). */
import type { Progress, SearchHit } from '../../core/playbook/types.ts';
import { describeError } from '../errors.ts';
import { MAX_IMPORT_BYTES, workspace } from './workspace.svelte.ts';

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
  #request = 0;

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

  async remove(id: string, name: string): Promise<void> {
    this.error = null;
    try {
      await workspace.removeDocument(id);
      this.message = `Removed ${name}.`;
      await this.runSearch();
    } catch (err) {
      this.error = describeError(err);
    }
  }
}
