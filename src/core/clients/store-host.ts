/**
 * Wraps a ClientStore for hosting behind a worker boundary: database exports are handed over
 * as transferables instead of being copied, and the import pipeline (prepare → review → apply)
 * is exposed beside the store. The transfer marker is injected (Comlink.transfer in the worker)
 * so this module stays free of worker globals and is testable in Node.
 */
import { sealBlob, type SealedBlob } from '../storage/integrity.ts';
import type { ClientImporter } from './import-types.ts';
import type { ClientBrowser, ClientStore } from './types.ts';

/** Marks `value` so its listed buffers are moved, not copied, when returned across the boundary. */
export type TransferFn = <T>(value: T, transferables: Transferable[]) => T;

/**
 * What the client worker exposes: the store, its importer, the Clients page's browsing, a check
 * of database bytes that loads nothing, and the database sealed for storage.
 */
export interface ClientStoreHostApi extends ClientStore, ClientImporter, ClientBrowser {
  /** Throws `storage-corrupt` when `bytes` would not load (integrity check, schema). */
  checkBytes(bytes: Uint8Array): Promise<void>;
  /**
   * The SQLite file as a checksummed record whose bytes are a Blob, both made in the worker: the
   * main thread stores it in IndexedDB without hashing, copying or serializing the bytes itself
   * (see app/storage/large-values.ts). Read back, it is checked like any sealed record.
   */
  exportBlob(): Promise<SealedBlob>;
}

/** A ClientStore whose exportBytes() result is transferred; every other call is delegated. */
export function hostClientStore(
  store: ClientStore & ClientImporter & ClientBrowser & Pick<ClientStoreHostApi, 'checkBytes'>,
  transfer: TransferFn,
): ClientStoreHostApi {
  return {
    browse: (q) => store.browse(q),
    get: (id) => store.get(id),
    count: () => store.count(),
    list: (opts) => store.list(opts),
    lookup: (name) => store.lookup(name),
    findMentions: (text) => store.findMentions(text),
    query: (q) => store.query(q),
    vocabulary: () => store.vocabulary(),
    importText: (text, format, mode) => store.importText(text, format, mode),
    exportBytes: async () => {
      const bytes = await store.exportBytes();
      return transfer(bytes, [bytes.buffer]);
    },
    loadBytes: (bytes) => store.loadBytes(bytes),
    checkBytes: (bytes) => store.checkBytes(bytes),
    exportBlob: async () => sealBlob(await store.exportBytes(), 'application/x-sqlite3'),
    prepareImport: (bytes, fileName, onProgress) => store.prepareImport(bytes, fileName, onProgress),
    reviewImport: (draftId, choices, onProgress) => store.reviewImport(draftId, choices, onProgress),
    applyImport: (draftId, choices, onProgress) => store.applyImport(draftId, choices, onProgress),
    discardImport: (draftId) => store.discardImport(draftId),
  };
}
