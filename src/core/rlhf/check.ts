/**
 * Checks a freshly trained critic on the answers it was not trained on: calibrates its scores
 * there (Platt scaling; the calibration error is measured without letting an answer calibrate
 * itself, and the scaling is kept only when it lowers that error) and compares "rules + new
 * version" with the reviewer in use today.
 */
import type { Critic, Reflector } from '../agents/reflection.ts';
import type { Embedder } from '../playbook/types.ts';
import { compareReviewers } from './assessment.ts';
import { IDENTITY_SCALING, crossFittedScores, expectedCalibrationError, fitPlatt } from './calibration.ts';
import { CRITIC_THRESHOLD, recordToInput, scoreCritic, type CriticModel } from './critic.ts';
import { extractFeatures } from './features.ts';
import { recordToReflectionInput, reviewRecords, type ReviewContext } from './record-review.ts';
import type { FeedbackRecord } from './records.ts';

export interface CheckOptions {
  embedder: Embedder;
  /** The rule checks (the built-in reviewer). */
  rules: Reflector;
  /** The critic in use today, if any: today's reviewer is the rules plus it. */
  current?: Critic | null;
  /** The client book and date for re-reviewing ratings that carry no recorded verdict. */
  review?: ReviewContext;
  knownClients?: readonly string[];
  /** Where the held-back answers came from. */
  fromRatings: number;
  fromExamples: number;
  /** More ratings of each kind the check needs, when short. */
  needs?: { good: number; bad: number };
  seed?: number;
}

/** Returns the critic with its calibration and its check against today's reviewer. */
export async function checkCritic(critic: CriticModel, heldBack: readonly FeedbackRecord[], o: CheckOptions): Promise<CriticModel> {
  const labels = heldBack.map((r) => r.correctness);
  const y = labels.map(Number);
  const xs = await extractFeatures(heldBack.map(recordToInput), o.embedder, critic.feature_spec, o.knownClients ?? []);
  const raw = xs.map((x) => scoreCritic(critic, x));
  const crossFitted = crossFittedScores(raw, y, 5, o.seed ?? 7);
  const eceRaw = expectedCalibrationError(raw, y);
  const eceScaled = expectedCalibrationError(crossFitted, y);
  // Scaling is kept only when it makes the held-back scores more honest; a critic that is
  // already calibrated there keeps its own scores (identity scaling).
  const scale = eceScaled < eceRaw;
  const scores = scale ? crossFitted : raw;
  const rules = await reviewRecords(heldBack, o.rules, o.review);
  const current = await Promise.all(
    heldBack.map(async (r, i): Promise<'pass' | 'retry'> => {
      // Today's critic, like any critic, only speaks about answers the checks passed.
      if (rules[i] !== 'pass' || !o.current) return rules[i];
      return (await o.current.score(await recordToReflectionInput(r))).score >= CRITIC_THRESHOLD ? 'pass' : 'retry';
    }),
  );
  const check = compareReviewers({
    labels,
    current,
    rules,
    scores,
    threshold: CRITIC_THRESHOLD,
    ece_before: eceRaw,
    ece_after: scale ? eceScaled : eceRaw,
    from_ratings: o.fromRatings,
    from_examples: o.fromExamples,
    needs: o.needs,
  });
  const scaling = scale ? fitPlatt(raw, y) : IDENTITY_SCALING;
  return { ...critic, calibration: { ...scaling, n: heldBack.length }, check };
}
