/**
 * The reflection critic: a PPO-trained policy that says "pass" or "retry" for an answer, with its
 * scores calibrated on held-back answers and the check that decided whether it may be switched
 * on. It is a plain JSON object, so it can be saved to a file, to IndexedDB or sent to a worker.
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Embedder } from '../playbook/types.ts';
import { HELD_BACK_FRACTION, holdBack, type CriticCheck } from './assessment.ts';
import { applyScaling, type PlattScaling } from './calibration.ts';
import { extractFeatures, featureSpec, type CriticInput, type FeatureSpec } from './features.ts';
import { DEFAULT_PPO, linear, sigmoid, trainPpo, type EpochStats, type LinearHead, type PpoConfig } from './ppo.ts';
import type { FeedbackRecord } from './records.ts';

export { stratifiedSplit } from './split.ts';

export const CRITIC_FORMAT = 1;

export interface CriticModel {
  kind: 'reflection-critic';
  format: typeof CRITIC_FORMAT;
  /** Revision in the critic store; 0 until saved (and for the untrained critic). */
  version: number;
  /** ISO time of training; null for the untrained critic. */
  trained_at: string | null;
  embedder_id: string;
  feature_spec: FeatureSpec;
  policy: LinearHead;
  value: LinearHead;
  training?: {
    epochs: number;
    lr: number;
    seed: number;
    n_train: number;
    n_val: number;
    val_accuracy_before: number;
    val_accuracy_after: number;
  };
  /** Platt scaling learned on held-back answers; scores are calibrated P(good) when present. */
  calibration?: PlattScaling & { n: number };
  /** How the version compared with the reviewer in use when it was trained. */
  check?: CriticCheck;
}

/** P(pass) at or above this, the critic has no doubt about an answer. */
export const CRITIC_THRESHOLD = 0.5;

const head = z.object({ w: z.array(z.number()), b: z.number() });
const reviewerScore = z.object({ agreement: z.number(), good_passed: z.number(), bad_sent_back: z.number() });
const checkSchema = z.object({
  outcome: z.enum(['better', 'not-better', 'too-few']),
  margin: z.number(),
  min_per_class: z.number(),
  good: z.number(),
  bad: z.number(),
  from_ratings: z.number(),
  from_examples: z.number(),
  needs: z.object({ good: z.number(), bad: z.number() }).optional(),
  current: reviewerScore,
  candidate: reviewerScore,
  ece_before: z.number(),
  ece_after: z.number(),
  dataset: z
    .object({ cases: z.number(), overall_without: z.number(), overall_with: z.number(), critic_doubts: z.number(), three_identical_attempts: z.number() })
    .optional(),
});
const criticSchema = z.object({
  kind: z.literal('reflection-critic'),
  format: z.literal(CRITIC_FORMAT),
  version: z.number().int().min(0),
  trained_at: z.string().nullable(),
  embedder_id: z.string(),
  feature_spec: z.object({
    version: z.number(),
    embedder_id: z.string(),
    embedder_dims: z.number().int().positive(),
    proj_dim: z.number().int().positive(),
    proj_seed: z.number().int(),
    names: z.array(z.string()),
  }),
  policy: head,
  value: head,
  training: z
    .object({
      epochs: z.number(),
      lr: z.number(),
      seed: z.number(),
      n_train: z.number(),
      n_val: z.number(),
      val_accuracy_before: z.number(),
      val_accuracy_after: z.number(),
    })
    .optional(),
  calibration: z.object({ method: z.literal('platt'), a: z.number(), b: z.number(), n: z.number() }).optional(),
  check: checkSchema.optional(),
});

/** Validates a critic loaded from a file or storage. */
export function parseCriticModel(data: unknown): CriticModel {
  const r = criticSchema.safeParse(data);
  if (!r.success || r.data.policy.w.length !== r.data.feature_spec.names.length) {
    throw new AppError('model-unavailable', 'This file is not a reflection critic of a supported version.');
  }
  return r.data as CriticModel;
}

/** A critic with zero weights: P(pass) = 0.5 everywhere, so it never vetoes the rules. */
export function untrainedCritic(embedder: Pick<Embedder, 'id' | 'dims'>): CriticModel {
  const spec = featureSpec(embedder);
  const zero = (): LinearHead => ({ w: new Array<number>(spec.names.length).fill(0), b: 0 });
  return {
    kind: 'reflection-critic',
    format: CRITIC_FORMAT,
    version: 0,
    trained_at: null,
    embedder_id: embedder.id,
    feature_spec: spec,
    policy: zero(),
    value: zero(),
  };
}

/** The policy's raw probability that the critic says "pass" for a feature vector (not calibrated). */
export function scoreCritic(model: CriticModel, features: readonly number[]): number {
  if (features.length !== model.policy.w.length) {
    throw new AppError('model-unavailable', `The critic expects ${model.policy.w.length} features, got ${features.length}.`);
  }
  return sigmoid(linear(model.policy, features));
}

/** The score reflection uses: calibrated P(good) when the version has a calibration, else the raw one. */
export function calibratedScore(model: CriticModel, features: readonly number[]): number {
  const raw = scoreCritic(model, features);
  return model.calibration ? applyScaling(model.calibration, raw) : raw;
}

export interface CritiqueResult {
  verdict: 'pass' | 'retry';
  /** Calibrated P(good) when `calibrated`, else the raw policy probability. */
  critic_score: number;
  raw_score: number;
  calibrated: boolean;
}

/** Scores one answer: pass when the (calibrated) score is at least CRITIC_THRESHOLD. */
export async function critiqueAnswer(
  model: CriticModel,
  embedder: Embedder,
  input: CriticInput,
  knownClients: readonly string[] = [],
): Promise<CritiqueResult> {
  const [x] = await extractFeatures([input], embedder, model.feature_spec, knownClients);
  const raw_score = scoreCritic(model, x);
  const critic_score = model.calibration ? applyScaling(model.calibration, raw_score) : raw_score;
  return { verdict: critic_score >= CRITIC_THRESHOLD ? 'pass' : 'retry', critic_score, raw_score, calibrated: !!model.calibration };
}

export function recordToInput(r: FeedbackRecord): CriticInput {
  return { question: r.user_input, answer: r.crm_output, tools: r.tool_calls_made, results: r.tool_results ?? [] };
}

export interface TrainOptions extends Partial<PpoConfig> {
  embedder: Embedder;
  /** Share of records held out for validation (stratified). */
  valFraction?: number;
  /**
   * Reference ratings (the shipped examples) never trained on unless they are among `records`;
   * the ones not trained on join the held-back answers the version is checked on.
   */
  reference?: readonly FeedbackRecord[];
  /** Client names that help spot answers about the wrong client (tool results are used anyway). */
  knownClients?: readonly string[];
  onEpoch?: (s: EpochStats) => void | Promise<void>;
  signal?: AbortSignal;
  now?: Date;
}

export interface TrainResult {
  critic: CriticModel;
  history: EpochStats[];
  val_accuracy_before: number;
  val_accuracy_after: number;
  mean_reward_first_epoch: number;
  mean_reward_last_epoch: number;
  /** The answers the version was not trained on (validation), for its check and calibration. */
  held_back: FeedbackRecord[];
  held_back_from_ratings: number;
  held_back_from_examples: number;
}

/** Trains a reflection critic on feedback records with PPO (see ppo.ts for what epoch and lr mean). */
export async function trainCritic(records: readonly FeedbackRecord[], options: TrainOptions): Promise<TrainResult> {
  const { embedder, valFraction = HELD_BACK_FRACTION, reference = [], knownClients = [], onEpoch, signal, now, ...ppo } = options;
  const config: PpoConfig = { ...DEFAULT_PPO, ...definedOnly(ppo) };
  if (records.length < 2) throw new AppError('bad-feedback', 'Training needs at least two feedback records.');
  if (!records.some((r) => r.correctness) || !records.some((r) => !r.correctness)) {
    throw new AppError('bad-feedback', 'Training needs both correct and incorrect examples.');
  }
  const spec = featureSpec(embedder);
  const split = holdBack(records, reference, config.seed, valFraction);
  const { train, check: val } = split;
  const toData = async (rs: FeedbackRecord[]) => ({
    x: await extractFeatures(rs.map(recordToInput), embedder, spec, knownClients),
    y: rs.map((r) => +r.correctness),
  });
  const trainSet = await toData(train);
  const valSet = await toData(val);
  const result = await trainPpo(trainSet, valSet, config, { onEpoch, signal });
  const last = result.history.at(-1);
  const val_accuracy_after = last ? last.val_accuracy : result.val_accuracy_before;
  const critic: CriticModel = {
    kind: 'reflection-critic',
    format: CRITIC_FORMAT,
    version: 0,
    trained_at: (now ?? new Date()).toISOString(),
    embedder_id: embedder.id,
    feature_spec: spec,
    policy: result.policy,
    value: result.value,
    training: {
      epochs: config.epochs,
      lr: config.lr,
      seed: config.seed,
      n_train: train.length,
      n_val: val.length,
      val_accuracy_before: result.val_accuracy_before,
      val_accuracy_after,
    },
  };
  return {
    critic,
    history: result.history,
    val_accuracy_before: result.val_accuracy_before,
    val_accuracy_after,
    mean_reward_first_epoch: result.history[0]?.mean_reward ?? 0,
    mean_reward_last_epoch: last?.mean_reward ?? 0,
    held_back: val,
    held_back_from_ratings: split.fromRatings,
    held_back_from_examples: split.fromExamples,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
