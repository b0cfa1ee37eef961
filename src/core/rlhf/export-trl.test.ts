import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportTrl, toKtoExamples, toPreferencePairs } from './export-trl.ts';
import { parseFeedbackText, type FeedbackRecord } from './records.ts';

const rec = (user_input: string, crm_output: string, correctness: boolean, correction?: string): FeedbackRecord => ({
  user_input,
  crm_output,
  tool_calls_made: [],
  reflection_output: '',
  correctness,
  ...(correction ? { correction } : {}),
});

describe('TRL export', () => {
  const data = [
    rec('Can I offer RetailCo a 15% discount?', 'Yes, with manager approval.', true),
    rec('Can I give RetailCo a 15% discount now?', 'Yes, go ahead.', false),
    rec('What tier is Urban Studios?', 'Gold.', false, 'Platinum ($222,750 YTD).'),
    rec('How many gifts per year?', 'Unlimited.', false),
  ];

  it('pairs a rejected answer with its correction, else with the correct answer to a similar prompt', () => {
    expect(toPreferencePairs(data)).toEqual([
      { prompt: 'Can I give RetailCo a 15% discount now?', chosen: 'Yes, with manager approval.', rejected: 'Yes, go ahead.' },
      { prompt: 'What tier is Urban Studios?', chosen: 'Platinum ($222,750 YTD).', rejected: 'Gold.' },
    ]);
  });

  it('labels every completion for KTO and adds corrections as desirable', () => {
    const kto = toKtoExamples(data);
    expect(kto).toHaveLength(5);
    expect(kto.filter((k) => k.label).map((k) => k.completion)).toEqual(['Yes, with manager approval.', 'Platinum ($222,750 YTD).']);
  });

  it('writes JSONL for the shipped data: one pair per rejected answer', () => {
    const records = parseFeedbackText(readFileSync(new URL('../../../data/rlhf/rlhf.json', import.meta.url), 'utf8'));
    const files = exportTrl(records);
    const pairs = files['preference.jsonl']
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(pairs).toHaveLength(10);
    for (const p of pairs) expect(Object.keys(p).sort()).toEqual(['chosen', 'prompt', 'rejected']);
    const kto = files['kto.jsonl']
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { label: boolean });
    expect(kto).toHaveLength(28);
    expect(kto.filter((k) => k.label)).toHaveLength(18);
  });
});
