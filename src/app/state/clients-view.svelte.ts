/** Clients page state: search as you type (stale results dropped) and all-or-nothing imports. */
import type { Client, ImportFormat, ImportMode } from '../../core/clients/types.ts';
import { describeError } from '../errors.ts';
import { MAX_IMPORT_BYTES, workspace } from './workspace.svelte.ts';

export class ClientsView {
  search = $state('');
  rows = $state.raw<Client[]>([]);
  loading = $state(false);
  importing = $state(false);
  mode = $state<ImportMode>('merge');
  error = $state<string | null>(null);
  message = $state<string | null>(null);
  #request = 0;

  async refresh(): Promise<void> {
    if (workspace.status !== 'ready') return;
    const id = ++this.#request;
    this.loading = true;
    try {
      const rows = await workspace.clients.list({ search: this.search.trim() || undefined, limit: 500 });
      if (id === this.#request) this.rows = rows;
    } catch (err) {
      if (id === this.#request) this.error = describeError(err);
    } finally {
      if (id === this.#request) this.loading = false;
    }
  }

  async importFile(file: File): Promise<void> {
    this.error = null;
    this.message = null;
    const format: ImportFormat | null = /\.csv$/i.test(file.name)
      ? 'csv'
      : /\.json$/i.test(file.name)
        ? 'json'
        : null;
    if (!format) {
      this.error = `"${file.name}" is not a CSV or JSON file. Nothing was imported.`;
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      this.error = `"${file.name}" is larger than 50 MB. Nothing was imported.`;
      return;
    }
    this.importing = true;
    try {
      const report = await workspace.importClients(await file.text(), format, this.mode);
      this.message = `Imported ${file.name}: ${report.added} added, ${report.updated} updated, ${report.total} clients in total.`;
      await this.refresh();
    } catch (err) {
      this.error = `Nothing was imported from ${file.name}. ${describeError(err)}`;
    } finally {
      this.importing = false;
    }
  }
}
