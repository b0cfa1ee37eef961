/**
 * The reflection critic: a PPO-trained policy that says "pass" or "retry" for an answer. It is a
 * plain JSON object, so it can be saved to a file, to IndexedDB or sent across a worker.
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { ReflectionVerdict } from '../agents/types.ts';
import type { Embedder } from '../playbook/types.ts';
import { extractFeatures, featureSpec, type CriticInput, type FeatureSpec } from './features.ts';
import { DEFAULT_PPO, linear, sigmoid, trainPpo, type EpochStats, type LinearHead, type PpoConfig } from './ppo.ts';
import { mulberry32, shuffled } from '../prng.ts';
import type { FeedbackRecord } from './records.ts';

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
}

const head = z.object({ w: z.array(z.number()), b: z.number() });
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
  return { kind: 'reflection-critic', format: CRITIC_FORMAT, version: 0, trained_at: null, embedder_id: embedder.id, feature_spec: spec, policy: zero(), value: zero() };
}

/** Probability that the critic says "pass" for a feature vector. */
export function scoreCritic(model: CriticModel, features: readonly number[]): number {
  if (features.length !== model.policy.w.length) {
    throw new AppError('model-unavailable', `The critic expects ${model.policy.w.length} features, got ${features.length}.`);
  }
  return sigmoid(linear(model.policy, features));
}

/** Scores one answer: pass when P(pass) ≥ 0.5. Reflection passes only if its rules pass too. */
export async function critiqueAnswer(
  model: CriticModel,
  embedder: Embedder,
  input: CriticInput,
  knownClients: readonly string[] = [],
): Promise<{ verdict: 'pass' | 'retry'; critic_score: number }> {
  const [x] = await extractFeatures([input], embedder, model.feature_spec, knownClients);
  const critic_score = scoreCritic(model, x);
  return { verdict: critic_score >= 0.5 ? 'pass' : 'retry', critic_score };
}

/**
 * Reflection with the critic taking part: pass only when the rules pass and the critic says pass.
 * Without a critic (none trained, or reset) the rules decide alone.
 */
export function combineVerdicts(
  rules: ReflectionVerdict,
  critic: { verdict: 'pass' | 'retry'; critic_score: number } | undefined,
): ReflectionVerdict {
  if (!critic) return rules;
  const score = Math.round(critic.critic_score * 1000) / 1000;
  if (rules.verdict === 'pass' && critic.verdict === 'retry') {
    return {
      verdict: 'retry',
      feedback: `The trained critic expects reps to reject this answer (P(pass) = ${score}): check the tools used and that every figure and client name comes from the tool results.`,
      critic_score: critic.critic_score,
    };
  }
  return { ...rules, critic_score: critic.critic_score };
}

export function recordToInput(r: FeedbackRecord): CriticInput {
  return { question: r.user_input, answer: r.crm_output, tools: r.tool_calls_made, results: r.tool_results ?? [] };
}

/** Stratified, seeded split: each label keeps its share in validation (at least one when it has two). */
export function stratifiedSplit<T>(items: readonly T[], label: (t: T) => boolean, valFraction: number, seed: number) {
  const rand = mulberry32(seed ^ 0x5eed);
  const train: T[] = [];
  const val: T[] = [];
  for (const cls of [true, false]) {
    const group = shuffled(
      items.filter((t) => label(t) === cls),
      rand,
    );
    let nVal = Math.round(group.length * valFraction);
    if (valFraction > 0 && group.length >= 2) nVal = Math.min(Math.max(nVal, 1), group.length - 1);
    val.push(...group.slice(0, nVal));
    train.push(...group.slice(nVal));
  }
  return { train, val };
}

export interface TrainOptions extends Partial<PpoConfig> {
  embedder: Embedder;
  /** Share of records held out for validation (stratified). */
  valFraction?: number;
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
}

/** Trains a reflection critic on feedback records with PPO (see ppo.ts for what epoch and lr mean). */
export async function trainCritic(records: readonly FeedbackRecord[], options: TrainOptions): Promise<TrainResult> {
  const { embedder, valFraction = 0.3, knownClients = [], onEpoch, signal, now, ...ppo } = options;
  const config: PpoConfig = { ...DEFAULT_PPO, ...definedOnly(ppo) };
  if (records.length < 2) throw new AppError('bad-feedback', 'Training needs at least two feedback records.');
  if (!records.some((r) => r.correctness) || !records.some((r) => !r.correctness)) {
    throw new AppError('bad-feedback', 'Training needs both correct and incorrect examples.');
  }
  const spec = featureSpec(embedder);
  const { train, val } = stratifiedSplit(records, (r) => r.correctness, valFraction, config.seed);
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
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
