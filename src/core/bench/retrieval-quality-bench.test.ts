import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';
import { createPdfTextExtractor } from '../playbook/pdf-text.ts';
import { benchRetrievalQuality } from './retrieval-quality-bench.ts';

const demo = new Uint8Array(readFileSync(new URL('../../../data/playbook.pdf', import.meta.url)));

describe('benchRetrievalQuality', () => {
  it('scores every ranking and subset per embedder, with costs, and reports embedders that cannot load', async () => {
    const r = await benchRetrievalQuality(
      [
        {
          name: 'demo',
          bytes: demo,
          queries: [
            { id: 'a', query: 'net 60 payment terms', headings: ['Payment Terms'], kind: 'exact', split: 'tune' },
            { id: 'b', query: 'who approves a bigger discount', headings: ['Discounts and Approvals'], kind: 'paraphrase', split: 'test' },
          ],
        },
      ],
      [
        { label: 'hash', load: async () => new BuiltinEmbedder(), fileBytes: 0 },
        { label: 'minilm', load: () => Promise.reject(new Error('no model files here')), fileBytes: 0 },
      ],
      createPdfTextExtractor(),
    );
    expect(r).toMatchObject({ queries: 2, paraphrased: 1 });
    expect(r.embedders[0]).toMatchObject({ label: 'hash', id: 'builtin-hash-384', available: true, dims: 384, index_recall_at_5: 1 });
    expect(r.embedders[0].ingest_pages_per_s).toBeGreaterThan(0);
    expect(r.embedders[1]).toEqual({ label: 'minilm', id: null, available: false, reason: 'no model files here', vector_file_bytes: 0 });
    expect(r.rows).toHaveLength(3 * 7);
    expect(r.rows.find((x) => x.ranking === 'keyword' && x.subset === 'exact')).toMatchObject({ queries: 1, hitAt1: 1, mrr: 1 });
    expect(r.rows.find((x) => x.ranking === 'hybrid' && x.subset === 'alt-paraphrase')).toMatchObject({ queries: 0 });
  });
});
