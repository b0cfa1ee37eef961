import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { LexicalEmbedder } from '../lexical-embedder.ts';
import { ScriptedJudge, TableEmbedder } from '../testing/fakes.ts';
import { answerCorrectnessLlm, answerCorrectnessStandin, factualF1 } from './answer-correctness.ts';
import { answerRelevancyLlm, answerRelevancyStandin, relevancyFromGenerated } from './answer-relevancy.ts';
import { contextPrecisionLlm, contextPrecisionString } from './context-precision.ts';
import { contextRecallLlm, contextRecallString } from './context-recall.ts';
import { faithfulnessLlm, faithfulnessStandin } from './faithfulness.ts';
import { scoreCase } from './index.ts';
import { averagePrecision, type MetricInput } from './shared.ts';

const TECHGIANT = '{"name":"TechGiant","industry":"Electronics","ytd_spend":120000,"account_manager":"Sarah Chen"}';
const TIERS = 'Spend tiers: Platinum $200,000 or more; Gold $100,000 to $199,999; Silver $25,000 to $99,999.';
const GIFTS = 'Gifts: at most $100 per client contact per year.';

const base: MetricInput = {
  question: 'What tier is TechGiant?',
  answer: 'TechGiant has spent $120,000 YTD. That makes it a Gold account.',
  contexts: [TECHGIANT, TIERS],
  ground_truth: 'TechGiant has spent $120,000 YTD, which is the Gold tier.',
  expected_contexts: ['TechGiant', '$120,000', 'Gold $100,000 to $199,999'],
};

describe('average precision (RAGAS context precision)', () => {
  it('matches the hand-computed value', () => {
    // verdicts 1,0,1: precision@1 = 1/1, precision@3 = 2/3 → (1 + 0.6667) / 2 = 0.8333
    expect(averagePrecision([1, 0, 1])).toBeCloseTo(5 / 6, 10);
    // 0,1: precision@2 = 1/2 → 0.5 / 1
    expect(averagePrecision([0, 1])).toBe(0.5);
    expect(averagePrecision([0, 0])).toBe(0);
  });
});

describe('non-LLM context precision / recall (string similarity)', () => {
  it('ranks an irrelevant context first → 0.5', () => {
    // GIFTS matches no reference (v=0), TECHGIANT contains "techgiant" (v=1) → (1/2)/1
    const r = contextPrecisionString({ ...base, contexts: [GIFTS, TECHGIANT] });
    expect(r).toMatchObject({ score: 0.5, variant: 'non-llm-string', details: { retrieved: 2, relevant: 1 } });
  });

  it('counts recalled reference contexts', () => {
    // "TechGiant" and "$120,000" are in the record, the tier sentence is not retrieved → 2/3
    const r = contextRecallString({ ...base, contexts: [TECHGIANT] });
    expect(r.score).toBeCloseTo(2 / 3, 10);
    expect(r.variant).toBe('non-llm-string');
    expect(contextRecallString(base).score).toBe(1);
  });

  it('scores 0 when nothing was retrieved', () => {
    expect(contextPrecisionString({ ...base, contexts: [] }).score).toBe(0);
    expect(contextRecallString({ ...base, contexts: [] }).score).toBe(0);
  });
});

describe('faithfulness', () => {
  it('stand-in: supported claims / claims', () => {
    // claim 1: TechGiant + 120000 in the record ✓; claim 2: "Gold" in the tier passage ✓;
    // claim 3: "$95,000" and "Diego Alvarez" appear nowhere ✗ → 2/3
    const r = faithfulnessStandin({ ...base, answer: `${base.answer} Its manager Diego Alvarez approved $95,000.` });
    expect(r.score).toBeCloseTo(2 / 3, 10);
    expect(r).toMatchObject({ variant: 'deterministic-standin', details: { claims: 3, supported: 2 } });
  });

  it('LLM: supported statements / statements', async () => {
    // 4 statements, verdicts 1,1,0,1 → 3/4
    const judge = new ScriptedJudge([
      { statements: ['a', 'b', 'c', 'd'] },
      { verdicts: [1, 1, 0, 1].map((verdict, i) => ({ statement: 'abcd'[i], reason: '', verdict })) },
    ]);
    const r = await faithfulnessLlm(base, { judge, embedder: new LexicalEmbedder() });
    expect(r).toMatchObject({ score: 0.75, variant: 'llm' });
    expect(judge.requests[0].response_format).toEqual({ type: 'json_object' });
  });
});

describe('answer relevancy', () => {
  const emb = new TableEmbedder({ q: [1, 0], g1: [1, 0], g2: [0, 1], g3: [0.6, 0.8] });

  it('LLM: mean cosine of generated questions', async () => {
    // cos = 1, 0, 0.6 → mean 1.6 / 3 = 0.5333
    const r = await relevancyFromGenerated(
      'q',
      [
        { question: 'g1', noncommittal: false },
        { question: 'g2', noncommittal: true },
        { question: 'g3', noncommittal: false },
      ],
      emb,
    );
    expect(r.score).toBeCloseTo(1.6 / 3, 6);
  });

  it('LLM: 0 when every generated question is noncommittal', async () => {
    const judge = new ScriptedJudge([{ questions: ['g1', 'g2', 'g3'].map((question) => ({ question, noncommittal: 1 })) }]);
    const r = await answerRelevancyLlm({ ...base, question: 'q' }, { judge, embedder: emb });
    expect(r.score).toBe(0);
  });

  it('stand-in: cosine(question, answer)', async () => {
    const r = await answerRelevancyStandin({ ...base, question: 'q', answer: 'g3' }, emb);
    expect(r.score).toBeCloseTo(0.6, 6);
    expect(r.variant).toBe('deterministic-standin');
  });
});

describe('answer correctness', () => {
  it('F1 from TP/FP/FN', () => {
    // 2 / (2 + 0.5 × (1 + 1)) = 2/3
    expect(factualF1(2, 1, 1)).toBeCloseTo(2 / 3, 10);
    expect(factualF1(0, 3, 2)).toBe(0);
  });

  it('stand-in: 0.75 × F1 + 0.25 × similarity', async () => {
    const answer = 'TechGiant has spent $120,000 this year. It is a Platinum account. Its manager is Sarah Chen.';
    const ground_truth = 'TechGiant has spent $120,000 YTD. It is a Gold tier account.';
    const emb = new TableEmbedder({ [answer]: [1, 0], [ground_truth]: [0.6, 0.8] });
    // TP = 1 (the spend sentence), FP = 2 (Platinum, Sarah Chen not in the truth), FN = 1 (Gold missing)
    // F1 = 1 / (1 + 0.5 × 3) = 0.4; similarity = 0.6 → 0.75 × 0.4 + 0.25 × 0.6 = 0.45
    const r = await answerCorrectnessStandin({ ...base, answer, ground_truth }, emb);
    expect(r.details).toMatchObject({ tp: 1, fp: 2, fn: 1 });
    expect(r.score).toBeCloseTo(0.45, 6);
  });

  it('LLM: uses the judge classification', async () => {
    const judge = new ScriptedJudge([
      { statements: ['s1', 's2', 's3'] },
      { statements: ['t1', 't2'] },
      { TP: [{ statement: 's1' }, { statement: 's2' }], FP: [{ statement: 's3' }], FN: [{ statement: 't2' }] },
    ]);
    const emb = new TableEmbedder({ A: [1, 0], G: [1, 0] });
    // F1 = 2 / (2 + 0.5 × 2) = 2/3; similarity 1 → 0.75 × 2/3 + 0.25 = 0.75
    const r = await answerCorrectnessLlm({ ...base, answer: 'A', ground_truth: 'G' }, { judge, embedder: emb });
    expect(r.score).toBeCloseTo(0.75, 6);
  });
});

describe('LLM context metrics', () => {
  it('context precision from per-context verdicts', async () => {
    // verdicts 0,1,1 → (1/2 + 2/3) / 2 = 0.5833
    const judge = new ScriptedJudge([{ verdict: 0 }, { verdict: 1 }, { verdict: 1 }]);
    const r = await contextPrecisionLlm({ ...base, contexts: [GIFTS, TECHGIANT, TIERS] }, { judge, embedder: new LexicalEmbedder() });
    expect(r.score).toBeCloseTo(7 / 12, 10);
    expect(judge.requests).toHaveLength(3);
  });

  it('context recall from attributed reference sentences', async () => {
    // 2 of 3 reference sentences attributed → 0.6667
    const judge = new ScriptedJudge([{ classifications: [1, 0, 1].map((attributed) => ({ statement: 's', attributed })) }]);
    const r = await contextRecallLlm(base, { judge, embedder: new LexicalEmbedder() });
    expect(r.score).toBeCloseTo(2 / 3, 10);
  });
});

describe('scoreCase', () => {
  it('uses the offline variants without a judge', async () => {
    const r = await scoreCase(base, { embedder: new LexicalEmbedder() });
    expect(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.variant]))).toEqual({
      faithfulness: 'deterministic-standin',
      answer_relevancy: 'deterministic-standin',
      context_precision: 'non-llm-string',
      context_recall: 'non-llm-string',
      answer_correctness: 'deterministic-standin',
    });
    expect(r.faithfulness.score).toBe(1);
    expect(r.context_recall.score).toBe(1);
  });

  it('falls back to the offline variant when the judge replies garbage, and says why', async () => {
    const judge = new ScriptedJudge(new Array<string>(40).fill('not json at all'));
    const r = await scoreCase(base, { embedder: new LexicalEmbedder(), judge });
    expect(r.faithfulness.variant).toBe('deterministic-standin');
    expect(r.faithfulness.fallback_reason).toMatch(/^provider-bad-response/);
  });

  it('does not swallow cancellation', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(scoreCase(base, { embedder: new LexicalEmbedder(), signal: ctrl.signal })).rejects.toMatchObject({ code: 'cancelled' });
    await expect(scoreCase(base, { embedder: new LexicalEmbedder(), signal: ctrl.signal })).rejects.toBeInstanceOf(AppError);
  });
});
