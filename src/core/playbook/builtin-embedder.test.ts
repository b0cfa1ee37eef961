import { describe, expect, it } from 'vitest';
import { BUILTIN_EMBEDDER_ID, BuiltinEmbedder } from './builtin-embedder.ts';
import { stem, terms } from './text-features.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('BuiltinEmbedder', () => {
  const e = new BuiltinEmbedder();

  it('is deterministic, 384-d and unit length', async () => {
    const [a, b] = await e.embed(['Discount approval thresholds', 'Discount approval thresholds']);
    expect(e.id).toBe(BUILTIN_EMBEDDER_ID);
    expect(a.length).toBe(384);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(dot(a, a)).toBeCloseTo(1, 5);
  });

  it('maps word variants together and ignores stop-words', () => {
    expect(stem('discounts')).toBe(stem('discount'));
    expect(stem('approval')).toBe(stem('approved'));
    expect(stem('pricing')).toBe(stem('price'));
    expect(stem('renewals')).toBe(stem('renew'));
    expect(terms('What is the policy on the renewals?')).toEqual(['policy', 'renew']);
    expect(terms('$25,000 or more')).toEqual(['25000']);
  });

  it('scores a related passage above an unrelated one', async () => {
    const [q, related, other] = await e.embed([
      'who approves a 15% discount',
      'Discounts and Approvals: more than 10% and up to 20% needs the sales manager approval.',
      'Travel and Expenses: book travel through the corporate travel portal.',
    ]);
    expect(dot(q, related)).toBeGreaterThan(dot(q, other) + 0.1);
  });

  it('returns an all-zero vector for stop-word-only text (no false matches)', async () => {
    const [v] = await e.embed(['the and of']);
    expect(v.every((x) => x === 0)).toBe(true);
  });
});
