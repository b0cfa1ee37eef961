/**
 * Calibration of the critic's scores on held-back answers. Platt scaling maps the critic's raw
 * logit z to P(good) = σ(a·z + b), fitted by Newton's method on log-loss with Platt's smoothed
 * targets and a small ridge on `a`, so a handful of separable examples cannot push the scores
 * back to 0 and 1. ECE (expected calibration error) measures how far stated scores are from
 * the observed share of good answers.
 */
import { sigmoid } from './ppo.ts';
import { mulberry32, shuffled } from '../prng.ts';

export interface PlattScaling {
  method: 'platt';
  a: number;
  b: number;
}

/** Identity: the raw score unchanged. */
export const IDENTITY_SCALING: PlattScaling = { method: 'platt', a: 1, b: 0 };

const EPS = 1e-12;

/** log(p / (1 − p)), finite for p in [0, 1]. */
export function logit(p: number): number {
  const q = Math.min(Math.max(p, EPS), 1 - EPS);
  return Math.log(q / (1 - q));
}

/** The calibrated probability for a raw probability. */
export function applyScaling(s: PlattScaling, p: number): number {
  return sigmoid(s.a * logit(p) + s.b);
}

function loss(z: readonly number[], t: readonly number[], a: number, b: number, ridge: number): number {
  let l = 0.5 * ridge * a * a;
  for (let i = 0; i < z.length; i++) {
    const u = a * z[i] + b;
    // log(1 + e^u) − t·u, computed stably.
    l += (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u))) - t[i] * u;
  }
  return l;
}

/**
 * Fits Platt scaling to raw probabilities and 0/1 labels. With no examples of one class there is
 * nothing to learn the slope from, so the identity is returned.
 */
export function fitPlatt(probs: readonly number[], labels: readonly number[], ridge = 0.01): PlattScaling {
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return IDENTITY_SCALING;
  const z = probs.map(logit);
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = labels.map((y) => (y === 1 ? hi : lo));
  let a = 1;
  let b = 0;
  let current = loss(z, t, a, b, ridge);
  for (let iter = 0; iter < 100; iter++) {
    let ga = ridge * a;
    let gb = 0;
    let haa = ridge;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(a * z[i] + b);
      const d = p - t[i];
      const w = p * (1 - p);
      ga += d * z[i];
      gb += d;
      haa += w * z[i] * z[i];
      hab += w * z[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-15)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Backtracking line search keeps every step a descent step.
    let step = 1;
    let next = loss(z, t, a - step * da, b - step * db, ridge);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(z, t, a - step * da, b - step * db, ridge);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const improved = current - next;
    current = next;
    if (improved < 1e-10) break;
  }
  return { method: 'platt', a, b };
}

/**
 * Expected calibration error over equal-width bins: Σ (n_bin / n) · |share of good − mean score|.
 * 0 is perfectly calibrated; a critic that says 0.99 for answers reps rate good half the time
 * scores about 0.5.
 */
export function expectedCalibrationError(probs: readonly number[], labels: readonly number[], bins = 10): number {
  if (probs.length === 0) return 0;
  const count = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  probs.forEach((p, i) => {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[k]++;
    sumP[k] += p;
    sumY[k] += labels[i];
  });
  let ece = 0;
  for (let k = 0; k < bins; k++) {
    if (count[k] > 0) ece += (count[k] / probs.length) * Math.abs(sumY[k] / count[k] - sumP[k] / count[k]);
  }
  return ece;
}

/**
 * Calibrated scores for the same examples the scaling is learned from, without letting any
 * example calibrate itself: each fold is scaled by a fit on the other folds (stratified, seeded).
 * Used to measure ECE after calibration and to compare reviewers honestly.
 */
export function crossFittedScores(probs: readonly number[], labels: readonly number[], folds = 5, seed = 7): number[] {
  const n = probs.length;
  const out = probs.slice();
  if (n < 2) return out;
  const rand = mulberry32(seed);
  const foldOf = new Array<number>(n).fill(0);
  for (const cls of [0, 1]) {
    const members = shuffled(
      probs.map((_, i) => i).filter((i) => labels[i] === cls),
      rand,
    );
    members.forEach((idx, j) => (foldOf[idx] = j % folds));
  }
  for (let f = 0; f < folds; f++) {
    const trainIdx = foldOf.map((g, i) => (g === f ? -1 : i)).filter((i) => i >= 0);
    if (trainIdx.length === n) continue;
    const s = fitPlatt(
      trainIdx.map((i) => probs[i]),
      trainIdx.map((i) => labels[i]),
    );
    for (let i = 0; i < n; i++) if (foldOf[i] === f) out[i] = applyScaling(s, probs[i]);
  }
  return out;
}
