import { describe, expect, it } from 'vitest';
import { loadWordVectorsFile } from '../../../scripts/lib/word-vectors-file.ts';
import { decodeWordVectors, encodeWordVectors, quantize, type WordVectorsData } from './word-vectors.ts';

function sample(): WordVectorsData {
  const words = ['price', 'discount', 'café'];
  const dims = 3;
  const rows = [
    [0.5, -1, 0.25],
    [0.4, -0.9, 0.3],
    [0, 0, 2],
  ];
  const scales = new Float32Array(3);
  const vectors = new Int8Array(9);
  rows.forEach((r, i) => {
    const { scale, q } = quantize(r);
    scales[i] = scale;
    vectors.set(q, i * dims);
  });
  return {
    meta: { source: 'test', dims, count: 3, sourceSize: 1000, commonComponent: [1, 0, 0] },
    words,
    ranks: Uint32Array.from([10, 20, 900]),
    scales,
    vectors,
  };
}

describe('word-vector file format', () => {
  it('round-trips words (UTF-8), ranks, scales, vectors and metadata', () => {
    const data = sample();
    const back = decodeWordVectors(encodeWordVectors(data));
    expect(back.meta).toEqual(data.meta);
    expect(back.words).toEqual(['price', 'discount', 'café']);
    expect([...back.ranks]).toEqual([10, 20, 900]);
    expect([...back.scales]).toEqual([...data.scales]);
    expect([...back.vectors]).toEqual([...data.vectors]);
  });

  it('quantizes to int8 with one scale per vector, within half a step', () => {
    const v = [0.3, -0.7, 0.01, 0.69];
    const { scale, q } = quantize(v);
    expect(Math.max(...[...q].map(Math.abs))).toBe(127);
    v.forEach((x, i) => expect(Math.abs(q[i] * scale - x)).toBeLessThanOrEqual(scale / 2 + 1e-9));
  });

  it('rejects damaged files with a model-unavailable error', () => {
    const bytes = encodeWordVectors(sample());
    expect(() => decodeWordVectors(new TextEncoder().encode('{"not":"vectors"}'))).toThrow(expect.objectContaining({ code: 'model-unavailable' }));
    expect(() => decodeWordVectors(bytes.subarray(0, bytes.length - 1))).toThrow(/damaged \(truncated body\)/);
    const wrongVersion = bytes.slice();
    wrongVersion[4] = 9;
    expect(() => decodeWordVectors(wrongVersion)).toThrow(/version 9/);
  });

  it('the committed file loads from disk: 100 dims, frequent words first, every playbook word included', async () => {
    const data = await loadWordVectorsFile();
    expect(data.meta.dims).toBe(100);
    expect(data.meta.count).toBeGreaterThan(40_000);
    expect(data.words.slice(0, 3)).toEqual(['the', 'of', 'to']);
    const known = new Set(data.words);
    // Rare in news text, but they are words of the shipped playbooks.
    for (const w of ['influencer', 'hospitality', 'nonprofit', 'invoice']) expect(known.has(w)).toBe(true);
    expect(known.has('battlecards')).toBe(false); // not in the source vocabulary: keyword search covers it
    expect(data.meta.commonComponent).toHaveLength(100);
  });
});
