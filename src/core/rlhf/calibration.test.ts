import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../prng.ts';
import { applyScaling, crossFittedScores, expectedCalibrationError, fitPlatt, logit } from './calibration.ts';
import { sigmoid } from './ppo.ts';

/** Answers whose true chance of being good is q; an overconfident critic reports σ(k·logit q). */
function miscalibrated(n: number, k: number, seed: number) {
  const rand = mulberry32(seed);
  const probs: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = 0.1 + 0.8 * rand();
    labels.push(rand() < q ? 1 : 0);
    probs.push(sigmoid(k * logit(q)));
  }
  return { probs, labels };
}

describe('calibration', () => {
  it('ECE is near 0 for honest scores and large for scores stuck near 0 and 1', () => {
    const rand = mulberry32(3);
    const probs: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const q = rand();
      probs.push(q);
      labels.push(rand() < q ? 1 : 0);
    }
    expect(expectedCalibrationError(probs, labels)).toBeLessThan(0.03);
    const extreme = probs.map((p) => (p >= 0.5 ? 0.99 : 0.01));
    expect(expectedCalibrationError(extreme, labels)).toBeGreaterThan(0.2);
  });

  it('Platt scaling learned on held-back data lowers ECE on a miscalibrated critic', () => {
    for (const seed of [1, 2, 3]) {
      const held = miscalibrated(300, 5, seed);
      const fresh = miscalibrated(2000, 5, seed + 100);
      const scaling = fitPlatt(held.probs, held.labels);
      // Overconfidence is undone by a slope well below 1.
      expect(scaling.a).toBeGreaterThan(0.1);
      expect(scaling.a).toBeLessThan(0.4);
      const before = expectedCalibrationError(fresh.probs, fresh.labels);
      const after = expectedCalibrationError(
        fresh.probs.map((p) => applyScaling(scaling, p)),
        fresh.labels,
      );
      expect(before).toBeGreaterThan(0.15);
      expect(after).toBeLessThan(before / 2);
    }
  });

  it('cross-fitted scores are calibrated without any answer calibrating itself', () => {
    const held = miscalibrated(200, 5, 9);
    const before = expectedCalibrationError(held.probs, held.labels);
    const after = expectedCalibrationError(crossFittedScores(held.probs, held.labels), held.labels);
    expect(after).toBeLessThan(before / 2);
  });

  it('a few separable examples do not push scores back to 0 and 1', () => {
    const s = fitPlatt([0.999, 0.998, 0.997, 0.002, 0.001, 0.003], [1, 1, 1, 0, 0, 0]);
    expect(applyScaling(s, 0.999)).toBeLessThan(0.95);
    expect(applyScaling(s, 0.001)).toBeGreaterThan(0.05);
    expect(applyScaling(s, 0.999)).toBeGreaterThan(0.5);
  });

  it('keeps the raw scores when held-back answers have a single label', () => {
    const s = fitPlatt([0.2, 0.7, 0.9], [1, 1, 1]);
    expect(applyScaling(s, 0.7)).toBeCloseTo(0.7, 10);
  });
});
