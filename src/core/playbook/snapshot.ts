/**
 * Library snapshot codec: one Uint8Array holding a versioned header, the chunks and documents
 * as JSON, and all vectors as raw little-endian Float32 bytes (never voy's JSON).
 * Layout: "PBIX" | u32 version | u32 jsonBytes | json | pad to 4 | f32[chunks × dims].
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Chunk, PlaybookDocument } from './types.ts';

export const SNAPSHOT_VERSION = 1;
const MAGIC = [0x50, 0x42, 0x49, 0x58]; // "PBIX"
const HEADER = 12;

export interface SnapshotData {
  embedderId: string;
  dims: number;
  documents: PlaybookDocument[];
  chunks: Chunk[];
  /** Row-major, chunks.length × dims, in chunk order. */
  vectors: Float32Array;
}

const chunkSchema = z.object({
  id: z.number().int(),
  docId: z.string(),
  docName: z.string(),
  page: z.number().int().min(1),
  heading: z.string(),
  text: z.string(),
});
const docSchema = z.object({
  id: z.string(),
  name: z.string(),
  pages: z.number().int().min(0),
  chunks: z.number().int().min(0),
  bytes: z.number().int().min(0),
  addedAt: z.string(),
  contentHash: z.string().optional(),
  wins: z.boolean().optional(),
});
const metaSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  embedderId: z.string().min(1),
  dims: z.number().int().min(1).max(4096),
  documents: z.array(docSchema),
  chunks: z.array(chunkSchema),
});

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Serialises library state into one byte array. */
export function encodeSnapshot(data: SnapshotData): Uint8Array {
  const json = new TextEncoder().encode(
    JSON.stringify({ version: SNAPSHOT_VERSION, embedderId: data.embedderId, dims: data.dims, documents: data.documents, chunks: data.chunks }),
  );
  const vecOffset = align4(HEADER + json.length);
  const out = new Uint8Array(vecOffset + data.vectors.length * 4);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, SNAPSHOT_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, HEADER);
  if (littleEndian) out.set(new Uint8Array(data.vectors.buffer, data.vectors.byteOffset, data.vectors.byteLength), vecOffset);
  else data.vectors.forEach((v, i) => view.setFloat32(vecOffset + i * 4, v, true));
  return out;
}

/** Parses and validates a snapshot; anything malformed is `storage-corrupt`. */
export function decodeSnapshot(bytes: Uint8Array): SnapshotData {
  const corrupt = (why: string) => new AppError('storage-corrupt', `The saved playbook index is damaged (${why}).`);
  if (bytes.length < HEADER || MAGIC.some((b, i) => bytes[i] !== b)) throw corrupt('bad header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== SNAPSHOT_VERSION) throw corrupt(`unknown version ${version}`);
  const jsonLength = view.getUint32(8, true);
  if (HEADER + jsonLength > bytes.length) throw corrupt('truncated');
  let meta: z.infer<typeof metaSchema>;
  try {
    meta = metaSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEADER, HEADER + jsonLength))));
  } catch {
    throw corrupt('bad metadata');
  }
  const vecOffset = align4(HEADER + jsonLength);
  const count = meta.chunks.length * meta.dims;
  if (bytes.length !== vecOffset + count * 4) throw corrupt('vector size mismatch');
  const vectors = new Float32Array(count);
  for (let i = 0; i < count; i++) vectors[i] = view.getFloat32(vecOffset + i * 4, true);
  if (!vectors.every(Number.isFinite)) throw corrupt('non-finite vector');
  const ids = new Set(meta.chunks.map((c) => c.id));
  if (ids.size !== meta.chunks.length) throw corrupt('duplicate chunk ids');
  return { embedderId: meta.embedderId, dims: meta.dims, documents: meta.documents, chunks: meta.chunks, vectors };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
