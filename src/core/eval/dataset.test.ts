import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset, parseDatasetText } from './dataset.ts';

const good = { question: 'q', ground_truth: 'g', expected_tools: ['search_clients'], expected_contexts: ['x'] };

describe('dataset validation', () => {
  it('accepts well-formed cases', () => {
    expect(parseDataset([good])).toEqual([good]);
  });

  it('names the case index and field of the first problem', () => {
    expect(() => parseDataset([good, { ...good, expected_tools: ['search_structured_db'] }])).toThrow(/case 1, expected_tools\[0\]/);
    expect(() => parseDataset([good, good, { ...good, ground_truth: undefined }])).toThrow(/case 2, ground_truth/);
    try {
      parseDataset([{ ...good, expected_contexts: [] }]);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'bad-dataset', details: { case: 0, field: 'expected_contexts' } });
    }
  });

  it('rejects non-arrays and invalid JSON as bad-dataset', () => {
    expect(() => parseDataset({ cases: [] })).toThrow(expect.objectContaining({ code: 'bad-dataset' }));
    expect(() => parseDatasetText('[{')).toThrow(expect.objectContaining({ code: 'bad-dataset' }));
  });
});

describe('data/eval/test_dataset.json', () => {
  const cases = parseDatasetText(readFileSync(new URL('../../../data/eval/test_dataset.json', import.meta.url), 'utf8'));

  it('has at least 40 valid cases covering both tools', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.some((c) => c.expected_tools.includes('search_clients'))).toBe(true);
    expect(cases.some((c) => c.expected_tools.includes('search_playbook'))).toBe(true);
    expect(new Set(cases.map((c) => c.question)).size).toBe(cases.length);
  });

  it('quotes client figures exactly as data/clients.json has them', () => {
    const clients = JSON.parse(readFileSync(new URL('../../../data/clients.json', import.meta.url), 'utf8')) as {
      name: string;
      ytd_spend: number;
      last_year_spend?: number;
    }[];
    // thresholds and limits stated by the playbook, and the one aggregate the dataset quotes (6 Electronics clients)
    const policy = new Set([200_000, 100_000, 199_999, 25_000, 99_999, 50_000, 75_000, 100, 150, 455_250]);
    const dollars = (text: string) => [...text.matchAll(/\$(\d{1,3}(?:,\d{3})*)/g)].map((m) => Number(m[1].replace(/,/g, '')));
    let checked = 0;
    for (const c of cases) {
      const named = clients.filter((k) => c.expected_contexts.includes(k.name));
      for (const amount of dollars(`${c.ground_truth} ${c.question}`)) {
        if (policy.has(amount)) continue;
        // any other figure is the YTD (or last year's) spend of a client the case names; with one named client it must be that client's
        expect(
          named.flatMap((k) => [k.ytd_spend, k.last_year_spend]),
          `${c.question} → $${amount}`,
        ).toContain(amount);
        if (named.length === 1) checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
});
