/**
 * PPO for the reflection critic, in plain TypeScript. The policy is a logistic model over the
 * features giving a Bernoulli over actions {retry = 0, pass = 1}; a linear value head is the
 * baseline. Each episode is one step: the policy judges one answer and gets reward +1 when its
 * action agrees with the human label, −1 otherwise. Updates maximize the clipped surrogate
 * objective with a KL penalty to the reference (initial) policy, using Adam over minibatches.
 */
import { AppError } from '../errors.ts';
import { mulberry32, shuffled } from '../prng.ts';

/** Weights of a linear head: logit (policy) or value = w·x + b. */
export interface LinearHead {
  w: number[];
  b: number;
}

export interface PpoConfig {
  /** Epochs as the CLI counts them; one epoch = `rolloutsPerEpoch` PPO iterations. */
  epochs: number;
  /** Base learning rate in the original's (transformer fine-tuning) units; see `lrScale`. */
  lr: number;
  /** Adam step = lr × lrScale. 1e4 turns the original's 1e-5 into 0.1, a sound step for a ~30-weight linear policy. */
  lrScale: number;
  rolloutsPerEpoch: number;
  /** Passes over the rollout per PPO iteration. */
  ppoEpochs: number;
  minibatch: number;
  clipEps: number;
  /** β: weight of KL(π‖π_ref). */
  klCoef: number;
  /** Weight of the value-head squared error. */
  valueCoef: number;
  normalizeAdvantages: boolean;
  seed: number;
}

/**
 * Defaults, with `--epochs 3 --lr 1e-5` as in the original. There, 1e-5 was a fine-tuning rate for
 * a 1.1B-parameter TinyLlama; our policy has 35 weights. So here one epoch = 16 PPO iterations
 * (each: a rollout over the training split, then 4 passes of minibatch Adam updates) and the Adam
 * step is lr × lrScale = 1e-5 × 1e4 = 0.1. Three such epochs train a useful critic on 20 records.
 */
export const DEFAULT_PPO: PpoConfig = {
  epochs: 3,
  lr: 1e-5,
  lrScale: 1e4,
  rolloutsPerEpoch: 16,
  ppoEpochs: 4,
  minibatch: 4,
  clipEps: 0.2,
  klCoef: 0.05,
  valueCoef: 0.5,
  normalizeAdvantages: true,
  seed: 42,
};

export interface EpochStats {
  epoch: number;
  /** Mean reward of the actions sampled during this epoch's rollouts (−1…1). */
  mean_reward: number;
  val_accuracy: number;
  train_accuracy: number;
  /** Mean KL(π‖π_ref) over the training set at the end of the epoch. */
  kl: number;
  /** Fraction of sample updates whose probability ratio was clipped. */
  clip_fraction: number;
  value_loss: number;
}

export interface Dataset {
  x: number[][];
  /** 1 = the agent's answer was correct (so "pass" is right), 0 = it was not. */
  y: number[];
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function linear(head: LinearHead, x: readonly number[]): number {
  let s = head.b;
  for (let i = 0; i < head.w.length; i++) s += head.w[i] * x[i];
  return s;
}

/** Log-probability of action a (1 = pass) under logit z. */
export function logProb(z: number, a: number): number {
  return a === 1 ? -Math.log1p(Math.exp(-z)) : -Math.log1p(Math.exp(z));
}

/** Bernoulli KL(p‖q). */
export function bernoulliKl(p: number, q: number): number {
  const t = (a: number, b: number) => (a <= 0 ? 0 : a * Math.log(a / b));
  return t(p, q) + t(1 - p, 1 - q);
}

/** One-step episodes: advantage = reward − value, optionally normalized to zero mean, unit std. */
export function computeAdvantages(rewards: readonly number[], values: readonly number[], normalize: boolean): number[] {
  const adv = rewards.map((r, i) => r - values[i]);
  if (!normalize || adv.length < 2) return adv;
  const mean = adv.reduce((s, a) => s + a, 0) / adv.length;
  const std = Math.sqrt(adv.reduce((s, a) => s + (a - mean) ** 2, 0) / adv.length);
  return adv.map((a) => (a - mean) / (std + 1e-8));
}

/**
 * The clipped surrogate min(r·A, clip(r, 1−ε, 1+ε)·A) and its derivative in r: zero when the
 * clipped term is the smaller one (r above 1+ε with A > 0, or below 1−ε with A < 0).
 */
export function clippedSurrogate(ratio: number, adv: number, eps: number): { value: number; dRatio: number; clipped: boolean } {
  const unclipped = ratio * adv;
  const clippedValue = Math.min(Math.max(ratio, 1 - eps), 1 + eps) * adv;
  if (clippedValue < unclipped) return { value: clippedValue, dRatio: 0, clipped: true };
  return { value: unclipped, dRatio: adv, clipped: false };
}

export interface Sample {
  x: readonly number[];
  action: number;
  oldLogProb: number;
  advantage: number;
  reward: number;
}

/**
 * Loss (−surrogate + β·KL) of a minibatch and its gradient in the policy weights. The KL gradient
 * in the logit is p(1−p)(z − z_ref) for Bernoulli policies.
 */
export function policyLossGrad(policy: LinearHead, reference: LinearHead, batch: readonly Sample[], clipEps: number, klCoef: number) {
  const gradW = new Array<number>(policy.w.length).fill(0);
  let gradB = 0;
  let loss = 0;
  let clippedCount = 0;
  for (const s of batch) {
    const z = linear(policy, s.x);
    const zRef = linear(reference, s.x);
    const p = sigmoid(z);
    const ratio = Math.exp(logProb(z, s.action) - s.oldLogProb);
    const sur = clippedSurrogate(ratio, s.advantage, clipEps);
    if (sur.clipped) clippedCount++;
    loss += -sur.value + klCoef * bernoulliKl(p, sigmoid(zRef));
    const dz = -sur.dRatio * ratio * (s.action - p) + klCoef * p * (1 - p) * (z - zRef);
    for (let i = 0; i < gradW.length; i++) gradW[i] += (dz * s.x[i]) / batch.length;
    gradB += dz / batch.length;
  }
  return { loss: loss / batch.length, gradW, gradB, clipFraction: clippedCount / batch.length };
}

/** Adam over a linear head's weights. */
class Adam {
  #m: number[];
  #v: number[];
  #t = 0;
  constructor(
    size: number,
    private readonly lr: number,
    private readonly b1 = 0.9,
    private readonly b2 = 0.999,
  ) {
    this.#m = new Array<number>(size).fill(0);
    this.#v = new Array<number>(size).fill(0);
  }
  step(head: LinearHead, gradW: readonly number[], gradB: number): void {
    this.#t++;
    const grads = [...gradW, gradB];
    const c1 = 1 - this.b1 ** this.#t;
    const c2 = 1 - this.b2 ** this.#t;
    for (let i = 0; i < grads.length; i++) {
      this.#m[i] = this.b1 * this.#m[i] + (1 - this.b1) * grads[i];
      this.#v[i] = this.b2 * this.#v[i] + (1 - this.b2) * grads[i] ** 2;
      const delta = (this.lr * (this.#m[i] / c1)) / (Math.sqrt(this.#v[i] / c2) + 1e-8);
      if (i < head.w.length) head.w[i] -= delta;
      else head.b -= delta;
    }
  }
}

/** Greedy accuracy: pass when P(pass) ≥ 0.5. */
export function accuracy(policy: LinearHead, data: Dataset): number {
  if (data.y.length === 0) return 0;
  let right = 0;
  data.x.forEach((x, i) => {
    if (+(sigmoid(linear(policy, x)) >= 0.5) === data.y[i]) right++;
  });
  return right / data.y.length;
}

const zeros = (n: number): LinearHead => ({ w: new Array<number>(n).fill(0), b: 0 });

export interface PpoResult {
  policy: LinearHead;
  value: LinearHead;
  history: EpochStats[];
  val_accuracy_before: number;
}

/**
 * Trains policy and value heads with PPO. Starts from zero weights (P(pass) = 0.5, the untrained
 * critic that vetoes nothing), which is also the KL reference. Deterministic for a seed.
 */
export async function trainPpo(
  train: Dataset,
  val: Dataset,
  config: PpoConfig,
  hooks: { onEpoch?: (s: EpochStats) => void | Promise<void>; signal?: AbortSignal } = {},
): Promise<PpoResult> {
  if (train.x.length === 0) throw new AppError('bad-feedback', 'No training examples.');
  const dims = train.x[0].length;
  const rand = mulberry32(config.seed);
  const policy = zeros(dims);
  const reference = zeros(dims);
  const value = zeros(dims);
  const step = config.lr * config.lrScale;
  const policyOpt = new Adam(dims + 1, step);
  const valueOpt = new Adam(dims + 1, step);
  const history: EpochStats[] = [];
  const val_accuracy_before = accuracy(policy, val);

  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    let rewardSum = 0;
    let rewardCount = 0;
    let clipped = 0;
    let updates = 0;
    let valueLoss = 0;
    for (let it = 0; it < config.rolloutsPerEpoch; it++) {
      if (hooks.signal?.aborted) throw new AppError('cancelled', 'Training was cancelled.');
      // Rollout: the current policy judges every training answer once.
      const samples: Sample[] = train.x.map((x, i) => {
        const z = linear(policy, x);
        const action = rand() < sigmoid(z) ? 1 : 0;
        return { x, action, oldLogProb: logProb(z, action), advantage: 0, reward: action === train.y[i] ? 1 : -1 };
      });
      const advantages = computeAdvantages(
        samples.map((s) => s.reward),
        samples.map((s) => linear(value, s.x)),
        config.normalizeAdvantages,
      );
      samples.forEach((s, i) => {
        s.advantage = advantages[i];
        rewardSum += s.reward;
        rewardCount++;
      });
      for (let k = 0; k < config.ppoEpochs; k++) {
        const order = shuffled(samples, rand);
        for (let start = 0; start < order.length; start += config.minibatch) {
          const batch = order.slice(start, start + config.minibatch);
          const g = policyLossGrad(policy, reference, batch, config.clipEps, config.klCoef);
          policyOpt.step(policy, g.gradW, g.gradB);
          clipped += g.clipFraction * batch.length;
          updates += batch.length;
          const vw = new Array<number>(dims).fill(0);
          let vb = 0;
          for (const s of batch) {
            const err = linear(value, s.x) - s.reward;
            valueLoss += 0.5 * err * err;
            for (let i = 0; i < dims; i++) vw[i] += (config.valueCoef * err * s.x[i]) / batch.length;
            vb += (config.valueCoef * err) / batch.length;
          }
          valueOpt.step(value, vw, vb);
        }
      }
    }
    const kl = train.x.reduce((s, x) => s + bernoulliKl(sigmoid(linear(policy, x)), sigmoid(linear(reference, x))), 0) / train.x.length;
    const stats: EpochStats = {
      epoch,
      mean_reward: rewardSum / rewardCount,
      val_accuracy: accuracy(policy, val),
      train_accuracy: accuracy(policy, train),
      kl,
      clip_fraction: clipped / updates,
      value_loss: valueLoss / updates,
    };
    history.push(stats);
    await hooks.onEpoch?.(stats);
    // Let a worker see cancel() between epochs.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return { policy, value, history, val_accuracy_before };
}
