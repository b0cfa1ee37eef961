import { describe, expect, it } from 'vitest';
import type { CriticCheck } from '../../../core/rlhf/assessment.ts';
import { describeCheck } from './critic-words.ts';

const base: CriticCheck = {
  outcome: 'not-better',
  margin: 0.1,
  min_per_class: 8,
  good: 11,
  bad: 11,
  from_ratings: 2,
  from_examples: 20,
  current: { agreement: 0.91, good_passed: 11, bad_sent_back: 9 },
  candidate: { agreement: 0.82, good_passed: 9, bad_sent_back: 9 },
  ece_before: 0.31,
  ece_after: 0.08,
};

describe('the check in words', () => {
  it('says plainly that a version that is not better is not switched on, with both numbers and the margin', () => {
    const w = describeCheck(base, 1, false);
    expect(w.headline).toBe('Version 1 is not switched on: it is not better than the current reviewer (82% agreement with your ratings against 91%).');
    expect(w.lines[0]).toBe(
      'On 22 answers it did not learn from (11 you rated good, 11 bad), it agrees with your ratings 82% of the time; the current reviewer agrees 91%.',
    );
    expect(w.lines.at(-1)).toMatch(/at least 10 points more often/);
    expect(w.tone).toBe('warn');
    expect(describeCheck(base, 1, true).headline).toMatch(/You switched it on anyway\.$/);
  });

  it('names a lower evaluation score as the reason when agreement alone would have been enough', () => {
    const w = describeCheck(
      {
        ...base,
        current: { agreement: 0.8, good_passed: 11, bad_sent_back: 7 },
        candidate: { agreement: 1, good_passed: 11, bad_sent_back: 11 },
        dataset: { cases: 59, overall_without: 0.728, overall_with: 0.71, critic_doubts: 13, three_identical_attempts: 0 },
      },
      2,
      false,
    );
    expect(w.headline).toBe('Version 2 is not switched on: it would lower the evaluation score (0.71 instead of 0.73).');
    expect(w.lines).toContain('On the 59 evaluation questions the co-pilot scores 0.73 without it and 0.71 with it.');
  });

  it('a better version reads as switched on; a too-small check says how many ratings are missing', () => {
    expect(describeCheck({ ...base, outcome: 'better' }, 3, true)).toMatchObject({
      headline: 'Version 3 is switched on: it is better than the current reviewer.',
      tone: 'good',
    });
    expect(describeCheck({ ...base, outcome: 'too-few', needs: { good: 2, bad: 5 } }, 4, false).headline).toMatch(/rate 2 more good and 5 more bad answers/);
    expect(describeCheck(null, 5, true).headline).toBe('Version 5 is on. It was trained before new versions were checked.');
  });
});
