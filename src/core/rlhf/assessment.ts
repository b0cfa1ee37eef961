/**
 * Whether a newly trained critic deserves to be switched on. It is checked on answers it was not
 * trained on — the held-back share of the rep's ratings plus the shipped example ratings — against
 * the reviewer in use today, and is "better" only when it agrees with the rep's ratings by at
 * least `CHECK_MARGIN` more (good and bad answers weighted equally) and, when the evaluation
 * dataset was scored, does not lower that score. Plain data in, plain data out.
 */
import { stratifiedSplit } from './split.ts';
import type { FeedbackRecord } from './records.ts';

/** The new version must agree with the rep's ratings this much more often (balanced) than today's reviewer. */
export const CHECK_MARGIN = 0.1;
/** Fewer held-back good (or bad) answers than this and no comparison is made. */
export const MIN_CHECK_PER_CLASS = 8;
/** Share of the rep's ratings held back from training for the check. */
export const HELD_BACK_FRACTION = 0.3;

/** How one reviewer did on the held-back answers. */
export interface ReviewerScore {
  /** Mean of "good answers passed" and "bad answers sent back" shares (0..1). */
  agreement: number;
  good_passed: number;
  bad_sent_back: number;
}

/** The evaluation dataset scored without and with the new version in the loop. */
export interface DatasetEffect {
  cases: number;
  overall_without: number;
  overall_with: number;
  /** Questions on which the critic doubted an answer the rule checks passed. */
  critic_doubts: number;
  /** Questions where the critic was shown the very same answer three times. */
  three_identical_attempts: number;
}

export type CheckOutcome = 'better' | 'not-better' | 'too-few';

/** The result of checking a trained version, stored with it and shown on the Feedback page. */
export interface CriticCheck {
  outcome: CheckOutcome;
  margin: number;
  min_per_class: number;
  /** Held-back answers the check used, by the rep's label. */
  good: number;
  bad: number;
  from_ratings: number;
  from_examples: number;
  /** More ratings of each kind the check needs (only when `too-few`). */
  needs?: { good: number; bad: number };
  current: ReviewerScore;
  candidate: ReviewerScore;
  /** Calibration error of the critic's scores on the held-back answers, raw and after calibration. */
  ece_before: number;
  ece_after: number;
  dataset?: DatasetEffect;
}

/** A stable identity for a rating (same question and answer = same rating). */
export const ratingKey = (r: Pick<FeedbackRecord, 'user_input' | 'crm_output'>): string => `${r.user_input.trim()}\u0000${r.crm_output.trim()}`;

export interface HeldBack {
  train: FeedbackRecord[];
  check: FeedbackRecord[];
  fromRatings: number;
  fromExamples: number;
}

/**
 * Splits the rep's ratings into training and held-back shares (stratified, seeded) and adds every
 * reference rating the version will not be trained on.
 */
export function holdBack(records: readonly FeedbackRecord[], reference: readonly FeedbackRecord[], seed: number, fraction = HELD_BACK_FRACTION): HeldBack {
  const { train, val } = stratifiedSplit(records, (r) => r.correctness, fraction, seed);
  const seen = new Set(train.map(ratingKey));
  for (const r of val) seen.add(ratingKey(r));
  const extra = reference.filter((r) => {
    const k = ratingKey(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { train, check: [...val, ...extra], fromRatings: val.length, fromExamples: extra.length };
}

/** Held-back count of one class with n ratings, as `stratifiedSplit` makes it. */
function heldBackOf(n: number, fraction: number): number {
  if (n < 2) return 0;
  return Math.min(Math.max(Math.round(n * fraction), 1), n - 1);
}

/** How many held-back answers of each kind there would be, and how many more ratings each kind needs. */
export function checkReadiness(records: readonly FeedbackRecord[], reference: readonly FeedbackRecord[], fraction = HELD_BACK_FRACTION) {
  const own = new Set(records.map(ratingKey));
  const count = (cls: boolean) => {
    const mine = records.filter((r) => r.correctness === cls).length;
    const examples = new Set(reference.filter((r) => r.correctness === cls && !own.has(ratingKey(r))).map(ratingKey)).size;
    const have = heldBackOf(mine, fraction) + examples;
    let more = 0;
    while (heldBackOf(mine + more, fraction) + examples < MIN_CHECK_PER_CLASS) more++;
    return { have, more };
  };
  const good = count(true);
  const bad = count(false);
  return { good: good.have, bad: bad.have, needs: { good: good.more, bad: bad.more }, ok: good.more === 0 && bad.more === 0 };
}

/** Agreement of a reviewer's decisions with the rep's labels (true = good answer). */
export function reviewerScore(labels: readonly boolean[], decisions: readonly ('pass' | 'retry')[]): ReviewerScore {
  let good = 0;
  let bad = 0;
  let passed = 0;
  let sentBack = 0;
  labels.forEach((isGood, i) => {
    if (isGood) {
      good++;
      if (decisions[i] === 'pass') passed++;
    } else {
      bad++;
      if (decisions[i] === 'retry') sentBack++;
    }
  });
  const rate = (k: number, n: number) => (n === 0 ? 0 : k / n);
  return { agreement: (rate(passed, good) + rate(sentBack, bad)) / 2, good_passed: passed, bad_sent_back: sentBack };
}

export interface CompareInput {
  labels: boolean[];
  /** Today's reviewer (rules, plus the critic in use if any). */
  current: ('pass' | 'retry')[];
  /** The rules alone: the new version can only add doubts to answers they pass. */
  rules: ('pass' | 'retry')[];
  /** The new version's calibrated P(good) for each answer, never calibrated on the answer itself. */
  scores: number[];
  threshold: number;
  ece_before: number;
  ece_after: number;
  from_ratings: number;
  from_examples: number;
  /** Ratings the check is short of; omitted when there are enough. */
  needs?: { good: number; bad: number };
}

/** Compares the new version with today's reviewer on the held-back answers. */
export function compareReviewers(c: CompareInput): CriticCheck {
  const candidate = c.rules.map((r, i): 'pass' | 'retry' => (r === 'pass' && c.scores[i] >= c.threshold ? 'pass' : 'retry'));
  const good = c.labels.filter(Boolean).length;
  const bad = c.labels.length - good;
  const current = reviewerScore(c.labels, c.current);
  const cand = reviewerScore(c.labels, candidate);
  const tooFew = good < MIN_CHECK_PER_CLASS || bad < MIN_CHECK_PER_CLASS;
  const better = cand.agreement - current.agreement >= CHECK_MARGIN - 1e-9;
  return {
    outcome: tooFew ? 'too-few' : better ? 'better' : 'not-better',
    margin: CHECK_MARGIN,
    min_per_class: MIN_CHECK_PER_CLASS,
    good,
    bad,
    from_ratings: c.from_ratings,
    from_examples: c.from_examples,
    ...(tooFew ? { needs: c.needs ?? { good: Math.max(0, MIN_CHECK_PER_CLASS - good), bad: Math.max(0, MIN_CHECK_PER_CLASS - bad) } } : {}),
    current,
    candidate: cand,
    ece_before: c.ece_before,
    ece_after: c.ece_after,
  };
}

/** Adds the evaluation-dataset effect; a version that lowers that score is not better. */
export function withDatasetEffect(check: CriticCheck, dataset: DatasetEffect): CriticCheck {
  const dropped = dataset.overall_with < dataset.overall_without - 1e-9;
  return { ...check, dataset, outcome: check.outcome === 'better' && dropped ? 'not-better' : check.outcome };
}

/** Whether the version may be switched on without the rep asking: only on evidence. */
export function shouldActivate(check: CriticCheck | undefined): boolean {
  return check?.outcome === 'better';
}
