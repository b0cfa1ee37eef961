import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';
import { trainCritic, untrainedCritic } from './critic.ts';
import { criticHook } from './critic-hook.ts';
import { HashingEmbedder } from './hashing-embedder.ts';
import { parseFeedbackText } from './records.ts';

const shipped = parseFeedbackText(readFileSync(new URL('../../../data/rlhf/rlhf.json', import.meta.url), 'utf8'));
const embedder = new BuiltinEmbedder();
const harbor = '{"kind":"lookup","lookup":{"status":"found","client":{"name":"Blue Motors","ytd_spend":22750},"alternatives":[]}}';
const input = (answer: string) => ({
  question: 'What is Blue Motors spending this year?',
  answer,
  toolCalls: [{ name: 'search_clients', args: { name: 'Blue Motors' } }],
  toolResults: [{ name: 'search_clients', content: harbor }],
});

describe('critic hook for reflection', () => {
  it('scores 0.5 (raw) with the untrained critic and refuses a critic made for another embedder', async () => {
    const hook = criticHook(untrainedCritic(embedder), embedder);
    expect(await hook?.score(input('Blue Motors has $22,750 in YTD spend.'))).toEqual({ score: 0.5, calibrated: false });
    expect(criticHook(untrainedCritic(new HashingEmbedder(64)), embedder)).toBeNull();
  });

  it('with a trained critic, rates a grounded answer above an invented figure; calibrated when the version is', async () => {
    const { critic } = await trainCritic(shipped, { embedder, epochs: 3, lr: 1e-5, seed: 42 });
    const hook = criticHook({ ...critic, version: 3 }, embedder);
    if (!hook) throw new Error('expected a hook');
    const good = await hook.score(input('Blue Motors has $22,750 in YTD spend.'));
    const bad = await hook.score(input('Blue Motors has $91,000 in YTD spend.'));
    expect(good.score).toBeGreaterThan(bad.score);
    expect(bad.score).toBeLessThan(0.5);
    expect(bad).toMatchObject({ calibrated: false, version: 3 });
    const calibrated = criticHook({ ...critic, calibration: { method: 'platt', a: 0.2, b: 0, n: 22 } }, embedder);
    const softer = await calibrated?.score(input('Blue Motors has $91,000 in YTD spend.'));
    expect(softer?.calibrated).toBe(true);
    // A slope below 1 pulls an overconfident score toward 0.5.
    expect(softer?.score).toBeGreaterThan(bad.score);
    expect(softer?.score).toBeLessThan(0.5);
  });
});
