import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../agents/types.ts';
import { AppError } from '../errors.ts';
import { LexicalEmbedder } from './lexical-embedder.ts';
import { ScriptedJudge } from './testing/fakes.ts';
import { formatReport, qualityOf } from './report.ts';
import { runEvaluation, toolsMatch } from './run.ts';
import type { EvalCase, EvalProgress } from './types.ts';

const CASES: EvalCase[] = [
  {
    question: 'How much has TechGiant spent?',
    ground_truth: 'TechGiant has spent $120,000 YTD.',
    expected_tools: ['search_clients'],
    expected_contexts: ['TechGiant', '$120,000'],
  },
  {
    question: 'Can I offer net 90 payment terms?',
    ground_truth: 'No. Net 90 is never offered.',
    expected_tools: ['search_playbook'],
    expected_contexts: ['Net 90 is never offered'],
  },
];

function record(question: string, answer: string, tool: string, contexts: string[]): AnswerRecord {
  return { question, answer, tool_calls: [{ name: tool, args: {} }], contexts, citations: [], reflections: [], attempts: 1, ms: 5 };
}

/** A perfect co-pilot for CASES[0] and a wrong-tool, unfaithful one for CASES[1]. */
async function fakeAnswer(question: string): Promise<AnswerRecord> {
  if (question.startsWith('How much')) {
    return record(question, 'TechGiant has spent $120,000 YTD.', 'search_clients', ['{"name":"TechGiant","ytd_spend":120000}']);
  }
  return record(question, 'Yes, net 90 is fine for Blue Bank.', 'search_clients', ['{"name":"Blue Bank","payment_terms":"net 30"}']);
}

describe('runEvaluation', () => {
  it("asks a case's earlier questions in its conversation and reports the share of answers that applied every condition", async () => {
    const seen: (readonly string[] | undefined)[] = [];
    const applied = (ok: boolean): AnswerRecord['conditions'] => [{ condition: { kind: 'region', values: ['West'], words: 'in the West' }, applied: ok }];
    const report = await runEvaluation({
      cases: [{ ...CASES[0], history: ['Who manages TechGiant?'] }, CASES[1], { ...CASES[0], question: 'How much has TechGiant spent so far?' }],
      answer: async (q, _signal, history) => {
        seen.push(history);
        const r = await fakeAnswer(q);
        return { ...r, conditions: q.endsWith('so far?') ? applied(false) : q.startsWith('How much') ? applied(true) : [] };
      },
      embedder: new LexicalEmbedder(),
    });
    expect(seen).toEqual([['Who manages TechGiant?'], undefined, undefined]);
    expect(report.conditions_applied).toBeCloseTo(2 / 3, 10);
    expect(report.answers_with_conditions).toBe(2);
    expect(formatReport(report)).toContain('Every condition applied: 0.667 (2 answers had conditions)');
  });

  it('scores every case and aggregates averages, variants, quality and tool accuracy', async () => {
    const progress: EvalProgress[] = [];
    const clock = [new Date('2026-01-01T00:00:00Z')];
    const report = await runEvaluation({
      cases: CASES,
      answer: fakeAnswer,
      embedder: new LexicalEmbedder(),
      provider: 'fake/test',
      onProgress: (p) => progress.push(p),
      now: () => clock[0],
    });
    const [good, bad] = report.cases;
    // answer identical to the ground truth and fully grounded in the record
    expect(good.scores).toMatchObject({ faithfulness: 1, context_precision: 1, context_recall: 1 });
    expect(good.scores.answer_correctness).toBeCloseTo(1, 6); // F1 = 1, similarity = 1
    expect(good.tool_match).toBe(true);
    // "net 90" and "Blue Bank"'s terms contradict the context; the policy text was never retrieved
    expect(bad.scores).toMatchObject({ faithfulness: 0, context_precision: 0, context_recall: 0 });
    expect(bad.tool_match).toBe(false);
    expect(report.tool_selection_accuracy).toBe(0.5);
    // overall = mean of the five metric averages
    const m = report.averages;
    expect(m.overall).toBeCloseTo((m.faithfulness + m.answer_relevancy + m.context_precision + m.context_recall + m.answer_correctness) / 5, 10);
    expect(report.quality).toBe(qualityOf(m.overall));
    expect(report.variants.context_recall).toBe('non-llm-string');
    expect(report.variants.faithfulness).toBe('deterministic-standin');
    expect(report).toMatchObject({ provider: 'fake/test', judge: 'offline', started_at: '2026-01-01T00:00:00.000Z' });
    expect(progress.filter((p) => p.phase === 'done').map((p) => p.done)).toEqual([1, 2]);
    expect(formatReport(report)).toContain('Average Scores:');
  });

  it('scores a failed answer 0 and keeps its error code', async () => {
    const report = await runEvaluation({
      cases: CASES.slice(0, 1),
      answer: async () => {
        throw new AppError('model-unavailable', 'No model.');
      },
      embedder: new LexicalEmbedder(),
    });
    expect(report.cases[0]).toMatchObject({ overall: 0, error: { code: 'model-unavailable' } });
    expect(report.quality).toBe('Poor');
  });

  it('stops with AppError("cancelled") when the signal aborts mid-run', async () => {
    const ctrl = new AbortController();
    const answered: string[] = [];
    const run = runEvaluation({
      cases: CASES,
      answer: async (q) => {
        answered.push(q);
        ctrl.abort();
        return fakeAnswer(q);
      },
      embedder: new LexicalEmbedder(),
      signal: ctrl.signal,
    });
    await expect(run).rejects.toMatchObject({ name: 'AppError', code: 'cancelled' });
    expect(answered).toHaveLength(1);
  });

  it('fails the run when the judge is unreachable instead of silently scoring offline', async () => {
    const judge = new ScriptedJudge([]);
    judge.chat = async () => {
      throw new AppError('provider-network', 'Could not reach the judge.');
    };
    await expect(runEvaluation({ cases: CASES, answer: fakeAnswer, embedder: new LexicalEmbedder(), judge })).rejects.toMatchObject({
      code: 'provider-network',
    });
  });

  it('marks a metric "mixed" when the judge replied garbage for some cases only', async () => {
    // case 1: faithfulness gets two valid replies, then garbage for the rest (offline fallback);
    // case 2: garbage everywhere → faithfulness is 'llm' for case 1 and the stand-in for case 2
    const judge = new ScriptedJudge([
      { statements: ['TechGiant has spent $120,000 YTD.'] },
      { verdicts: [{ statement: 'x', verdict: 1 }] },
      ...new Array<string>(60).fill('garbage'),
    ]);
    const report = await runEvaluation({ cases: CASES, answer: fakeAnswer, embedder: new LexicalEmbedder(), judge });
    expect(report.cases[0].variants.faithfulness).toBe('llm');
    expect(report.cases[1].variants.faithfulness).toBe('deterministic-standin');
    expect(report.variants.faithfulness).toBe('mixed');
    expect(report.variants.context_recall).toBe('non-llm-string');
    expect(report.judge).toBe('openai/scripted');
  });

  it('compares tool sets ignoring order and duplicates', () => {
    expect(toolsMatch(['search_clients', 'search_playbook'], ['search_playbook', 'search_clients', 'search_clients'])).toBe(true);
    expect(toolsMatch(['search_clients'], ['search_clients', 'search_playbook'])).toBe(false);
  });
});

describe('quality bands', () => {
  it('uses ≥0.8 / ≥0.6 / ≥0.4 thresholds', () => {
    expect([0.8, 0.79, 0.6, 0.4, 0.39].map(qualityOf)).toEqual(['Excellent', 'Good', 'Good', 'Fair', 'Poor']);
  });
});
