import { describe, expect, it } from 'vitest';
import { EvalHistory } from '../../../core/eval/history.ts';
import type { EvalReport } from '../../../core/eval/types.ts';
import { MemoryStore } from '../../../core/storage/kv.ts';
import { direction, oldestFirst, providerWords, qualityTone, runSeconds, scopedStore, signed, toolWords, variantLabel } from './eval-model.ts';

function report(started_at: string, overall = 0.5): EvalReport {
  const averages = {
    faithfulness: overall,
    answer_relevancy: overall,
    context_precision: overall,
    context_recall: overall,
    answer_correctness: overall,
    overall,
  };
  const variants = {
    faithfulness: 'deterministic-standin',
    answer_relevancy: 'deterministic-standin',
    context_precision: 'non-llm-string',
    context_recall: 'non-llm-string',
    answer_correctness: 'deterministic-standin',
  } as const;
  return {
    averages,
    variants,
    quality: 'Fair',
    tool_selection_accuracy: 1,
    cases: [],
    started_at,
    finished_at: started_at,
    provider: 'builtin/rules',
    judge: 'offline',
    embedder: 'builtin',
  };
}

describe('scopedStore', () => {
  it('keeps saved runs under its prefix and leaves other keys alone', async () => {
    const kv = new MemoryStore();
    await kv.set('v1/settings', { a: 1 });
    const history = new EvalHistory(scopedStore(kv, 'v1/eval-runs/'), () => 'r1');
    await history.save(report('2026-01-01T00:00:00.000Z'));
    expect(await kv.keys()).toEqual(['v1/settings', 'v1/eval-runs/eval-run:r1']);
    expect((await history.list()).map((r) => r.id)).toEqual(['r1']);
    await history.delete('r1');
    expect(await kv.keys()).toEqual(['v1/settings']);
    expect(await history.list()).toEqual([]);
  });
});

describe('formatting', () => {
  it('signs deltas and treats float noise as no change', () => {
    expect(signed(0.123)).toBe('+0.12');
    expect(signed(-0.05)).toBe('−0.05');
    expect(signed(-0.0001)).toBe('±0.00');
    expect(direction(0.01)).toBe('up');
    expect(direction(-0.01)).toBe('down');
    expect(direction(0.001)).toBe('same');
  });

  it('names variants and quality tones in words', () => {
    expect(variantLabel('deterministic-standin')).toBe('deterministic stand-in');
    expect(variantLabel('non-llm-string')).toBe('non-LLM string');
    expect(qualityTone('Excellent')).toBe('good');
    expect(qualityTone('Fair')).toBe('warn');
    expect(qualityTone('Poor')).toBe('bad');
  });

  it('orders runs oldest first and measures run time', () => {
    const older = { report: report('2026-01-01T00:00:00.000Z') };
    const newer = { report: report('2026-02-01T00:00:00.000Z') };
    expect(oldestFirst(newer, older)).toEqual([older, newer]);
    expect(oldestFirst(older, newer)).toEqual([older, newer]);
    expect(runSeconds({ started_at: '2026-01-01T00:00:00.000Z', finished_at: '2026-01-01T00:00:02.500Z' })).toBe(2.5);
  });
});

describe('words for reps', () => {
  it('names who answered', () => {
    expect(providerWords('builtin/builtin-rules')).toBe('Built-in agent');
    expect(providerWords('openai/gpt-4o-mini')).toBe('gpt-4o-mini (OpenAI-compatible endpoint)');
    expect(providerWords('webllm/Hermes-2-Pro')).toBe('Hermes-2-Pro (in this browser)');
    expect(providerWords('something-else')).toBe('something-else');
  });

  it('says where the co-pilot looked', () => {
    expect(toolWords(['search_clients', 'search_playbook', 'search_clients'])).toBe('client book and playbook');
    expect(toolWords([])).toBe('nowhere');
    expect(toolWords(['custom_tool'])).toBe('custom_tool');
  });
});
