import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPdfTextExtractor } from '../playbook/pdf-text.ts';
import { benchIngest, benchRetrieval, clusteredVectors } from './retrieval-bench.ts';

describe('retrieval bench', () => {
  it('reports one row per size with voy and int8 recall on clustered vectors', async () => {
    const rows = await benchRetrieval([200, 400], 32, { queries: 10 });
    expect(rows.map((r) => r.chunks)).toEqual([200, 400]);
    for (const r of rows) {
      expect(r.recall_at_5).toBe(1); // voy's k-d tree search is exact
      expect(r.int8_recall_at_5).toBeGreaterThanOrEqual(0.99); // exact re-rank of 8× candidates
      expect(r.default_index).toBe('int8'); // the library's default
      expect(r.default_recall_at_5).toBe(r.int8_recall_at_5);
      expect(r.index_p50_ms).toBe(r.int8_p50_ms);
      expect(r.int8_kernel).toBe('wasm-simd');
      expect(r.voy_p50_ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('measures the index kind it is told to as the default', async () => {
    const [r] = await benchRetrieval([100], 16, { queries: 4, defaultIndex: 'flat' });
    expect(r.default_index).toBe('flat');
    expect(r.index_p50_ms).toBe(r.flat_p50_ms);
    expect(r.default_recall_at_5).toBe(1);
  });

  it('makes unit vectors that are clustered, not uniform', () => {
    const v = clusteredVectors(100, 16, 2, 1);
    const norm = v.subarray(0, 16).reduce((s, x) => s + x * x, 0);
    expect(norm).toBeCloseTo(1, 5);
    // One cluster: every pair is similar; many clusters: most pairs are not.
    const meanSim = (clusters: number) => {
      const w = clusteredVectors(60, 16, clusters, 3);
      let sum = 0;
      for (let j = 1; j < 60; j++) for (let d = 0; d < 16; d++) sum += w[d] * w[j * 16 + d];
      return sum / 59;
    };
    expect(meanSim(1)).toBeGreaterThan(0.4);
    expect(meanSim(50)).toBeLessThan(0.25);
  });

  it('measures ingestion speed of the demo playbook', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../data/playbook.pdf', import.meta.url)));
    const r = await benchIngest(bytes, createPdfTextExtractor(), 1);
    expect(r.pages).toBe(9);
    expect(r.pages_per_s).toBeGreaterThan(0);
  });
});
