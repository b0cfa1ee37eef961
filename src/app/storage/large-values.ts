/**
 * Large byte records (the client database, the playbook index) are stored in IndexedDB as Blobs.
 * Putting a Uint8Array makes the main thread serialize (and compress) every byte inside the put:
 * 0.5 s for a 100,000-client book on a quiet machine, several seconds under load. Putting a Blob
 * costs at most one copy into the Blob (none when a worker made it); IndexedDB then reads it off
 * the main thread. Reading turns the Blob back into bytes, so callers see the same Uint8Array
 * either way (and records stored as bytes still read as they are).
 *
 * Both shapes are handled: bare bytes, and a checksummed record (`SealedBytes`, whose `bytes` may
 * already be a Blob made in a worker, see `SealedBlob`). The checksum is of the bytes, so it holds
 * whichever way they are stored.
 */

/** Byte records from this size on are stored as Blobs. */
export const BLOB_THRESHOLD = 256 * 1024;

const isBigBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array && v.byteLength >= BLOB_THRESHOLD;
const isBlob = (v: unknown): v is Blob => typeof Blob !== 'undefined' && v instanceof Blob;
const isSealed = (v: unknown): v is { kind: 'sealed-bytes'; bytes: unknown } =>
  typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'sealed-bytes' && 'bytes' in v;

const blobOf = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });

/** The value to hand to IndexedDB. */
export function toStored(value: unknown): unknown {
  if (isBigBytes(value)) return blobOf(value);
  if (isSealed(value) && isBigBytes(value.bytes)) return { ...value, bytes: blobOf(value.bytes) };
  return value;
}

/** The value as it was given to `toStored` (a Blob made in a worker reads back as its bytes). */
export async function fromStored<T>(value: unknown): Promise<T> {
  if (isBlob(value)) return new Uint8Array(await value.arrayBuffer()) as T;
  if (isSealed(value) && isBlob(value.bytes)) return { ...value, bytes: new Uint8Array(await value.bytes.arrayBuffer()) } as T;
  return value as T;
}
