import { describe, expect, it } from 'vitest';
import { seal, sealBlob, sha256Hex, unseal } from './integrity.ts';

describe('sealed bytes', () => {
  it('round-trips bytes with their SHA-256', async () => {
    const bytes = new TextEncoder().encode('abc');
    expect(await sha256Hex(bytes)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const sealed = await seal(bytes, '2026-12-02T00:00:00.000Z');
    expect(await unseal(sealed, 'client database')).toEqual(bytes);
  });

  it('refuses flipped bytes, a missing checksum or a record of the wrong type, naming what it is', async () => {
    const sealed = await seal(new Uint8Array(4096).fill(7));
    const flipped = { ...sealed, bytes: sealed.bytes.slice() };
    flipped.bytes[2048] ^= 1;
    await expect(unseal(flipped, 'client database')).rejects.toMatchObject({
      code: 'storage-corrupt',
      message: expect.stringContaining('client database is damaged'),
    });
    await expect(unseal(sealed.bytes, 'playbook index')).rejects.toMatchObject({ code: 'storage-corrupt', message: expect.stringContaining('playbook index') });
    await expect(unseal({ ...sealed, sha256: undefined }, 'x')).rejects.toMatchObject({ code: 'storage-corrupt' });
  });

  it('seals into a Blob the same checksum the bytes have', async () => {
    const bytes = new TextEncoder().encode('abc');
    const sealed = await sealBlob(bytes, 'application/x-sqlite3', '2026-12-02T00:00:00.000Z');
    expect(sealed).toMatchObject({ kind: 'sealed-bytes', sha256: await sha256Hex(bytes), savedAt: '2026-12-02T00:00:00.000Z' });
    expect(sealed.bytes.type).toBe('application/x-sqlite3');
    const read = new Uint8Array(await sealed.bytes.arrayBuffer());
    expect(await unseal({ ...sealed, bytes: read }, 'client database')).toEqual(bytes);
  });
});
