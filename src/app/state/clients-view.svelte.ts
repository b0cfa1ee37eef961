/**
 * Clients page state: search across fields, column filters and sorting (stale results dropped).
 * One instance for the app, so the search survives a visit to a client. Imports: client-import.svelte.ts.
 */
import type { Client, ClientBrowseQuery, ClientSortKey, ClientVocabulary } from '../../core/clients/types.ts';
import { describeError } from '../errors.ts';
import { workspace } from './workspace.svelte.ts';

const PAGE = 100;

export interface ClientFilters {
  industry: string;
  region: string;
  account_manager: string;
  product: string;
  escalationOnly: boolean;
}

const NO_FILTERS: ClientFilters = { industry: '', region: '', account_manager: '', product: '', escalationOnly: false };

function filteredBy(q: ClientBrowseQuery): boolean {
  return Boolean(q.industry || q.region || q.account_manager || q.product || q.open_escalation);
}

export class ClientsView {
  search = $state('');
  filters = $state<ClientFilters>({ ...NO_FILTERS });
  /** null: by relevance when searching, else by name. */
  sort = $state<ClientSortKey | null>(null);
  order = $state<'asc' | 'desc'>('asc');
  limit = $state(PAGE);
  rows = $state.raw<Client[]>([]);
  total = $state(0);
  /** The search text and filter state the shown rows answer (the inputs may be ahead of them). */
  shownFor = $state.raw<{ text: string; filtered: boolean }>({ text: '', filtered: false });
  vocabulary = $state.raw<ClientVocabulary | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  message = $state<string | null>(null);
  #request = 0;

  filtered = $derived(
    this.filters.industry !== '' ||
      this.filters.region !== '' ||
      this.filters.account_manager !== '' ||
      this.filters.product !== '' ||
      this.filters.escalationOnly,
  );

  /** The browse query for the current search, filters, sort and page size. */
  query(): ClientBrowseQuery {
    const f = this.filters;
    return {
      text: this.search.trim() || undefined,
      industry: f.industry || undefined,
      region: f.region || undefined,
      account_manager: f.account_manager || undefined,
      product: f.product || undefined,
      open_escalation: f.escalationOnly ? true : undefined,
      sort: this.sort ?? undefined,
      order: this.sort ? this.order : undefined,
      limit: this.limit,
    };
  }

  async refresh(): Promise<void> {
    if (workspace.status !== 'ready') return;
    const id = ++this.#request;
    const q = this.query();
    this.loading = true;
    try {
      const result = await workspace.clients.browse(q);
      if (id !== this.#request) return;
      this.rows = result.clients;
      this.total = result.total;
      this.shownFor = { text: q.text ?? '', filtered: filteredBy(q) };
    } catch (err) {
      if (id === this.#request) this.error = describeError(err);
    } finally {
      if (id === this.#request) this.loading = false;
    }
  }

  async loadVocabulary(): Promise<void> {
    if (workspace.status !== 'ready') return;
    try {
      this.vocabulary = await workspace.clients.vocabulary();
    } catch {
      this.vocabulary = null;
    }
  }

  /** Sorts by a column; a second click on the same column reverses the order. */
  sortBy(key: ClientSortKey): void {
    this.resetPage();
    if (this.sort === key) this.order = this.order === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = key;
      this.order = key === 'ytd_spend' ? 'desc' : 'asc';
    }
  }

  clearFilters(): void {
    this.filters = { ...NO_FILTERS };
    this.resetPage();
  }

  /** Back to the first page (after the search or a filter changed). */
  resetPage(): void {
    this.limit = PAGE;
  }

  showMore(): void {
    this.limit += PAGE;
  }
}

export const clientsView = new ClientsView();
