import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BuiltinReflector } from '../agents/builtin/index.ts';
import { parseFeedbackText } from './records.ts';
import { FakeClientStore } from '../tools/fakes.ts';
import type { Client } from '../clients/types.ts';
import { exchangeOf, recordToReflectionInput, reviewRecords, toolOfResult, type ReviewContext } from './record-review.ts';

const examples = parseFeedbackText(readFileSync(new URL('../../../data/rlhf/rlhf.json', import.meta.url), 'utf8'));
const book = new FakeClientStore(JSON.parse(readFileSync(new URL('../../../data/clients.json', import.meta.url), 'utf8')) as Client[]);
const ctx: ReviewContext = {
  tools: { mentions: async (text) => ({ results: await book.findMentions(text), cached: false }), vocabulary: () => book.vocabulary() },
  today: '2026-06-01',
};

describe('reviewing stored ratings again', () => {
  it('reads which tool produced a result from its JSON shape or its readable form', () => {
    const both = ['search_clients', 'search_playbook'];
    expect(toolOfResult('{"query":"x","passages":[]}', both)).toBe('search_playbook');
    expect(toolOfResult('{"kind":"lookup","lookup":{"status":"found"}}', both)).toBe('search_clients');
    expect(toolOfResult('playbook.pdf, page 4 (Discounts): Up to 10% at your discretion.', both)).toBe('search_playbook');
    expect(toolOfResult('TechGiant — industry Electronics, YTD spend $120,000', both)).toBe('search_clients');
    expect(toolOfResult('anything', ['search_playbook'])).toBe('search_playbook');
  });

  it('gives the reviewer the record, typed the way the graph types it when the client book is at hand', async () => {
    const plain = await recordToReflectionInput(examples[0]);
    expect(plain.question).toBe(examples[0].user_input);
    expect(plain.toolResults.map((r) => r.name)).toEqual(['search_clients', 'search_playbook']);
    expect(plain.typed).toBeUndefined();
    const typed = await recordToReflectionInput(examples[0], ctx);
    expect(typed.toolCalls).toEqual([
      { name: 'search_clients', args: { client_name: 'RetailCo' } },
      { name: 'search_playbook', args: { query: 'discount approval thresholds' } },
    ]);
    expect(typed.typed?.exchanges.map((x) => x.data?.tool)).toEqual(['search_clients', 'search_playbook']);
    expect(typed.typed?.citations.map((c) => c.source)).toContain('RetailCo');
    expect(exchangeOf('RetailCo — industry Retail')).toBeUndefined();
  });

  it('re-reviewed with the typed view, the built-in checks judge every shipped example as the rep did', async () => {
    const verdicts = await reviewRecords(examples, new BuiltinReflector(), ctx);
    expect(verdicts).toEqual(examples.map((r) => (r.correctness ? 'pass' : 'retry')));
  });

  it('a verdict recorded when the answer was rated is used as it is', async () => {
    const rated = [{ ...examples[1], review: 'pass' as const }];
    expect(await reviewRecords(rated, new BuiltinReflector(), ctx)).toEqual(['pass']);
  });
});
