import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PPO,
  bernoulliKl,
  clippedSurrogate,
  computeAdvantages,
  linear,
  logProb,
  policyLossGrad,
  sigmoid,
  trainPpo,
  type Dataset,
  type LinearHead,
  type Sample,
} from './ppo.ts';
import { gaussian, mulberry32 } from '../prng.ts';

/** Two Gaussian blobs separated along the first axis, with noise dims. */
function blobs(n: number, seed: number): Dataset {
  const rand = mulberry32(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    x.push([label ? 1 : -1, ...Array.from({ length: 5 }, () => 0.3 * gaussian(rand))].map((v, j) => (j === 0 ? v + 0.2 * gaussian(rand) : v)));
    y.push(label);
  }
  return { x, y };
}

describe('clipped surrogate', () => {
  it('gives zero gradient on the clipped side and the plain gradient inside the trust region', () => {
    expect(clippedSurrogate(1.5, 2, 0.2)).toEqual({ value: 1.2 * 2, dRatio: 0, clipped: true });
    expect(clippedSurrogate(0.5, -2, 0.2)).toEqual({ value: 0.8 * -2, dRatio: 0, clipped: true });
    // The unclipped side keeps its gradient: too small a ratio with a positive advantage…
    expect(clippedSurrogate(0.5, 2, 0.2)).toEqual({ value: 1, dRatio: 2, clipped: false });
    // …and too large a ratio with a negative advantage.
    expect(clippedSurrogate(1.5, -2, 0.2)).toEqual({ value: -3, dRatio: -2, clipped: false });
    expect(clippedSurrogate(1.1, 2, 0.2)).toEqual({ value: 2.2, dRatio: 2, clipped: false });
  });

  it('leaves the policy weights without gradient when every ratio is clipped (β = 0)', () => {
    const policy: LinearHead = { w: [1, -0.5], b: 0.2 };
    const x = [1, 2];
    const z = linear(policy, x);
    // Old log-prob much lower than now → ratio ≫ 1 + ε with a positive advantage.
    const sample: Sample = { x, action: 1, oldLogProb: logProb(z, 1) - 1, advantage: 1, reward: 1 };
    const g = policyLossGrad(policy, policy, [sample], 0.2, 0);
    expect(g.clipFraction).toBe(1);
    expect(g.gradW).toEqual([0, 0]);
    expect(g.gradB).toBe(0);
    const inside = policyLossGrad(policy, policy, [{ ...sample, oldLogProb: logProb(z, 1) }], 0.2, 0);
    expect(inside.clipFraction).toBe(0);
    // d(−ratio·A)/dz = −(1 − p) at ratio 1, A = 1.
    expect(inside.gradB).toBeCloseTo(-(1 - sigmoid(z)), 12);
  });
});

describe('advantages', () => {
  it('is reward minus value, optionally normalized', () => {
    expect(computeAdvantages([1, -1, 1], [0.5, -0.5, 0], false)).toEqual([0.5, -0.5, 1]);
    const norm = computeAdvantages([1, -1, 1, -1], [0, 0, 0, 0], true);
    expect(norm.reduce((s, a) => s + a, 0)).toBeCloseTo(0, 12);
    expect(norm[0]).toBeCloseTo(1, 6);
    expect(norm[1]).toBeCloseTo(-1, 6);
  });
});

describe('KL penalty', () => {
  it('matches a hand-computed Bernoulli KL', () => {
    // KL(0.8 ‖ 0.5) = 0.8·ln(1.6) + 0.2·ln(0.4)
    expect(bernoulliKl(0.8, 0.5)).toBeCloseTo(0.8 * Math.log(1.6) + 0.2 * Math.log(0.4), 12);
    expect(bernoulliKl(0.8, 0.5)).toBeCloseTo(0.192745, 5);
    expect(bernoulliKl(0.3, 0.3)).toBe(0);
  });

  it('adds β·KL to the loss with the matching gradient p(1−p)(z − z_ref)', () => {
    const policy: LinearHead = { w: [0], b: Math.log(4) }; // p = 0.8
    const reference: LinearHead = { w: [0], b: 0 }; // p = 0.5
    const sample: Sample = { x: [1], action: 1, oldLogProb: logProb(Math.log(4), 1), advantage: 0, reward: 1 };
    const g = policyLossGrad(policy, reference, [sample], 0.2, 0.5);
    expect(g.loss).toBeCloseTo(0.5 * 0.192745, 5);
    expect(g.gradB).toBeCloseTo(0.5 * 0.8 * 0.2 * Math.log(4), 12);
    // Finite-difference check of the same gradient.
    const h = 1e-6;
    const up = policyLossGrad({ w: [0], b: Math.log(4) + h }, reference, [sample], 0.2, 0.5).loss;
    const down = policyLossGrad({ w: [0], b: Math.log(4) - h }, reference, [sample], 0.2, 0.5).loss;
    expect(g.gradB).toBeCloseTo((up - down) / (2 * h), 6);
  });
});

describe('trainPpo', () => {
  const train = blobs(40, 1);
  const val = blobs(20, 2);

  it('raises validation accuracy on a separable set with the default settings', async () => {
    const r = await trainPpo(train, val, DEFAULT_PPO);
    expect(r.val_accuracy_before).toBe(0.5);
    expect(r.history).toHaveLength(3);
    expect(r.history.at(-1)!.val_accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.history.at(-1)!.mean_reward).toBeGreaterThan(r.history[0].mean_reward - 1e-9);
    expect(r.history[0].mean_reward).toBeGreaterThan(0);
    for (const h of r.history) {
      expect(h.kl).toBeGreaterThan(0);
      expect(h.clip_fraction).toBeGreaterThanOrEqual(0);
      expect(h.clip_fraction).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const a = await trainPpo(train, val, { ...DEFAULT_PPO, seed: 7, epochs: 1 });
    const b = await trainPpo(train, val, { ...DEFAULT_PPO, seed: 7, epochs: 1 });
    const c = await trainPpo(train, val, { ...DEFAULT_PPO, seed: 8, epochs: 1 });
    expect(b.policy).toEqual(a.policy);
    expect(b.history).toEqual(a.history);
    expect(c.policy).not.toEqual(a.policy);
  });

  it('learns nothing at a learning rate of zero', async () => {
    const r = await trainPpo(train, val, { ...DEFAULT_PPO, lr: 0, epochs: 1 });
    expect(r.policy.w.every((w) => w === 0)).toBe(true);
    expect(r.history[0].val_accuracy).toBe(0.5);
  });

  it('stops with code "cancelled" when the signal aborts', async () => {
    const controller = new AbortController();
    const run = trainPpo(train, val, DEFAULT_PPO, { signal: controller.signal, onEpoch: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });
});
