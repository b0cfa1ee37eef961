/**
 * The object a playbook worker exposes: the library's `PlaybookIndex` methods plus embedder
 * switching. Plain TypeScript, so tests call it directly and the worker file stays a thin host.
 */
import { AppError } from '../errors.ts';
import { decodeSnapshot } from './snapshot.ts';
import type { AddPdfOptions, PlaybookLibrary } from './library.ts';
import type { EmbedderChoice, EmbedderPreference } from './transformers-embedder.ts';
import type { WordMeaning } from '../meaning/word-meaning.ts';
import type { Chunk, PlaybookDocument, PlaybookIndex, ProgressCallback } from './types.ts';

/** An embedder preference that can cross a worker boundary (no callbacks). */
export type EmbedderRequest = { kind: 'builtin' } | { kind: 'word-vectors' } | Omit<Extract<EmbedderPreference, { kind: 'transformers' }>, 'onProgress'>;

export interface EmbedderStatus {
  embedder: string;
  dims: number;
  reembedded: boolean;
  /** Why the requested embedder is not in use (a fallback stands in). */
  fallbackReason?: string;
}

export interface PlaybookHostApi extends PlaybookIndex, WordMeaning {
  /** `opts.background`: resolve once keyword-searchable; vectors follow (see `whenVectorsReady`). */
  addPdf(name: string, bytes: Uint8Array, onProgress?: ProgressCallback, opts?: AddPdfOptions): Promise<PlaybookDocument>;
  /** Settles when the last background vector build is done (rejects if it was rolled back). */
  whenVectorsReady(): Promise<void>;
  /** Starts loading pdf.js now (e.g. while other startup work runs), so the first `addPdf` does not wait for it. */
  warmUp(): Promise<void>;
  setEmbedder(request: EmbedderRequest, onProgress?: ProgressCallback): Promise<EmbedderStatus>;
  listChunks(): Promise<Chunk[]>;
  /** Throws `storage-corrupt` when a snapshot would not load; loads nothing. */
  checkSnapshot(bytes: Uint8Array): Promise<void>;
  /** One document as bytes, to undo its removal with `restoreDocument`. */
  exportDocument(id: string): Promise<Uint8Array>;
  restoreDocument(bytes: Uint8Array): Promise<PlaybookDocument>;
}

export interface PlaybookHostDeps {
  library: PlaybookLibrary;
  createEmbedder: (pref: EmbedderPreference) => Promise<EmbedderChoice>;
  /** Word meaning for the agents (the worker loads the word-vector file once, on first use). */
  meaning: () => Promise<WordMeaning>;
  /** Host-specific defaults merged into transformers requests (e.g. bundled ORT wasm paths). */
  transformersDefaults?: Partial<Extract<EmbedderPreference, { kind: 'transformers' }>>;
  /** Marks a result's buffers for transfer (Comlink.transfer in a worker). */
  transfer?: <T>(value: T, transferables: Transferable[]) => T;
  /** Preloads the PDF reader (the worker passes pdf.js' dynamic import). */
  warmUp?: () => Promise<unknown>;
}

/** Builds the exposed host object around a library. */
export function createPlaybookHost(deps: PlaybookHostDeps): PlaybookHostApi {
  const { library } = deps;
  const transfer = deps.transfer ?? (<T>(value: T) => value);
  return {
    listDocuments: () => library.listDocuments(),
    stats: () => library.stats(),
    addPdf: (name, bytes, onProgress, opts) => library.addPdf(name, bytes, onProgress, opts),
    whenVectorsReady: () => library.whenVectorsReady(),
    warmUp: async () => {
      await deps.warmUp?.();
    },
    removeDocument: (id) => library.removeDocument(id),
    setWinner: (id) => library.setWinner(id),
    search: (query, k) => library.search(query, k),
    listChunks: () => library.listChunks(),
    exportSnapshot: async () => {
      const bytes = await library.exportSnapshot();
      return transfer(bytes, [bytes.buffer]);
    },
    loadSnapshot: (bytes) => library.loadSnapshot(bytes),
    checkSnapshot: async (bytes) => {
      decodeSnapshot(bytes);
    },
    wordSimilarity: async (a, b) => (await deps.meaning()).wordSimilarity(a, b),
    nearestTerms: async (phrase, candidates, k) => (await deps.meaning()).nearestTerms(phrase, candidates, k),
    embedSentence: async (text) => {
      const v = await (await deps.meaning()).embedSentence(text);
      return transfer(v, [v.buffer]);
    },
    knows: async (text) => (await deps.meaning()).knows(text),
    exportDocument: async (id) => {
      const bytes = await library.exportDocument(id);
      return transfer(bytes, [bytes.buffer]);
    },
    restoreDocument: (bytes) => library.restoreDocument(bytes),
    async setEmbedder(request, onProgress) {
      if (request.kind !== 'builtin' && request.kind !== 'transformers' && request.kind !== 'word-vectors') {
        throw new AppError('internal', 'Unknown embedder kind.');
      }
      const pref: EmbedderPreference = request.kind === 'transformers' ? { ...deps.transformersDefaults, ...request, onProgress } : request;
      const choice = await deps.createEmbedder(pref);
      const { reembedded } = await library.setEmbedder(choice.embedder, onProgress);
      return {
        embedder: choice.embedder.id,
        dims: choice.embedder.dims,
        reembedded,
        ...(choice.fallbackReason ? { fallbackReason: choice.fallbackReason } : {}),
      };
    },
  };
}
