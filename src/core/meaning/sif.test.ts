import { describe, expect, it } from 'vitest';
import { nodeWordMeaning } from '../../../scripts/lib/word-vectors-file.ts';
import { commonComponentOfWords, normalize, sifWeight, SifModel, zipfProbability } from './sif.ts';
import { LazyEmbedder, SifEmbedder } from './sif-embedder.ts';
import { meaningTokens } from './tokens.ts';
import { quantize, type WordVectorsData } from './word-vectors.ts';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

/** Four words in 3 dims; "the" is the most frequent and points along x (the common direction). */
function tiny(commonComponent: number[] = []): WordVectorsData {
  const rows: [string, number, number[]][] = [
    ['the', 0, [1, 0, 0]],
    ['price', 500, [0.2, 1, 0]],
    ['discount', 900, [0.2, 0.9, 0.3]],
    ['travel', 700, [0.2, 0, 1]],
  ];
  const scales = new Float32Array(rows.length);
  const vectors = new Int8Array(rows.length * 3);
  rows.forEach(([, , v], i) => {
    const { scale, q } = quantize(v);
    scales[i] = scale;
    vectors.set(q, i * 3);
  });
  return {
    meta: { source: 'test', dims: 3, count: 4, sourceSize: 10_000, commonComponent },
    words: rows.map((r) => r[0]),
    ranks: Uint32Array.from(rows, (r) => r[1]),
    scales,
    vectors,
  };
}

describe('meaningTokens', () => {
  it('lower-cases, splits punctuation and hyphens, keeps digits, drops possessives and expands negations', () => {
    expect(meaningTokens("The client's Pre-Roll budget: $25,000!")).toEqual(['the', 'client', 'pre', 'roll', 'budget', '25000']);
    expect(meaningTokens("We can't, they won't, it isn't")).toEqual(['we', 'can', 'not', 'they', 'will', 'not', 'it', 'is', 'not']);
  });
});

describe('SIF', () => {
  it('weights frequent words down and rare words up (Zipf probabilities)', () => {
    expect(zipfProbability(0, 1000)).toBeGreaterThan(zipfProbability(10, 1000));
    expect(sifWeight(0, 400_000)).toBeLessThan(0.01);
    expect(sifWeight(40_000, 400_000)).toBeGreaterThan(0.9);
  });

  it('embeds passages and queries the same way, deterministically, as unit vectors', () => {
    const m = new SifModel(tiny());
    const a = m.embed('The PRICE, the discount.');
    expect(dot(a, a)).toBeCloseTo(1, 5);
    expect([...m.embed('the price the discount')]).toEqual([...a]);
    expect(m.embed('zzz qqq').every((x) => x === 0)).toBe(true);
    expect(m.knownTokens('the price of zzz')).toEqual(['the', 'price']);
  });

  it('removes the common component: sentence vectors end up orthogonal to it', () => {
    const m = new SifModel(tiny([1, 0, 0]));
    const v = m.embed('the price the travel');
    expect(v[0]).toBeCloseTo(0, 6);
    const kept = new SifModel(tiny([1, 0, 0]), { removeCommon: false }).embed('the price the travel');
    expect(kept[0]).toBeGreaterThan(0.05);
  });

  it('finds the common component from the vocabulary alone, dominated by frequent words', () => {
    const d = tiny();
    const rows = d.words.map((_, i) => Array.from(d.vectors.subarray(i * 3, i * 3 + 3), (x) => x * d.scales[i]));
    const u = commonComponentOfWords(rows, d.ranks, d.meta.sourceSize);
    expect(dot(u, u)).toBeCloseTo(1, 5);
    expect(u[0]).toBeGreaterThan(Math.abs(u[2]));
    expect([...normalize(new Float32Array(3))]).toEqual([0, 0, 0]);
  });

  it('on the shipped file, related words are closer than unrelated ones', async () => {
    const meaning = await nodeWordMeaning().meaning();
    expect(meaning.similarity('price cut', 'discount')).toBeGreaterThan(meaning.similarity('price cut', 'travel portal'));
    expect(meaning.similarity('hotel', 'hospitality')).toBeGreaterThan(meaning.similarity('hotel', 'nonprofit'));
    expect(meaning.rank('influencer campaign', ['Influencer Partnerships', 'Search Ads', 'Connected TV'])[0].term).toBe('Influencer Partnerships');
    expect(meaning.rank('price cut', ['discount', 'travel', 'onboarding'])[0].term).toBe('discount');
    expect(meaning.rank('a hotel group', ['Hospitality', 'Education', 'Energy', 'Telecom'])[0].term).toBe('Hospitality');
    expect(meaning.rank('free trial', ['Gifts and Hospitality', 'Pilots', 'Free Trials'])[0].term).toBe('Free Trials');
    expect(meaning.similarity('discount', 'discount')).toBeCloseTo(1, 5);
    expect(meaning.similarity('zzzq', 'discount')).toBe(0);
  });
});

describe('SifEmbedder and LazyEmbedder', () => {
  it('names the file in its id so a different vocabulary re-embeds the index', async () => {
    const e = new SifEmbedder(new SifModel(tiny()));
    expect(e.id).toBe('word-vectors-sif-3d-4');
    expect((await e.embed(['price']))[0]).toHaveLength(3);
  });

  it('answers with the fallback until loaded, then with the loaded embedder', async () => {
    let release: (e: SifEmbedder) => void = () => undefined;
    const lazy = new LazyEmbedder(() => new Promise((r) => (release = r)), new BuiltinEmbedder());
    expect(lazy.id).toBe('builtin-hash-384');
    const pending = lazy.embed(['price']);
    release(new SifEmbedder(new SifModel(tiny())));
    expect((await pending)[0]).toHaveLength(3);
    expect(lazy.id).toBe('word-vectors-sif-3d-4');
  });

  it('keeps the fallback and says why when loading fails', async () => {
    const lazy = new LazyEmbedder(() => Promise.reject(new Error('HTTP 404')), new BuiltinEmbedder());
    await lazy.ready();
    expect(lazy.id).toBe('builtin-hash-384');
    expect(lazy.fallbackReason).toMatch(/404/);
    expect((await lazy.embed(['x']))[0]).toHaveLength(384);
  });
});
