/** Main-thread factory for the client database running in its own worker. */
import type { HostedClientStore } from '../src/core/clients/store-host.ts';
import { wrapWhenReady } from './rpc.ts';

/** A ClientStore (plus browsing) backed by workers/clients.worker.ts; `dispose()` terminates the worker. */
export interface ClientStoreWorker extends HostedClientStore {
  dispose(): void;
}

/** Starts the client worker and resolves once sql.js has loaded inside it. */
export async function createClientStoreWorker(): Promise<ClientStoreWorker> {
  const worker = new Worker(new URL('./clients.worker.ts', import.meta.url), { type: 'module', name: 'clients' });
  try {
    const remote = await wrapWhenReady<HostedClientStore>(worker);
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
      // Copied, not transferred: callers usually keep their bytes (e.g. the persisted copy).
      loadBytes: (bytes) => remote.loadBytes(bytes),
      dispose: () => worker.terminate(),
    };
  } catch (err) {
    worker.terminate();
    throw err;
  }
}
