import { describe, expect, it } from 'vitest';
import { fuse, RRF_K } from './hybrid.ts';
import { KeywordIndex } from './keyword-index.ts';
import type { Chunk } from './types.ts';

const chunk = (id: number, heading: string, text: string): Chunk => ({ id, docId: 'd', docName: 'D', page: 1, heading, text });
const chunks = [
  chunk(0, 'Discounts and Approvals', 'Up to 10%: the rep may give it at their own discretion.'),
  chunk(1, 'Payment Terms', 'Standard terms are net 30. Net 60 needs finance approval.'),
  chunk(2, 'Travel and Expenses', 'Book travel through the corporate travel portal.'),
];

describe('fuse', () => {
  it('ranks items found by both lists first and keeps both scores', () => {
    const byId = new Map(chunks.map((c) => [c.id, c]));
    const hits = fuse(
      [
        { id: 2, score: 0.9 },
        { id: 1, score: 0.5 },
      ],
      [
        { id: 1, score: 7 },
        { id: 0, score: 3 },
      ],
      (id) => byId.get(id),
      3,
    );
    expect(hits.map((h) => h.chunk.id)).toEqual([1, 2, 0]);
    expect(hits[0]).toMatchObject({ vectorScore: 0.5, keywordScore: 7 });
    expect(hits[0].score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1), 10);
    expect(hits[1].keywordScore).toBeUndefined();
  });
});

describe('KeywordIndex', () => {
  it('matches stemmed exact terms, boosts headings, and does no fuzzy or prefix matching', () => {
    const kw = new KeywordIndex();
    kw.build(chunks);
    expect(kw.search('discounts', 3).map((r) => r.id)).toEqual([0]);
    expect(kw.search('approvals needed for net 60', 3)[0].id).toBe(1);
    expect(kw.search('trav', 3)).toEqual([]);
    expect(kw.search('travle', 3)).toEqual([]);
    expect(kw.size).toBe(3);
  });
});
