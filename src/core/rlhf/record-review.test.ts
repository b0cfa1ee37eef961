import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BuiltinReflector } from '../agents/builtin/index.ts';
import { parseFeedbackText } from './records.ts';
import { recordToReflectionInput, reviewRecords, toolOfResult } from './record-review.ts';

const examples = parseFeedbackText(readFileSync(new URL('../../../data/rlhf/rlhf.json', import.meta.url), 'utf8'));

describe('reviewing stored ratings again', () => {
  it('reads which tool produced a result from its JSON shape or its readable form', () => {
    const both = ['search_clients', 'search_playbook'];
    expect(toolOfResult('{"query":"x","passages":[]}', both)).toBe('search_playbook');
    expect(toolOfResult('{"kind":"lookup","lookup":{"status":"found"}}', both)).toBe('search_clients');
    expect(toolOfResult('playbook.pdf, page 4 (Discounts): Up to 10% at your discretion.', both)).toBe('search_playbook');
    expect(toolOfResult('TechGiant — industry Electronics, YTD spend $120,000', both)).toBe('search_clients');
    expect(toolOfResult('anything', ['search_playbook'])).toBe('search_playbook');
  });

  it('gives the reviewer the record as reflection input', () => {
    const input = recordToReflectionInput(examples[0]);
    expect(input.question).toBe(examples[0].user_input);
    expect(input.toolCalls.map((c) => c.name)).toEqual(['search_clients', 'search_playbook']);
    expect(input.toolResults.map((r) => r.name)).toEqual(['search_clients', 'search_playbook']);
  });

  it('the built-in checks catch most of the shipped bad examples and pass every good one', async () => {
    const verdicts = await reviewRecords(examples, new BuiltinReflector());
    const good = examples.map((r, i) => [r.correctness, verdicts[i]] as const);
    expect(good.filter(([ok, v]) => ok && v === 'pass')).toHaveLength(10);
    expect(good.filter(([ok, v]) => !ok && v === 'retry').length).toBeGreaterThanOrEqual(7);
  });
});
