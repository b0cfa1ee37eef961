import { describe, expect, it } from 'vitest';
import { clusteredVectors } from '../bench/retrieval-bench.ts';
import { FlatIndex } from './flat-index.ts';
import { QuantizedIndex } from './quantized-index.ts';

const dims = 40; // not a multiple of 16: exercises code padding
const n = 600;
const nq = 30;
const all = clusteredVectors(n + nq, dims, 8, 5);
const vectors = all.slice(0, n * dims);
const ids = Int32Array.from({ length: n }, (_, i) => 10 + i * 7);
const query = (q: number) => all.slice((n + q) * dims, (n + q + 1) * dims);

function recallAt5(index: QuantizedIndex): number {
  const flat = new FlatIndex();
  flat.build(ids, vectors, dims);
  let hits = 0;
  for (let q = 0; q < nq; q++) {
    const want = new Set(flat.search(query(q), 5).map((h) => h.id));
    hits += index.search(query(q), 5).filter((h) => want.has(h.id)).length;
  }
  return hits / (nq * 5);
}

describe('QuantizedIndex', () => {
  for (const simd of [true, false]) {
    describe(simd ? 'wasm SIMD kernel' : 'plain JS kernel', () => {
      const index = new QuantizedIndex({ simd });
      index.build(ids, vectors, dims);

      it('uses the requested kernel', () => {
        expect(index.kind).toBe('int8');
        expect(index.size).toBe(n);
        expect(index.kernel).toBe(simd ? 'wasm-simd' : 'js');
      });

      it('finds the exact top 5 on clustered vectors, with exact scores', () => {
        expect(recallAt5(index)).toBeGreaterThanOrEqual(0.99);
        const flat = new FlatIndex();
        flat.build(ids, vectors, dims);
        const got = index.search(query(0), 5);
        const want = flat.search(query(0), 5);
        expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 6));
      });

      it('returns every vector, best first, when k exceeds the size', () => {
        const hits = index.search(query(1), n + 10);
        expect(hits).toHaveLength(n);
        for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
      });
    });
  }

  it('scans the same integer dot products with either kernel', () => {
    const a = new QuantizedIndex({ simd: true, oversample: 1 });
    const b = new QuantizedIndex({ simd: false, oversample: 1 });
    a.build(ids, vectors, dims);
    b.build(ids, vectors, dims);
    for (let q = 0; q < 5; q++) expect(a.search(query(q), 10)).toEqual(b.search(query(q), 10));
  });

  it('copies its input, handles empty and zero vectors, and rebuilds', () => {
    const index = new QuantizedIndex();
    expect(index.search(query(0), 5)).toEqual([]);
    const v = new Float32Array(3 * dims);
    v[dims] = 1; // row 1 is a unit vector; rows 0 and 2 are zero
    index.build(Int32Array.from([1, 2, 3]), v, dims);
    v.fill(0);
    const q = new Float32Array(dims);
    q[0] = 1;
    expect(index.search(q, 1)).toEqual([{ id: 2, score: 1 }]);
    index.build(new Int32Array(0), new Float32Array(0), dims);
    expect(index.size).toBe(0);
    expect(index.search(q, 3)).toEqual([]);
  });

  it('rejects mismatched shapes with an internal error', () => {
    const index = new QuantizedIndex();
    expect(() => index.build(Int32Array.from([1]), new Float32Array(3), 4)).toThrow(/Expected 4/);
    index.build(ids, vectors, dims);
    expect(() => index.search(new Float32Array(3), 5)).toThrow(/3 dimensions/);
  });
});
