/**
 * The one module that touches IndexedDB. Every write is awaited; quota and storage failures
 * become typed AppErrors the UI can explain. Keys are versioned so a future schema change can
 * migrate instead of misreading old data.
 */
import { createStore, del, get, keys, set, setMany, delMany, type UseStore } from 'idb-keyval';
import { AppError } from '../../core/errors.ts';
import type { KeyValueStore } from '../../core/storage/kv.ts';
import { fromStored, toStored } from './large-values.ts';

export const KEYS = {
  meta: 'v1/meta',
  clientsDb: 'v1/clients.sqlite',
  clientsDbBackup: 'v1/clients.sqlite.bak',
  playbook: 'v1/playbook.snapshot',
  playbookBackup: 'v1/playbook.snapshot.bak',
  playbookPdfs: 'v1/playbook.pdfs',
  settings: 'v1/settings',
  secrets: 'v1/secrets',
  conversations: 'v1/conversations',
  feedback: 'v1/feedback',
  useCritic: 'v1/use-critic',
  evalRuns: 'v1/eval-runs',
} as const;

/** Version stamp of the persisted workspace; bumped on every committed write. */
export interface WorkspaceMeta {
  version: number;
  updatedAt: string;
  embedder: string;
}

function storageError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  if (name === 'QuotaExceededError') {
    return new AppError('quota-exceeded', 'The browser storage is full, so nothing was saved.');
  }
  return new AppError('storage-unavailable', 'The browser storage could not be used (private mode or blocked?).');
}

export class IdbStore implements KeyValueStore {
  readonly #store: UseStore;

  constructor(dbName = 'crm-copilot', storeName = 'kv') {
    this.#store = createStore(dbName, storeName);
  }

  async get<T>(key: string): Promise<T | undefined> {
    try {
      return await fromStored<T | undefined>(await get(key, this.#store));
    } catch (err) {
      throw storageError(err);
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    try {
      await set(key, toStored(value), this.#store);
    } catch (err) {
      throw storageError(err);
    }
  }

  /** Atomic multi-key write: all entries land or none does. */
  async setMany(entries: [string, unknown][]): Promise<void> {
    try {
      await setMany(entries.map(([key, value]) => [key, toStored(value)]), this.#store);
    } catch (err) {
      throw storageError(err);
    }
  }

  async del(key: string): Promise<void> {
    try {
      await del(key, this.#store);
    } catch (err) {
      throw storageError(err);
    }
  }

  async delMany(list: string[]): Promise<void> {
    try {
      await delMany(list, this.#store);
    } catch (err) {
      throw storageError(err);
    }
  }

  async keys(): Promise<string[]> {
    try {
      return (await keys<IDBValidKey>(this.#store)).map(String);
    } catch (err) {
      throw storageError(err);
    }
  }
}

export const storage = new IdbStore();
