import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkPages, searchTextOf, splitLong } from './chunk.ts';
import { extractPages } from './pdf-text.ts';

const demo = new Uint8Array(readFileSync(new URL('../../../data/playbook.pdf', import.meta.url)));

describe('chunkPages', () => {
  it('starts a new chunk at each heading and carries the heading on continuation chunks', () => {
    const long = 'Word '.repeat(150).trim(); // 749 chars
    const chunks = chunkPages({
      docId: 'd1',
      docName: 'Doc',
      pages: [
        {
          page: 1,
          blocks: [
            { kind: 'text', text: 'Intro before any heading.' },
            { kind: 'heading', text: 'Discounts' },
            { kind: 'text', text: long },
            { kind: 'text', text: long },
          ],
        },
        {
          page: 2,
          blocks: [
            { kind: 'text', text: '- Up to 10%: own discretion.' },
            { kind: 'heading', text: 'Renewals' },
            { kind: 'text', text: 'Start early.' },
          ],
        },
      ],
      firstId: 7,
    });
    expect(chunks.map((c) => [c.id, c.page, c.heading])).toEqual([
      [7, 1, 'Doc'],
      [8, 1, 'Discounts'],
      [9, 1, 'Discounts'],
      [10, 2, 'Discounts'],
      [11, 2, 'Renewals'],
    ]);
    expect(chunks.every((c) => c.docId === 'd1' && c.docName === 'Doc')).toBe(true);
    expect(searchTextOf(chunks[4])).toBe('Renewals\nStart early.');
  });

  it('never splits inside a word', () => {
    const text = 'alpha beta gamma delta. '.repeat(80);
    const pieces = splitLong(text.trim(), 300);
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(300);
      for (const w of p.split(/\s+/)) expect(['alpha', 'beta', 'gamma', 'delta.']).toContain(w);
    }
    expect(pieces.join(' ')).toBe(text.trim());
  });

  it('chunks the demo playbook into section-sized passages with exact rule lines', async () => {
    const pages = await extractPages(demo);
    const chunks = chunkPages({ docId: 'pb', docName: 'playbook.pdf', pages });
    expect(chunks.length).toBeGreaterThan(25);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(1200);
    const tiers = chunks
      .filter((c) => c.heading === 'Spend Tiers')
      .map((c) => c.text)
      .join('\n');
    expect(tiers.split('\n')).toContain('- Gold: YTD spend of $100,000 to $199,999.');
    const discounts = chunks.find((c) => c.heading === 'Discounts and Approvals');
    expect(discounts?.text).toContain('- Bronze-tier clients are never offered more than 5%.');
    const gifts = chunks.find((c) => c.text.includes('At most $100 per client contact per year.'));
    expect(gifts?.heading).toBe('Gifts and Entertainment');
    expect(pages[gifts!.page - 1].text).toContain('At most $100 per client contact per year.');
  });
});
