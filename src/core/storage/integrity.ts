/**
 * Checksummed byte records: the client database and the playbook index are stored (and
 * exported) with the SHA-256 of their bytes, so flipped or zeroed bytes are detected on load
 * instead of loading silently and failing later.
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';

/** A byte record as stored: the bytes, their SHA-256 (hex) and when they were saved. */
export interface SealedBytes {
  kind: 'sealed-bytes';
  sha256: string;
  bytes: Uint8Array;
  savedAt: string;
}

export const sealedBytesSchema = z.object({
  kind: z.literal('sealed-bytes'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.instanceof(Uint8Array),
  savedAt: z.string(),
});

/** Lower-case hex SHA-256 of `bytes` (Web Crypto: browsers, workers and Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function seal(bytes: Uint8Array, savedAt = new Date().toISOString()): Promise<SealedBytes> {
  return { kind: 'sealed-bytes', sha256: await sha256Hex(bytes), bytes, savedAt };
}

/**
 * A sealed record whose bytes are a Blob, made where the bytes are (a worker): storing it costs
 * the main thread no hashing and no copy. It reads back from storage as `SealedBytes`.
 */
export interface SealedBlob extends Omit<SealedBytes, 'bytes'> {
  bytes: Blob;
}

export async function sealBlob(bytes: Uint8Array, type = 'application/octet-stream', savedAt = new Date().toISOString()): Promise<SealedBlob> {
  const sha256 = await sha256Hex(bytes);
  return { kind: 'sealed-bytes', sha256, bytes: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), savedAt };
}

/**
 * The bytes of a stored record after checking its checksum; `storage-corrupt` naming `what`
 * when the record is missing its checksum, is of the wrong type, or its bytes changed.
 */
export async function unseal(value: unknown, what: string): Promise<Uint8Array> {
  const parsed = sealedBytesSchema.safeParse(value);
  if (!parsed.success) throw new AppError('storage-corrupt', `The saved ${what} is not in the expected format.`);
  if ((await sha256Hex(parsed.data.bytes)) !== parsed.data.sha256) {
    throw new AppError('storage-corrupt', `The saved ${what} is damaged (its checksum does not match).`);
  }
  return parsed.data.bytes;
}
