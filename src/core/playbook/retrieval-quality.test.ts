import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstHitRank, parseRetrievalSet, scoreRanks } from './retrieval-quality.ts';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('retrieval quality metrics', () => {
  it('ranks the first answering heading (case-insensitive) within the top 10', () => {
    expect(firstHitRank(['A', 'Renewals', 'B'], ['renewals'])).toBe(2);
    expect(firstHitRank(['A', 'B'], ['C'])).toBe(0);
    expect(firstHitRank([...Array(10).fill('x'), 'C'], ['C'])).toBe(0);
  });

  it('computes hit@1, hit@5 and MRR', () => {
    expect(scoreRanks([1, 2, 6, 0])).toEqual({ queries: 4, hitAt1: 0.25, hitAt5: 0.5, mrr: Math.round(((1 + 0.5 + 1 / 6) / 4) * 1000) / 1000 });
    expect(scoreRanks([])).toEqual({ queries: 0, hitAt1: 0, hitAt5: 0, mrr: 0 });
  });

  it('rejects a malformed set with a bad-dataset error', () => {
    expect(() => parseRetrievalSet({ playbooks: [] })).toThrow(expect.objectContaining({ code: 'bad-dataset' }));
  });
});

describe('the labelled set (data/eval/retrieval-quality.json)', () => {
  const set = parseRetrievalSet(JSON.parse(read('data/eval/retrieval-quality.json')));
  const sources: Record<string, string> = { demo: 'data/playbook/playbook.md', alt: 'data/alt/playbook/playbook.md' };

  it('has at least 80 queries over both playbooks, mostly paraphrased, split for tuning and testing', () => {
    const all = set.playbooks.flatMap((p) => p.queries);
    expect(all.length).toBeGreaterThanOrEqual(80);
    expect(set.playbooks.map((p) => p.name)).toEqual(['demo', 'alt']);
    expect(all.filter((q) => q.kind === 'paraphrase').length / all.length).toBeGreaterThan(0.8);
    expect(all.filter((q) => q.split === 'test').length).toBeGreaterThanOrEqual(40);
    expect(new Set(all.map((q) => q.id)).size).toBe(all.length);
  });

  it('labels only headings that exist in that playbook', () => {
    for (const p of set.playbooks) {
      const headings = new Set([...read(sources[p.name]).matchAll(/^## (.+)$/gm)].map((m) => m[1].trim()));
      for (const q of p.queries) for (const h of q.headings) expect(headings, `${q.id}: ${h}`).toContain(h);
    }
  });
});
