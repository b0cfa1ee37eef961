import { describe, expect, it } from 'vitest';
import { BLOB_THRESHOLD, fromStored, toStored } from './large-values.ts';

describe('large byte records', () => {
  it('stores big byte arrays as Blobs and reads them back as the same bytes', async () => {
    const bytes = Uint8Array.from({ length: BLOB_THRESHOLD + 7 }, (_, i) => i % 251);
    const stored = toStored(bytes);
    expect(stored).toBeInstanceOf(Blob);
    expect(await fromStored<Uint8Array>(stored)).toEqual(bytes);
  });

  it('leaves small values and everything else as they are', async () => {
    const small = new Uint8Array([1, 2, 3]);
    expect(toStored(small)).toBe(small);
    expect(toStored({ a: 1 })).toEqual({ a: 1 });
    expect(await fromStored(small)).toBe(small);
    expect(await fromStored('text')).toBe('text');
  });
});

describe('large checksummed records', () => {
  const sealed = (bytes: Uint8Array | Blob) => ({ kind: 'sealed-bytes', sha256: 'a'.repeat(64), bytes, savedAt: '2025-01-01T00:00:00.000Z' });

  it('stores the bytes of a big checksummed record as a Blob and reads the same record back', async () => {
    const bytes = Uint8Array.from({ length: BLOB_THRESHOLD }, (_, i) => i % 13);
    const stored = toStored(sealed(bytes)) as { bytes: unknown; sha256: string };
    expect(stored.bytes).toBeInstanceOf(Blob);
    expect(stored.sha256).toBe('a'.repeat(64));
    expect(await fromStored(stored)).toEqual(sealed(bytes));
  });

  it('keeps a Blob made in a worker as it is and reads it back as bytes', async () => {
    const blob = new Blob([new Uint8Array([5, 6, 7])]);
    expect(toStored(sealed(blob))).toEqual(sealed(blob));
    expect(await fromStored(sealed(blob))).toEqual(sealed(new Uint8Array([5, 6, 7])));
  });

  it('leaves small checksummed records as bytes', () => {
    const small = sealed(new Uint8Array([1]));
    expect(toStored(small)).toBe(small);
  });
});
