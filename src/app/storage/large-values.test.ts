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
