import { describe, expect, it } from 'vitest';
import { benchLookup, syntheticClients } from './lookup-bench.ts';
import { normalizeName } from '../clients/normalize.ts';

describe('syntheticClients', () => {
  it('is deterministic for a seed and has unique normalized names', () => {
    const a = syntheticClients(2000, 7);
    expect(syntheticClients(2000, 7)).toEqual(a);
    expect(syntheticClients(2000, 8)).not.toEqual(a);
    expect(new Set(a.map((c) => normalizeName(c.name))).size).toBe(2000);
  });
});

describe('benchLookup', () => {
  it('reports one row per size and resolves the exact and typo queries', async () => {
    const rows = await benchLookup([60, 2000], 30);
    expect(rows.map((r) => r.clients)).toEqual([60, 2000]);
    for (const r of rows) {
      expect(r.lookups).toBe(30);
      // Exact queries (a third) always resolve; most typo queries too.
      expect(r.found).toBeGreaterThanOrEqual(15);
      expect(r.p50_ms).toBeGreaterThanOrEqual(0);
    }
  });
});
