import { describe, expect, it } from 'vitest';
import { FlatIndex } from './flat-index.ts';
import { VoyIndex } from './voy-index.ts';
import { TopK } from './top-k.ts';
import type { VectorIndex } from './types.ts';

/** Seeded unit vectors (mulberry32) so failures are reproducible. */
function randomUnit(n: number, dims: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  const out = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < dims; j++) norm += (out[i * dims + j] = rnd()) ** 2;
    for (let j = 0; j < dims; j++) out[i * dims + j] /= Math.sqrt(norm);
  }
  return out;
}

function bruteForce(ids: Int32Array, vectors: Float32Array, dims: number, q: Float32Array, k: number) {
  return Array.from(ids, (id, row) => ({ id, score: q.reduce((s, x, j) => s + x * vectors[row * dims + j], 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

const dims = 64;
const ids = Int32Array.from({ length: 300 }, (_, i) => 1000 + i * 3);
const vectors = randomUnit(ids.length, dims, 7);
const queries = randomUnit(20, dims, 99);

async function check(index: VectorIndex) {
  index.build(ids, vectors, dims);
  expect(index.size).toBe(300);
  for (let q = 0; q < 20; q++) {
    const query = queries.subarray(q * dims, (q + 1) * dims);
    const got = index.search(query, 5);
    const want = bruteForce(ids, vectors, dims, query, 5);
    expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
    got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 5));
  }
  expect(index.search(queries.subarray(0, dims), 1000)).toHaveLength(300);
  index.build(new Int32Array(0), new Float32Array(0), dims);
  expect(index.search(queries.subarray(0, dims), 5)).toEqual([]);
}

describe('vector indexes agree with brute force', () => {
  it('flat', async () => check(new FlatIndex()));
  it('voy (bundled loader)', async () => check(await VoyIndex.create()));
  it('rejects mismatched query dimensions', () => {
    const flat = new FlatIndex();
    flat.build(ids, vectors, dims);
    expect(() => flat.search(new Float32Array(3), 1)).toThrow(/dimensions/);
  });
});

describe('TopK', () => {
  it('keeps the k best, best first', () => {
    const top = new TopK(3);
    [5, 1, 9, 3, 7, 2].forEach((score, id) => top.push(id, score));
    expect(top.sorted()).toEqual([
      { id: 2, score: 9 },
      { id: 4, score: 7 },
      { id: 0, score: 5 },
    ]);
  });
});
