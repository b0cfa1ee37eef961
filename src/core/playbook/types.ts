/** A document in the playbook library. */
export interface PlaybookDocument {
  id: string;
  name: string;
  pages: number;
  chunks: number;
  bytes: number;
  addedAt: string;
  /** SHA-256 of the passages (see content-hash.ts); absent on documents saved before it existed. */
  contentHash?: string;
  /** The rep marked this document as the one that wins when documents disagree (at most one does). */
  wins?: boolean;
}

/** A retrievable passage with where it came from. */
export interface Chunk {
  id: number;
  docId: string;
  docName: string;
  page: number;
  heading: string;
  text: string;
}

export interface SearchHit {
  chunk: Chunk;
  /** Fused score (higher is better). */
  score: number;
  vectorScore?: number;
  keywordScore?: number;
  /** The passage's document is the one marked to win when documents disagree. */
  wins?: boolean;
}

export interface Progress {
  phase: 'reading' | 'chunking' | 'embedding' | 'indexing' | 'saving' | 'loading-model';
  done: number;
  total: number;
}
export type ProgressCallback = (p: Progress) => void;

/** Turns text into unit-length vectors. */
export interface Embedder {
  /** Stable identity: the index is rebuilt when it changes. */
  readonly id: string;
  readonly dims: number;
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Lazy embedders (data loaded on first use): resolves once `id` and `dims` are final. */
  ready?(): Promise<void>;
}

export type VectorIndexKind = 'flat' | 'voy' | 'int8';

/** Nearest-neighbour search by cosine similarity over unit vectors. */
export interface VectorIndex {
  readonly kind: VectorIndexKind;
  readonly size: number;
  /** Replace contents; vectors are row-major in one Float32Array (size × dims). */
  build(ids: Int32Array, vectors: Float32Array, dims: number): void;
  search(query: Float32Array, k: number): { id: number; score: number }[];
}

export interface PlaybookStats {
  documents: number;
  chunks: number;
  embedder: string;
  index: VectorIndexKind;
  /**
   * False while vectors are still being embedded/indexed in the background: `search` then
   * answers from keywords alone. Absent means ready (older hosts).
   */
  vectorsReady?: boolean;
}

/** The playbook library and its hybrid index, whether in process or behind a worker proxy. */
export interface PlaybookIndex {
  listDocuments(): Promise<PlaybookDocument[]>;
  stats(): Promise<PlaybookStats>;
  /** Parse, chunk, embed and index a PDF. All-or-nothing: a bad PDF leaves the index unchanged. */
  addPdf(name: string, bytes: Uint8Array, onProgress?: ProgressCallback): Promise<PlaybookDocument>;
  removeDocument(id: string): Promise<void>;
  /** Marks the document that wins when documents disagree (`null`: none does). */
  setWinner(id: string | null): Promise<void>;
  search(query: string, k?: number): Promise<SearchHit[]>;
  /** Serializable snapshot (chunks + vectors as bytes), for persistence. */
  exportSnapshot(): Promise<Uint8Array>;
  loadSnapshot(bytes: Uint8Array): Promise<void>;
}
