/** Clients page state: search as you type (stale results dropped). Imports: client-import.svelte.ts. */
import type { Client } from '../../core/clients/types.ts';
import { describeError } from '../errors.ts';
import { workspace } from './workspace.svelte.ts';

export class ClientsView {
  search = $state('');
  rows = $state.raw<Client[]>([]);
  loading = $state(false);
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
}
