/**
 * One document cut out of the library's data (its passages and their vectors) as snapshot bytes,
 * and put back in again: what "Undo" after removing a document restores.
 */
import { AppError } from '../errors.ts';
import { decodeSnapshot, encodeSnapshot, type SnapshotData } from './snapshot.ts';
import type { PlaybookDocument } from './types.ts';

/** One document's data, as the library's snapshot codec writes it. */
export function encodeDocument(from: SnapshotData, docId: string): Uint8Array {
  const doc = from.documents.find((d) => d.id === docId);
  if (!doc) throw new AppError('internal', 'That document is no longer in the playbook.');
  const rows: number[] = [];
  from.chunks.forEach((c, row) => c.docId === docId && rows.push(row));
  const vectors = new Float32Array(rows.length * from.dims);
  rows.forEach((row, i) => vectors.set(from.vectors.subarray(row * from.dims, (row + 1) * from.dims), i * from.dims));
  return encodeSnapshot({ ...from, documents: [doc], chunks: rows.map((r) => from.chunks[r]), vectors });
}

/** Reads bytes from `encodeDocument`; anything else is refused. */
export function decodeDocument(bytes: Uint8Array): SnapshotData & { document: PlaybookDocument } {
  const snap = decodeSnapshot(bytes);
  const [document] = snap.documents;
  if (snap.documents.length !== 1 || snap.chunks.some((c) => c.docId !== document.id)) {
    throw new AppError('storage-corrupt', 'The saved document cannot be restored.');
  }
  return { ...snap, document };
}

/**
 * `into` with the archived document added back: its passages get fresh ids after the existing
 * ones, and it takes its old place in the (date-ordered) document list. `vectors` are the
 * archived passages' vectors in the embedder `into` uses.
 */
export function withDocument(into: SnapshotData, archived: SnapshotData & { document: PlaybookDocument }, vectors: Float32Array): SnapshotData {
  const firstId = into.chunks.reduce((max, c) => Math.max(max, c.id), -1) + 1;
  const chunks = archived.chunks.map((c, i) => ({ ...c, id: firstId + i }));
  const documents = [...into.documents];
  const at = documents.findIndex((d) => d.addedAt > archived.document.addedAt);
  documents.splice(at === -1 ? documents.length : at, 0, archived.document);
  const all = new Float32Array(into.vectors.length + vectors.length);
  all.set(into.vectors);
  all.set(vectors, into.vectors.length);
  return { embedderId: into.embedderId, dims: into.dims, documents, chunks: [...into.chunks, ...chunks], vectors: all };
}
