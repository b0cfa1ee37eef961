import { describe, expect, it } from 'vitest';
import { bestWindowSimilarity, cosine, levenshteinSimilarity } from './similarity.ts';

describe('similarity', () => {
  it('cosine of hand-picked vectors', () => {
    // (1,0)·(0.6,0.8) = 0.6, both unit length
    expect(cosine(Float32Array.of(1, 0), Float32Array.of(0.6, 0.8))).toBeCloseTo(0.6, 6);
    expect(cosine(Float32Array.of(0, 0), Float32Array.of(1, 0))).toBe(0);
  });

  it('normalized Levenshtein: kitten → sitting is 3 edits over 7 chars', () => {
    // 1 − 3/7 = 0.571428…
    expect(levenshteinSimilarity('kitten', 'sitting')).toBeCloseTo(4 / 7, 10);
  });

  it('finds a short reference inside a long JSON passage', () => {
    const passage = '{"name":"TechGiant","industry":"Electronics","ytd_spend":120000,"region":"West"}';
    expect(bestWindowSimilarity('$120,000', passage)).toBe(1); // normalized "120000" is a substring
    expect(bestWindowSimilarity('Electronics', passage)).toBe(1);
    // no window of the record is within half an edit-length of "retail media network"
    expect(bestWindowSimilarity('Retail Media Network', passage)).toBeLessThan(0.5);
  });

  it('tolerates a typo via the best window', () => {
    // "techgaint" vs window "techgiant": 2 substitutions over 9 chars → 1 − 2/9 = 0.777…
    expect(bestWindowSimilarity('TechGaint', 'client TechGiant in West')).toBeCloseTo(7 / 9, 10);
  });
});

describe('number guard', () => {
  it('a window with a different number is not a match', () => {
    // plain Levenshtein would give "120000" vs "100" 1 − 3/6 = 0.5 (relevant); the guard makes it 0
    expect(bestWindowSimilarity('$120,000', 'Gifts: at most $100 per client contact per year.')).toBe(0);
    expect(bestWindowSimilarity('net 60', 'payment terms net 30')).toBe(0);
    expect(bestWindowSimilarity('net 60', 'payment_terms: net 60')).toBe(1);
  });
});
