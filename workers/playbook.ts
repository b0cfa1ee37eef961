/** Main-thread factory for the playbook library running in its own worker. */
import type { EmbedderRequest, EmbedderStatus, PlaybookHostApi } from '../src/core/playbook/host.ts';
import type { Chunk, PlaybookIndex, ProgressCallback } from '../src/core/playbook/types.ts';
import { Comlink, wrapWhenReady } from './rpc.ts';

/** A PlaybookIndex backed by workers/playbook.worker.ts, plus embedder switching. */
export interface PlaybookWorker extends PlaybookIndex {
  setEmbedder(request: EmbedderRequest, onProgress?: ProgressCallback): Promise<EmbedderStatus>;
  listChunks(): Promise<Chunk[]>;
  dispose(): void;
}

const proxied = (cb?: ProgressCallback) => (cb ? Comlink.proxy(cb) : undefined);

/** Starts the playbook worker and resolves once it is ready. */
export async function createPlaybookWorker(): Promise<PlaybookWorker> {
  const worker = new Worker(new URL('./playbook.worker.ts', import.meta.url), { type: 'module', name: 'playbook' });
  try {
    const remote = await wrapWhenReady<PlaybookHostApi>(worker);
    return {
      listDocuments: () => remote.listDocuments(),
      stats: () => remote.stats(),
      // Copied, not transferred: the caller usually keeps the file bytes (e.g. to persist them).
      addPdf: (name, bytes, onProgress) => remote.addPdf(name, bytes, proxied(onProgress)),
      removeDocument: (id) => remote.removeDocument(id),
      search: (query, k) => remote.search(query, k),
      listChunks: () => remote.listChunks(),
      exportSnapshot: () => remote.exportSnapshot(),
      loadSnapshot: (bytes) => remote.loadSnapshot(bytes),
      setEmbedder: (request, onProgress) => remote.setEmbedder(request, proxied(onProgress)),
      dispose: () => worker.terminate(),
    };
  } catch (err) {
    worker.terminate();
    throw err;
  }
}
