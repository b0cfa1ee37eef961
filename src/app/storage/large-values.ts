/**
 * Large byte records (the client database, the playbook index) are stored in IndexedDB as Blobs.
 * Putting a Uint8Array makes the main thread serialize (and compress) every byte inside the put:
 * 0.5 s for a 100,000-client book on a quiet machine, several seconds under load. Putting a Blob
 * costs one copy into the Blob; IndexedDB then reads it off the main thread. Reading turns the
 * Blob back into bytes, so callers see the same Uint8Array either way (and old records stored as
 * bytes still read as they are).
 */

/** Byte records from this size on are stored as Blobs. */
export const BLOB_THRESHOLD = 256 * 1024;

/** The value to hand to IndexedDB. */
export function toStored(value: unknown): unknown {
  if (value instanceof Uint8Array && value.byteLength >= BLOB_THRESHOLD) {
    return new Blob([value as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
  }
  return value;
}

/** The value as it was given to `toStored`. */
export async function fromStored<T>(value: unknown): Promise<T> {
  if (typeof Blob !== 'undefined' && value instanceof Blob) return new Uint8Array(await value.arrayBuffer()) as T;
  return value as T;
}
