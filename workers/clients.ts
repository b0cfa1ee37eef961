/** Main-thread factory for the client database running in its own worker. */
import type { ImportProgressCallback } from '../src/core/clients/import-types.ts';
import type { ClientStoreHostApi } from '../src/core/clients/store-host.ts';
import { Comlink, wrap } from './rpc.ts';

/**
 * A ClientStore (and importer) backed by workers/clients.worker.ts: the `clients` contract of
 * workers/contracts.ts, plus `dispose()`, which terminates the worker.
 */
export interface ClientStoreWorker extends ClientStoreHostApi {
  dispose(): void;
}

const proxied = (cb?: ImportProgressCallback) => (cb ? Comlink.proxy(cb) : undefined);

/** Moves the file's bytes to the worker instead of copying them (the caller's array is emptied). */
function moved(bytes: Uint8Array): Uint8Array {
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return Comlink.transfer(own, [own.buffer]);
}

/** Starts the client worker and resolves once sql.js has loaded inside it. */
export async function createClientStoreWorker(): Promise<ClientStoreWorker> {
  const worker = new Worker(new URL('./clients.worker.ts', import.meta.url), { type: 'module', name: 'clients' });
  try {
    const remote = await wrap(worker, 'clients');
    return {
      count: () => remote.count(),
      browse: (q) => remote.browse(q),
      get: (id) => remote.get(id),
      list: (opts) => remote.list(opts),
      lookup: (name) => remote.lookup(name),
      findMentions: (text) => remote.findMentions(text),
      query: (q) => remote.query(q),
      vocabulary: () => remote.vocabulary(),
      importText: (text, format, mode) => remote.importText(text, format, mode),
      exportBytes: () => remote.exportBytes(),
      exportBlob: () => remote.exportBlob(),
      // Copied, not transferred: callers usually keep their bytes (e.g. the persisted copy).
      loadBytes: (bytes) => remote.loadBytes(bytes),
      checkBytes: (bytes) => remote.checkBytes(bytes),
      prepareImport: (bytes, fileName, onProgress) => remote.prepareImport(moved(bytes), fileName, proxied(onProgress)),
      reviewImport: (draftId, choices, onProgress) => remote.reviewImport(draftId, choices, proxied(onProgress)),
      applyImport: (draftId, choices, onProgress) => remote.applyImport(draftId, choices, proxied(onProgress)),
      discardImport: (draftId) => remote.discardImport(draftId),
      dispose: () => worker.terminate(),
    };
  } catch (err) {
    worker.terminate();
    throw err;
  }
}
