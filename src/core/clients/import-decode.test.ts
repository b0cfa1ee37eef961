import { describe, expect, it } from 'vitest';
import { decodeImportBytes } from './import-decode.ts';

const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const utf16le = (s: string, bom = true) => {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) out[(bom ? 2 : 0) + i * 2] = s.charCodeAt(i);
  return out;
};

describe('decodeImportBytes', () => {
  it('keeps valid UTF-8, with or without a byte-order mark', () => {
    const text = 'name\nCafé Müller GmbH\n';
    expect(decodeImportBytes(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeImportBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads Latin-1 / Windows-1252 bytes as the letters they stand for', () => {
    const bytes = latin1('name\nZoë Crème Brûlée SARL\nMüller AG\nMöller AG\n');
    expect(decodeImportBytes(bytes)).toEqual({ text: 'name\nZoë Crème Brûlée SARL\nMüller AG\nMöller AG\n', encoding: 'windows-1252' });
    // 0x80 is the euro sign in Windows-1252 (a control character in ISO-8859-1).
    expect(decodeImportBytes(Uint8Array.from([0x80, 0x35]))).toMatchObject({ text: '€5' });
  });

  it('reads UTF-16 with a byte-order mark, little- and big-endian', () => {
    expect(decodeImportBytes(utf16le('name\nCafé'))).toEqual({ text: 'name\nCafé', encoding: 'utf-16le' });
    const be = utf16le('name\nCafé').slice(2);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    expect(decodeImportBytes(Uint8Array.from([0xfe, 0xff, ...be]))).toEqual({ text: 'name\nCafé', encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a mark by its zero bytes', () => {
    expect(decodeImportBytes(utf16le('name,industry\nCafé,Food', false))).toEqual({ text: 'name,industry\nCafé,Food', encoding: 'utf-16le' });
  });
});
