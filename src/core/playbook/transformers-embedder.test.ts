import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_EMBEDDER_ID } from './builtin-embedder.ts';
import { createEmbedder, TransformersEmbedder } from './transformers-embedder.ts';

// The tiny BERT-shaped fixture made by `npm run data:model-fixture` (offline, local files only).
const localModelPath = fileURLToPath(new URL('../../../public/models/fixture/', import.meta.url));
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('TransformersEmbedder with the tiny model fixture', () => {
  it('loads through transformers.js and returns normalised, mean-pooled vectors', async () => {
    const e = await TransformersEmbedder.load({ modelId: 'tiny-bert', localModelPath, allowRemote: false, dtype: 'fp32' });
    expect(e.dims).toBe(32);
    expect(e.id).toBe('transformers:tiny-bert:fp32');
    const [a, b, c, a2] = await e.embed(['discount approval', 'gold tier spend', 'Discount approval', 'discount approval']);
    expect(dot(a, a)).toBeCloseTo(1, 5);
    // The tokenizer lower-cases, so case does not change the vector; different words do.
    expect(Array.from(c)).toEqual(Array.from(a));
    expect(Array.from(a2)).toEqual(Array.from(a));
    expect(dot(a, b)).toBeLessThan(0.99);
    // Batches of different lengths are padded and masked: a text alone equals the text in a batch.
    const [alone] = await e.embed(['gold tier spend']);
    alone.forEach((x, i) => expect(x).toBeCloseTo(b[i], 5));
  });

  it('falls back to the builtin embedder with a reason when the model is missing', async () => {
    const choice = await createEmbedder({ kind: 'transformers', modelId: 'no-such-model', localModelPath, allowRemote: false });
    expect(choice.embedder.id).toBe(BUILTIN_EMBEDDER_ID);
    expect(choice.fallbackReason).toMatch(/no-such-model/);
    const ok = await createEmbedder({ kind: 'transformers', modelId: 'tiny-bert', localModelPath, allowRemote: false, dtype: 'fp32' });
    expect(ok.fallbackReason).toBeUndefined();
    expect(ok.embedder.dims).toBe(32);
  });
});
