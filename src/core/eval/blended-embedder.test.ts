import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';
import { BlendedEmbedder } from './blended-embedder.ts';
import { LexicalEmbedder } from './lexical-embedder.ts';
import { cosine } from './similarity.ts';

describe('BlendedEmbedder', () => {
  it("gives the weighted sum of the parts' cosines and names both parts", async () => {
    const a = new BuiltinEmbedder();
    const b = new LexicalEmbedder();
    const blend = new BlendedEmbedder([
      { embedder: a, weight: 3 },
      { embedder: b, weight: 1 },
    ]);
    expect(blend.id).toBe('blend(builtin-hash-384*0.75+lexical-bow-256*0.25)');
    expect(blend.dims).toBe(384 + 256);
    const texts = ['discount approval for a renewal', 'who approves a discount on a renewal'];
    const [x, y] = await blend.embed(texts);
    const [ax, ay] = await a.embed(texts);
    const [bx, by] = await b.embed(texts);
    expect(cosine(x, y)).toBeCloseTo(0.75 * cosine(ax, ay) + 0.25 * cosine(bx, by), 5);
  });
});
