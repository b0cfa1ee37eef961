/**
 * A document's content fingerprint: SHA-256 over its passages (page, heading, text), so the
 * same PDF imported again is recognised even when its file name or metadata differ, and
 * documents saved before fingerprints existed can be fingerprinted from their stored passages.
 */
import type { Chunk } from './types.ts';

/** Hex SHA-256 of the passages' page, heading and text, in order. */
export async function contentHash(chunks: readonly Pick<Chunk, 'page' | 'heading' | 'text'>[]): Promise<string> {
  const text = chunks.map((c) => `${c.page}\u0001${c.heading}\u0001${c.text}`).join('\u0002');
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
