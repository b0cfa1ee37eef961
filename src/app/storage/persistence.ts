/**
 * The one module that touches IndexedDB. Every write goes through `write()`: it takes the
 * cross-tab write lock, re-reads what it changes, applies the planned writes in a single
 * IndexedDB transaction, and announces the change so other tabs refresh. Quota and storage
 * failures become typed AppErrors; a failed write leaves every record as it was.
 *
 * idb-keyval's `createStore` gives the raw object store inside one transaction, which is all
 * this needs (reads, key ranges, puts and deletes in the same transaction).
 *
 * Large byte records are put as Blobs and read back as bytes (large-values.ts), so callers
 * always see Uint8Arrays. Inside a write's plan, values are as stored (the transaction cannot
 * wait for a Blob to be read): a plan may copy a byte record, never inspect its bytes.
 */
import { createStore, type UseStore } from 'idb-keyval';
import { AppError } from '../../core/errors.ts';
import { BatchRecorder, snapshotOf, type KeyValueStore, type KvPlan, type KvScope } from '../../core/storage/kv.ts';
import { fromStored, toStored } from './large-values.ts';
import { announceChange, lockScopeOf, withWriteLock, type ChangeTopic, type HeldLock } from './tabs.ts';

export const DB_NAME = 'crm-copilot';
export const STORE_NAME = 'kv';

/** Current record keys (schema 2). `v1/…` keys are migrated on first load (see migrate.ts). */
export const KEYS = {
  meta: 'v2/meta',
  clientsDb: 'v2/clients.sqlite',
  clientsDbBackup: 'v2/clients.sqlite.bak',
  playbook: 'v2/playbook.snapshot',
  playbookBackup: 'v2/playbook.snapshot.bak',
  /** Prefix: the original bytes of each playbook PDF, for the document viewer. */
  playbookPdfs: 'v2/playbook.pdfs',
  settings: 'v2/settings',
  secrets: 'v2/secrets',
  conversations: 'v2/conversations',
  conversationsCurrent: 'v2/conversations.current',
  /** Prefix: one record per conversation. */
  conversation: 'v2/conversation/',
  /** Prefix: the latest LangGraph checkpoint of each conversation thread. */
  checkpoints: 'v2/checkpoints/',
  feedback: 'v2/feedback',
  useCritic: 'v2/use-critic',
  /** The rep's remembered corrections (notes the co-pilot recalls). */
  corrections: 'v2/corrections',
  /** Prefix of the saved critic versions (core/rlhf/critic-store.ts names the rest). */
  critic: 'rlhf/critic/',
  evalRuns: 'v2/eval-runs',
  /** Column mappings the rep confirmed for client imports, by the file's set of headers. */
  importMappings: 'v2/import-mappings',
} as const;

/** Version stamp of the persisted workspace; bumped on every committed workspace write. */
export interface WorkspaceMeta {
  version: number;
  updatedAt: string;
  embedder: string;
  /** Record layout version (2 = checksummed blobs, per-origin secrets, bounded checkpoints). */
  schema?: number;
}

export const SCHEMA_VERSION = 2;

/** Maps any IndexedDB failure to a typed error a rep can act on. */
export function storageError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  if (name === 'QuotaExceededError') {
    return new AppError('quota-exceeded', 'The browser storage is full, so nothing was saved.');
  }
  return new AppError('storage-unavailable', 'The browser storage could not be used (private mode or blocked?).');
}

let db: UseStore | null = null;
const store = (): UseStore => (db ??= createStore(DB_NAME, STORE_NAME));

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

const range = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

/** One readwrite transaction: read the scope, plan, write; resolves once the transaction commits. */
function transact<T>(scope: KvScope, plan: KvPlan<T>): Promise<T> {
  return store()('readwrite', async (os) => {
    const tx = os.transaction;
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new DOMException('The write was aborted.', 'AbortError'));
    });
    committed.catch(() => undefined);
    try {
      const keys = scope.keys ?? [];
      const prefixes = scope.prefixes ?? [];
      // Request promises resolve in IndexedDB callbacks, so awaiting them keeps the transaction alive.
      const [values, lists] = await Promise.all([
        Promise.all(keys.map((k) => request(os.get(k)))),
        Promise.all(prefixes.map((p) => request(os.getAllKeys(range(p))))),
      ]);
      const batch = new BatchRecorder();
      const result = plan(snapshotOf(new Map(keys.map((k, i) => [k, values[i]])), new Map(prefixes.map((p, i) => [p, lists[i].map(String)]))), batch);
      for (const [key, op] of batch.ops) {
        if (op) os.put(toStored(op.value), key);
        else os.delete(key);
      }
      await committed;
      return result;
    } catch (err) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      await committed.catch(() => undefined);
      throw err;
    }
  });
}

export interface WriteOptions {
  /** The caller already holds the write lock (Web Locks are not re-entrant). */
  lock?: HeldLock;
  /** Version announced to other tabs (default: now). */
  version?: number;
}

/**
 * The one write path: lock, re-read `scope`, plan, commit in one transaction, announce `topic`
 * (null: nobody else needs to know, e.g. which conversation this tab has open). The lock is the
 * workspace's for workspace topics, else the records' (see `lockScopeOf`).
 */
export async function write<T>(topic: ChangeTopic | null, scope: KvScope, plan: KvPlan<T>, opts: WriteOptions = {}): Promise<T> {
  const run = async () => {
    try {
      return await transact(scope, plan);
    } catch (err) {
      throw storageError(err);
    }
  };
  const result = opts.lock ? await run() : await withWriteLock(run, lockScopeOf(topic));
  if (topic) announceChange({ version: opts.version ?? Date.now(), what: topic });
  return result;
}

/** Reads one record (undefined when missing). */
export async function read<T>(key: string): Promise<T | undefined> {
  try {
    return await fromStored<T | undefined>(await store()('readonly', (os) => request(os.get(key))));
  } catch (err) {
    throw storageError(err);
  }
}

/** Every key, or those under `prefix`, sorted. */
export async function listKeys(prefix?: string): Promise<string[]> {
  try {
    const keys = await store()('readonly', (os) => request(prefix === undefined ? os.getAllKeys() : os.getAllKeys(range(prefix))));
    return keys.map(String);
  } catch (err) {
    throw storageError(err);
  }
}

/** Every record (or those under `prefix`) as [key, value], read in one transaction. */
export async function readAll(prefix?: string): Promise<[string, unknown][]> {
  try {
    const rows = await store()('readonly', async (os) => {
      const q = prefix === undefined ? undefined : range(prefix);
      const [keys, values] = await Promise.all([request(os.getAllKeys(q)), request(os.getAll(q))]);
      return keys.map((k, i): [string, unknown] => [String(k), values[i]]);
    });
    // Blobs are read after the transaction: it would not wait for them.
    return await Promise.all(rows.map(async ([k, v]): Promise<[string, unknown]> => [k, await fromStored(v)]));
  } catch (err) {
    throw storageError(err);
  }
}

/**
 * The store as a core `KeyValueStore` (for the checkpointer, critic store, evaluation history):
 * every set/del/update goes through `write()` and announces `topic`.
 */
export function kvStore(topic: ChangeTopic | null): KeyValueStore {
  return {
    get: read,
    keys: () => listKeys(),
    set: (key, value) => write(topic, {}, (_, batch) => batch.set(key, value)),
    del: (key) => write(topic, {}, (_, batch) => batch.del(key)),
    update: (scope, plan) => write(topic, scope, plan),
  };
}
