import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../storage/kv.ts';
import { compareRuns, EvalHistory } from './history.ts';
import { averagesOf, qualityOf } from './report.ts';
import type { CaseResult, EvalReport } from './types.ts';

function caseWith(question: string, score: number, tool_match = true): CaseResult {
  const scores = { faithfulness: score, answer_relevancy: score, context_precision: score, context_recall: score, answer_correctness: score };
  return {
    question,
    ground_truth: '',
    answer: '',
    expected_tools: [],
    tools_used: [],
    tool_match,
    scores,
    variants: {
      faithfulness: 'deterministic-standin',
      answer_relevancy: 'deterministic-standin',
      context_precision: 'non-llm-string',
      context_recall: 'non-llm-string',
      answer_correctness: 'deterministic-standin',
    },
    details: {},
    overall: score,
    ms: 1,
  };
}

function reportOf(started_at: string, cases: CaseResult[]): EvalReport {
  const averages = averagesOf(cases);
  return {
    averages,
    variants: {
      faithfulness: 'deterministic-standin',
      answer_relevancy: 'deterministic-standin',
      context_precision: 'non-llm-string',
      context_recall: 'non-llm-string',
      answer_correctness: 'deterministic-standin',
    },
    quality: qualityOf(averages.overall),
    tool_selection_accuracy: cases.filter((c) => c.tool_match).length / cases.length,
    cases,
    started_at,
    finished_at: started_at,
    provider: 'builtin/rules',
    judge: 'offline',
    embedder: 'lexical-bow-256',
  };
}

describe('EvalHistory', () => {
  it('saves, lists newest first, gets and deletes runs', async () => {
    let n = 0;
    const history = new EvalHistory(new MemoryStore(), () => `run${++n}`);
    const older = await history.save(reportOf('2026-01-01T00:00:00Z', [caseWith('a', 0.5)]));
    const newer = await history.save(reportOf('2026-02-01T00:00:00Z', [caseWith('a', 0.9)]), 'after fix');
    const list = await history.list();
    expect(list.map((r) => r.id)).toEqual([newer, older]);
    expect(list[0]).toMatchObject({ label: 'after fix', overall: 0.9, quality: 'Excellent', cases: 1 });
    expect((await history.get(older))?.report.averages.overall).toBe(0.5);
    await history.delete(older);
    expect((await history.list()).map((r) => r.id)).toEqual([newer]);
    await expect(history.require(older)).rejects.toMatchObject({ code: 'storage-corrupt' });
  });
});

describe('compareRuns', () => {
  it('reports per-metric deltas and per-case changes', () => {
    const a = reportOf('2026-01-01T00:00:00Z', [caseWith('same', 0.5), caseWith('up', 0.2, false), caseWith('down', 0.9), caseWith('gone', 0.4)]);
    const b = reportOf('2026-02-01T00:00:00Z', [caseWith('same', 0.5), caseWith('up', 0.8), caseWith('down', 0.6), caseWith('new', 1)]);
    const cmp = compareRuns(a, b);
    // a: mean(0.5, 0.2, 0.9, 0.4) = 0.5; b: mean(0.5, 0.8, 0.6, 1) = 0.725 → +0.225
    expect(cmp.metrics.overall.delta).toBeCloseTo(0.225, 10);
    expect(cmp.metrics.faithfulness).toMatchObject({ a: 0.5, b: 0.725 });
    // tool accuracy 3/4 → 4/4
    expect(cmp.metrics.tool_selection_accuracy.delta).toBeCloseTo(0.25, 10);
    const byQ = Object.fromEntries(cmp.cases.map((c) => [c.question, c]));
    expect(byQ.same.status).toBe('unchanged');
    expect(byQ.up).toMatchObject({ status: 'improved', tool_match_a: false, tool_match_b: true });
    expect(byQ.up.delta).toBeCloseTo(0.6, 10);
    expect(byQ.down.status).toBe('regressed');
    expect(byQ.new.status).toBe('added');
    expect(byQ.gone.status).toBe('removed');
  });
});
