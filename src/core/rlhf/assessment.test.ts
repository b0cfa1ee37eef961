import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CHECK_MARGIN,
  MIN_CHECK_PER_CLASS,
  checkReadiness,
  compareReviewers,
  holdBack,
  ratingKey,
  reviewerScore,
  shouldActivate,
  withDatasetEffect,
  type CompareInput,
} from './assessment.ts';
import { parseFeedbackText, type FeedbackRecord } from './records.ts';

const examples = parseFeedbackText(readFileSync(new URL('../../../data/rlhf/rlhf.json', import.meta.url), 'utf8'));

/** A rep's own rating, distinct from the shipped examples. */
function rating(i: number, good: boolean): FeedbackRecord {
  return {
    id: `mine-${i}`,
    user_input: `Question ${i} about Blue Motors?`,
    crm_output: `Answer ${i}.`,
    tool_calls_made: ['search_clients'],
    reflection_output: '',
    correctness: good,
  };
}

/** 10 good and 10 bad answers; the rules pass every good one and catch 8 of the bad ones. */
function base(): Omit<CompareInput, 'scores'> {
  const labels = [...new Array<boolean>(10).fill(true), ...new Array<boolean>(10).fill(false)];
  const rules = labels.map((good, i): 'pass' | 'retry' => (good || i >= 18 ? 'pass' : 'retry'));
  return { labels, rules, current: rules, threshold: 0.5, ece_before: 0.4, ece_after: 0.1, from_ratings: 2, from_examples: 18 };
}

describe('reviewerScore', () => {
  it('weighs good and bad answers equally', () => {
    expect(reviewerScore([true, true, true, false], ['pass', 'pass', 'pass', 'pass'])).toEqual({ agreement: 0.5, good_passed: 3, bad_sent_back: 0 });
    expect(reviewerScore([true, false], ['pass', 'retry']).agreement).toBe(1);
  });
});

describe('activation on evidence', () => {
  it('refuses a version that doubts good answers the rules pass', () => {
    // Doubts 3 good answers and catches the 2 bad ones the rules missed: agreement drops.
    const scores = base().labels.map((good, i) => (good ? (i < 3 ? 0.2 : 0.9) : 0.1));
    const check = compareReviewers({ ...base(), scores });
    expect(check.outcome).toBe('not-better');
    expect(check.candidate.agreement).toBeLessThan(check.current.agreement + CHECK_MARGIN);
    expect(shouldActivate(check)).toBe(false);
  });

  it('refuses a version that changes nothing (not better is not enough)', () => {
    const check = compareReviewers({ ...base(), scores: new Array<number>(20).fill(0.9) });
    expect(check.candidate).toEqual(check.current);
    expect(check.outcome).toBe('not-better');
    expect(shouldActivate(check)).toBe(false);
  });

  it('refuses a version that is better by less than the margin', () => {
    // Catches one of the two missed bad answers: +0.05 < 0.10.
    const scores = base().labels.map((good, i) => (good ? 0.9 : i === 18 ? 0.1 : 0.9));
    const check = compareReviewers({ ...base(), scores });
    expect(check.candidate.agreement - check.current.agreement).toBeCloseTo(0.05, 10);
    expect(check.outcome).toBe('not-better');
  });

  it('switches on a version that catches what the rules miss by the margin', () => {
    const scores = base().labels.map((good) => (good ? 0.8 : 0.2));
    const check = compareReviewers({ ...base(), scores });
    expect(check.candidate.agreement - check.current.agreement).toBeCloseTo(0.1, 10);
    expect(check.outcome).toBe('better');
    expect(shouldActivate(check)).toBe(true);
  });

  it('is never better when the evaluation dataset scores lower with it', () => {
    const scores = base().labels.map((good) => (good ? 0.8 : 0.2));
    const check = compareReviewers({ ...base(), scores });
    const dropped = withDatasetEffect(check, { cases: 59, overall_without: 0.728, overall_with: 0.71, critic_doubts: 4, three_identical_attempts: 0 });
    expect(dropped.outcome).toBe('not-better');
    expect(shouldActivate(dropped)).toBe(false);
    const same = withDatasetEffect(check, { cases: 59, overall_without: 0.728, overall_with: 0.728, critic_doubts: 0, three_identical_attempts: 0 });
    expect(shouldActivate(same)).toBe(true);
  });

  it('does not judge with too few held-back answers of a kind, and says how many more it needs', () => {
    const b = base();
    const small = { ...b, labels: b.labels.slice(5, 15), rules: b.rules.slice(5, 15), current: b.current.slice(5, 15) };
    const check = compareReviewers({ ...small, scores: new Array<number>(10).fill(0.1) });
    expect(check.outcome).toBe('too-few');
    expect(check.needs).toEqual({ good: MIN_CHECK_PER_CLASS - 5, bad: MIN_CHECK_PER_CLASS - 5 });
    expect(shouldActivate(check)).toBe(false);
    expect(shouldActivate(undefined)).toBe(false);
  });
});

describe('held-back answers', () => {
  it('six ratings of the rep plus the shipped examples are enough to check a version', () => {
    const six = [rating(1, true), rating(2, true), rating(3, true), rating(4, false), rating(5, false), rating(6, false)];
    const r = checkReadiness(six, examples);
    expect(r).toMatchObject({ ok: true, good: 11, bad: 11, needs: { good: 0, bad: 0 } });
    const split = holdBack(six, examples, 42);
    expect(split.train).toHaveLength(4);
    expect(split.fromRatings).toBe(2);
    expect(split.fromExamples).toBe(20);
    expect(split.check.filter((c) => c.correctness)).toHaveLength(11);
  });

  it('never checks a version on an answer it was trained on', () => {
    const mine = [...examples, rating(1, true)];
    const split = holdBack(mine, examples, 7);
    const trained = new Set(split.train.map(ratingKey));
    expect(split.check.some((c) => trained.has(ratingKey(c)))).toBe(false);
    expect(split.fromExamples).toBe(0);
  });

  it('when the examples were trained on, says how many more ratings of each kind are needed', () => {
    const mine = [...examples, rating(1, true)];
    const r = checkReadiness(mine, examples);
    expect(r.ok).toBe(false);
    // 11 good hold back 3, 10 bad hold back 3; each kind needs enough ratings to hold back 8.
    expect(r).toMatchObject({ good: 3, bad: 3 });
    expect(r.needs.good).toBeGreaterThan(0);
    expect(r.needs.bad).toBeGreaterThan(0);
    const more = [...mine];
    for (let i = 0; i < r.needs.good; i++) more.push(rating(100 + i, true));
    for (let i = 0; i < r.needs.bad; i++) more.push(rating(200 + i, false));
    expect(checkReadiness(more, examples).ok).toBe(true);
    expect(checkReadiness(more.slice(0, -1), examples).ok).toBe(false);
  });
});
