import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';
import { calibratedScore, critiqueAnswer, parseCriticModel, scoreCritic, stratifiedSplit, trainCritic, untrainedCritic } from './critic.ts';
import { HashingEmbedder } from './hashing-embedder.ts';
import { parseFeedbackText, type FeedbackRecord } from './records.ts';

const records = parseFeedbackText(readFileSync(new URL('../../../data/rlhf/rlhf.json', import.meta.url), 'utf8'));
const embedder = new BuiltinEmbedder();

const harbor =
  '{"kind":"lookup","lookup":{"status":"found","client":{"name":"Blue Motors","industry":"Automotive","ytd_spend":22750,"payment_terms":"net 30"},"alternatives":[]}}';

describe('trainCritic on the shipped feedback', () => {
  it('learns a useful critic with the CLI defaults (3 epochs, lr 1e-5)', async () => {
    const r = await trainCritic(records, { embedder, epochs: 3, lr: 1e-5 });
    expect(r.history).toHaveLength(3);
    expect(r.val_accuracy_before).toBe(0.5);
    expect(r.val_accuracy_after).toBeGreaterThan(r.val_accuracy_before);
    expect(r.val_accuracy_after).toBeGreaterThanOrEqual(0.8);
    expect(r.mean_reward_last_epoch).toBeGreaterThan(r.mean_reward_first_epoch);
    expect(r.critic.training).toMatchObject({ epochs: 3, lr: 1e-5, n_train: 14, n_val: 6 });

    // Unseen answers: a grounded one passes, one that invents a number is sent back.
    const question = 'What is Blue Motors spending this year?';
    const good = await critiqueAnswer(r.critic, embedder, {
      question,
      answer: 'Blue Motors has $22,750 in YTD spend.',
      tools: ['search_clients'],
      results: [harbor],
    });
    const bad = await critiqueAnswer(r.critic, embedder, {
      question,
      answer: 'Blue Motors has $91,000 in YTD spend.',
      tools: ['search_clients'],
      results: [harbor],
    });
    expect(good.verdict).toBe('pass');
    expect(bad.verdict).toBe('retry');
    expect(good.critic_score).toBeGreaterThan(bad.critic_score);
  });

  it('is JSON-serializable and reloads to the same scores', async () => {
    const r = await trainCritic(records, { embedder, epochs: 1, seed: 3, now: new Date('2026-05-01T00:00:00Z') });
    const reloaded = parseCriticModel(JSON.parse(JSON.stringify(r.critic)));
    expect(reloaded).toEqual(r.critic);
    expect(reloaded.trained_at).toBe('2026-05-01T00:00:00.000Z');
    const x = new Array<number>(reloaded.feature_spec.names.length).fill(0.5);
    expect(scoreCritic(reloaded, x)).toBe(scoreCritic(r.critic, x));
  });

  it('gives identical results for the same seed', async () => {
    const a = await trainCritic(records, { embedder, epochs: 1, seed: 11, now: new Date(0) });
    const b = await trainCritic(records, { embedder, epochs: 1, seed: 11, now: new Date(0) });
    expect(b).toEqual(a);
  });

  it('holds back reference ratings it does not train on, and trains on the ones the rep added', async () => {
    const mine = records.slice(0, 6);
    const r = await trainCritic(mine, { embedder, epochs: 1, reference: records });
    expect(r.critic.training).toMatchObject({ n_train: mine.length - r.held_back_from_ratings });
    expect(r.held_back_from_examples).toBe(records.length - mine.length);
    const trainedOn = new Set(mine.map((m) => m.id));
    const heldBackIds = r.held_back.map((h) => h.id);
    expect(heldBackIds.filter((id) => !trainedOn.has(id))).toHaveLength(records.length - mine.length);
  });

  it('rejects data with a single label', async () => {
    const onlyGood = records.filter((r) => r.correctness);
    await expect(trainCritic(onlyGood, { embedder })).rejects.toMatchObject({ code: 'bad-feedback' });
  });
});

describe('critic model', () => {
  it('untrained critic scores 0.5 and never vetoes', async () => {
    const c = untrainedCritic(embedder);
    const r = await critiqueAnswer(c, embedder, { question: 'Q', answer: 'A', tools: [], results: [] });
    expect(r).toEqual({ verdict: 'pass', critic_score: 0.5, raw_score: 0.5, calibrated: false });
  });

  it('applies the stored calibration to its scores', () => {
    const c = { ...untrainedCritic(embedder), calibration: { method: 'platt' as const, a: 0.5, b: -1, n: 20 } };
    const x = new Array<number>(c.feature_spec.names.length).fill(0);
    expect(scoreCritic(c, x)).toBe(0.5);
    // σ(0.5·logit(0.5) − 1) = σ(−1)
    expect(calibratedScore(c, x)).toBeCloseTo(1 / (1 + Math.E), 10);
  });

  it('refuses foreign files and a different embedder', async () => {
    expect(() => parseCriticModel({ kind: 'something-else' })).toThrow(expect.objectContaining({ code: 'model-unavailable' }));
    const c = untrainedCritic(new HashingEmbedder(16));
    await expect(critiqueAnswer(c, embedder, { question: 'Q', answer: 'A', tools: [], results: [] })).rejects.toMatchObject({
      code: 'model-unavailable',
    });
  });
});

describe('stratifiedSplit', () => {
  it('keeps both labels in each part, reproducibly', () => {
    const label = (r: FeedbackRecord) => r.correctness;
    const a = stratifiedSplit(records, label, 0.3, 5);
    const b = stratifiedSplit(records, label, 0.3, 5);
    expect(a).toEqual(b);
    expect(a.val.filter(label)).toHaveLength(3);
    expect(a.val.filter((r) => !r.correctness)).toHaveLength(3);
    expect(a.train).toHaveLength(14);
    expect(new Set([...a.train, ...a.val].map((r) => r.id)).size).toBe(20);
  });
});
