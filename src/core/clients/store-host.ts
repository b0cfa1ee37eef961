/**
 * Wraps a ClientStore for hosting behind a worker boundary: database exports are handed over
 * as transferables instead of being copied. The transfer marker is injected (Comlink.transfer in
 * the worker) so this module stays free of worker globals and is testable in Node.
 */
import type { ClientBrowser, ClientStore } from './types.ts';

/** Marks `value` so its listed buffers are moved, not copied, when returned across the boundary. */
export type TransferFn = <T>(value: T, transferables: Transferable[]) => T;

/** The object a client worker exposes: the agent-facing store plus the Clients page's browsing. */
export type HostedClientStore = ClientStore & ClientBrowser;

/** A ClientStore whose exportBytes() result is transferred; every other call is delegated. */
export function hostClientStore(store: HostedClientStore, transfer: TransferFn): HostedClientStore {
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
  };
}
