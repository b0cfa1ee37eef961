/**
 * Checks a freshly trained version end to end, wherever the client book is open (the evaluation
 * worker in the app, the CLI in Node): calibration and comparison on the held-back ratings, then
 * the evaluation dataset scored without and with the calibrated version in the loop.
 */
import type { Critic, Reflector } from '../agents/reflection.ts';
import { AppError, toAppError } from '../errors.ts';
import type { AnswerFn, EvalCase } from '../eval/types.ts';
import type { Embedder } from '../playbook/types.ts';
import { withDatasetEffect } from './assessment.ts';
import { checkCritic } from './check.ts';
import { criticHook } from './critic-hook.ts';
import type { CriticModel } from './critic.ts';
import { measureCriticEffect, type EffectProgress } from './dataset-effect.ts';
import type { ReviewContext } from './record-review.ts';
import type { FeedbackRecord } from './records.ts';

/** What to check: plain data, so it can cross a worker boundary. */
export interface CheckRequest {
  critic: CriticModel;
  /** The answers it was not trained on (TrainResult.held_back) and where they came from. */
  heldBack: FeedbackRecord[];
  fromRatings: number;
  fromExamples: number;
  /** More ratings of each kind the check is short of, if any. */
  needs?: { good: number; bad: number };
  /** The version in use today (active and switched on), which the new one must beat. */
  current?: CriticModel;
}

export interface CheckEnvironment {
  /** The embedder critics are trained with. */
  criticEmbedder: Embedder;
  /** The embedder behind the evaluation metrics. */
  metricEmbedder: Embedder;
  rules: Reflector;
  review: ReviewContext;
  cases: EvalCase[];
  /** The co-pilot's answer function, with a critic in reflection when one is given. */
  answerWith: (critic?: Critic) => AnswerFn;
  signal?: AbortSignal;
  onProgress?: (p: EffectProgress) => void;
}

export interface CheckedVersion {
  /** The version with its calibration and its check (including the dataset effect when measured). */
  critic: CriticModel;
  /** Why the evaluation dataset could not be scored with it, if it could not. */
  datasetError?: string;
}

export async function checkVersion(req: CheckRequest, env: CheckEnvironment): Promise<CheckedVersion> {
  const checked = await checkCritic(req.critic, req.heldBack, {
    embedder: env.criticEmbedder,
    rules: env.rules,
    review: env.review,
    current: req.current ? criticHook(req.current, env.criticEmbedder) : null,
    fromRatings: req.fromRatings,
    fromExamples: req.fromExamples,
    needs: req.needs,
    seed: req.critic.training?.seed,
  });
  const check = checked.check;
  const hook = criticHook(checked, env.criticEmbedder);
  if (!check || !hook) throw new AppError('model-unavailable', 'This critic version was trained with another embedder: retrain it.');
  try {
    const effect = await measureCriticEffect({
      cases: env.cases,
      answerWith: env.answerWith,
      critic: hook,
      embedder: env.metricEmbedder,
      signal: env.signal,
      onProgress: env.onProgress,
    });
    return { critic: { ...checked, check: withDatasetEffect(check, effect) } };
  } catch (err) {
    const e = toAppError(err);
    if (e.code === 'cancelled' || env.signal?.aborted) throw e;
    return { critic: checked, datasetError: e.message };
  }
}
