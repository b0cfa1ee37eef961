import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { AnswerRecord } from '../agents/types.ts';
import { exportFeedback, parseFeedback, parseFeedbackText, recordFromAnswer } from './records.ts';

const shipped = readFileSync(new URL('../../../data/rlhf/rlhf.json', import.meta.url), 'utf8');
const good = { user_input: 'Q?', crm_output: 'A.', tool_calls_made: ['search_playbook'], reflection_output: 'ok', correctness: true };

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('feedback records', () => {
  it('loads the shipped file: 20 examples, 10 correct and 10 incorrect, all with tool results', () => {
    const records = parseFeedbackText(shipped);
    expect(records).toHaveLength(20);
    expect(records.filter((r) => r.correctness)).toHaveLength(10);
    expect(records.every((r) => (r.tool_results?.length ?? 0) > 0 || r.tool_calls_made.length === 0)).toBe(true);
  });

  it('accepts both a bare array and {examples: [...]}', () => {
    expect(parseFeedback([good])).toEqual([good]);
    expect(parseFeedback({ examples: [good, { ...good, correctness: false }] })).toHaveLength(2);
  });

  it('names the item index and field of a bad record', () => {
    const err = caught(() => parseFeedback([good, good, good, { ...good, correctness: 'yes' }]));
    expect(err.code).toBe('bad-feedback');
    expect(err.message).toMatch(/item 3/);
    expect(err.message).toMatch(/"correctness"/);
    expect(err.details).toEqual({ index: 3, field: 'correctness' });

    const missing = caught(() => parseFeedback({ examples: [good, { ...good, user_input: undefined }] }));
    expect(missing.message).toMatch(/item 1: field "user_input"/);

    const nested = caught(() => parseFeedback([{ ...good, tool_calls_made: ['search_clients', 7] }]));
    expect(nested.message).toMatch(/item 0: field "tool_calls_made.1"/);
  });

  it('rejects files that are not JSON or not a list of records', () => {
    expect(caught(() => parseFeedbackText('{oops')).code).toBe('bad-feedback');
    expect(caught(() => parseFeedbackText('{"records": []}')).message).toMatch(/array of records/);
    expect(caught(() => parseFeedback('text')).code).toBe('bad-feedback');
  });

  it('round-trips through export', () => {
    const records = parseFeedbackText(shipped);
    expect(parseFeedbackText(exportFeedback(records))).toEqual(records);
  });

  it('turns an answer and a thumbs-down with correction into a record', () => {
    const answer: AnswerRecord = {
      question: 'What tier is RetailCo?',
      answer: 'Gold.',
      tool_calls: [{ name: 'search_clients', args: { client_name: 'RetailCo' } }],
      contexts: ['{"status":"found"}'],
      citations: [],
      reflections: [{ verdict: 'pass', feedback: 'Looks grounded.' }],
      attempts: 1,
      ms: 12,
    };
    const r = recordFromAnswer(answer, { correct: false, correction: ' Silver ($45,000 YTD). ', now: new Date('2026-01-02T00:00:00Z') });
    expect(r).toEqual({
      user_input: 'What tier is RetailCo?',
      crm_output: 'Gold.',
      tool_calls_made: ['search_clients'],
      reflection_output: 'pass: Looks grounded.',
      correctness: false,
      tool_results: ['{"status":"found"}'],
      correction: 'Silver ($45,000 YTD).',
      created_at: '2026-01-02T00:00:00.000Z',
      review: 'pass',
    });
  });

  it("records what the built-in checks decided, not counting a trained critic's doubt", () => {
    const base: AnswerRecord = { question: 'Q?', answer: 'A.', tool_calls: [], contexts: [], citations: [], reflections: [], attempts: 1, ms: 1 };
    const doubted = {
      ...base,
      reflections: [{ verdict: 'retry' as const, feedback: 'Doubt.', critic: { score: 0.2, calibrated: true, doubt: true, threshold: 0.5 } }],
    };
    expect(recordFromAnswer(doubted, { correct: true }).review).toBe('pass');
    const failed = { ...base, reflections: [{ verdict: 'retry' as const, feedback: 'No lookup.' }] };
    expect(recordFromAnswer(failed, { correct: false }).review).toBe('retry');
    expect(recordFromAnswer(base, { correct: true }).review).toBeUndefined();
  });
});
