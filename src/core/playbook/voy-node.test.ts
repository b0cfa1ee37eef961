// Separate file: the Node loader must not share a module graph with the bundled voy glue.
import { describe, expect, it } from 'vitest';
import { VoyIndex } from './voy-index.ts';
import { loadVoyNode } from './voy-node.ts';

describe('loadVoyNode', () => {
  it('instantiates voy by hand and finds exact neighbours', async () => {
    const index = await VoyIndex.create(loadVoyNode);
    const dims = 3;
    const s = Math.SQRT1_2;
    index.build(Int32Array.from([10, 20, 30]), Float32Array.from([1, 0, 0, 0, 1, 0, s, s, 0]), dims);
    const hits = index.search(Float32Array.from([1, 0, 0]), 2);
    expect(hits.map((h) => h.id)).toEqual([10, 30]);
    expect(hits[0].score).toBeCloseTo(1, 6);
    expect(hits[1].score).toBeCloseTo(s, 6);
    expect(await loadVoyNode()).toBe(await loadVoyNode());
  });
});
