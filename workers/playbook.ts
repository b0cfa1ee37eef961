/** Main-thread factory for the playbook library running in its own worker. */
import type { EmbedderRequest, EmbedderStatus } from '../src/core/playbook/host.ts';
import type { WordMeaning } from '../src/core/meaning/word-meaning.ts';
import type { AddPdfOptions } from '../src/core/playbook/library.ts';
import type { Chunk, PlaybookDocument, PlaybookIndex, ProgressCallback } from '../src/core/playbook/types.ts';
import { Comlink, wrap } from './rpc.ts';

/**
 * A PlaybookIndex backed by workers/playbook.worker.ts, plus embedder switching and word meaning
 * for the agents (the word vectors stay in the worker: the main thread never loads them).
 */
export interface PlaybookWorker extends PlaybookIndex, WordMeaning {
  /** `opts.background`: resolve once keyword-searchable; vectors follow (see `whenVectorsReady`). */
  addPdf(name: string, bytes: Uint8Array, onProgress?: ProgressCallback, opts?: AddPdfOptions): Promise<PlaybookDocument>;
  whenVectorsReady(): Promise<void>;
  /** Starts loading pdf.js in the worker without waiting for it. */
  warmUp(): Promise<void>;
  setEmbedder(request: EmbedderRequest, onProgress?: ProgressCallback): Promise<EmbedderStatus>;
  listChunks(): Promise<Chunk[]>;
  /** Throws `storage-corrupt` when a snapshot would not load; loads nothing. */
  checkSnapshot(bytes: Uint8Array): Promise<void>;
  /** One document as bytes, to undo its removal with `restoreDocument`. */
  exportDocument(id: string): Promise<Uint8Array>;
  restoreDocument(bytes: Uint8Array): Promise<PlaybookDocument>;
  dispose(): void;
}

const proxied = (cb?: ProgressCallback) => (cb ? Comlink.proxy(cb) : undefined);

/** Starts the playbook worker and resolves once it is ready. */
export async function createPlaybookWorker(): Promise<PlaybookWorker> {
  const worker = new Worker(new URL('./playbook.worker.ts', import.meta.url), { type: 'module', name: 'playbook' });
  try {
    const remote = await wrap(worker, 'playbook');
    return {
      listDocuments: () => remote.listDocuments(),
      stats: () => remote.stats(),
      // Copied, not transferred: the caller usually keeps the file bytes (e.g. to persist them).
      addPdf: (name, bytes, onProgress, opts) => remote.addPdf(name, bytes, proxied(onProgress), opts),
      whenVectorsReady: () => remote.whenVectorsReady(),
      warmUp: () => remote.warmUp(),
      removeDocument: (id) => remote.removeDocument(id),
      setWinner: (id) => remote.setWinner(id),
      search: (query, k) => remote.search(query, k),
      listChunks: () => remote.listChunks(),
      exportSnapshot: () => remote.exportSnapshot(),
      loadSnapshot: (bytes) => remote.loadSnapshot(bytes),
      checkSnapshot: (bytes) => remote.checkSnapshot(bytes),
      exportDocument: (id) => remote.exportDocument(id),
      restoreDocument: (bytes) => remote.restoreDocument(bytes),
      setEmbedder: (request, onProgress) => remote.setEmbedder(request, proxied(onProgress)),
      wordSimilarity: (a, b) => remote.wordSimilarity(a, b),
      nearestTerms: (phrase, candidates, k) => remote.nearestTerms(phrase, [...candidates], k),
      embedSentence: (text) => remote.embedSentence(text),
      knows: (text) => remote.knows(text),
      dispose: () => worker.terminate(),
    };
  } catch (err) {
    worker.terminate();
    throw err;
  }
}
