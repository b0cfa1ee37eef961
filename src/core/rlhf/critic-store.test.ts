import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../storage/kv.ts';
import type { CriticCheck } from './assessment.ts';
import { untrainedCritic, type CriticModel } from './critic.ts';
import { CriticStore } from './critic-store.ts';
import { HashingEmbedder } from './hashing-embedder.ts';

function check(outcome: CriticCheck['outcome']): CriticCheck {
  const score = { agreement: 0.5, good_passed: 5, bad_sent_back: 5 };
  return {
    outcome,
    margin: 0.1,
    min_per_class: 8,
    good: 10,
    bad: 10,
    from_ratings: 2,
    from_examples: 18,
    current: score,
    candidate: score,
    ece_before: 0.3,
    ece_after: 0.1,
  };
}

function trained(bias: number, at: string): CriticModel {
  const c = untrainedCritic(new HashingEmbedder(16));
  return { ...c, trained_at: at, policy: { ...c.policy, b: bias } };
}

describe('CriticStore', () => {
  it('saves numbered versions and switches one on only when its check found it better', async () => {
    const kv = new MemoryStore();
    const store = new CriticStore(kv);
    expect(await store.loadActive()).toBeUndefined();

    const unchecked = await store.save(trained(0, '2025-12-31T00:00:00.000Z'));
    expect(unchecked.activated).toBe(false);
    const worse = await store.save({ ...trained(5, '2025-12-31T12:00:00.000Z'), check: check('not-better') });
    expect(worse.activated).toBe(false);
    const few = await store.save({ ...trained(6, '2025-12-31T18:00:00.000Z'), check: check('too-few') });
    expect(few.activated).toBe(false);
    expect(await store.loadActive()).toBeUndefined();
    expect(await store.activeVersion()).toBe(0);

    const v1 = await store.save({ ...trained(1, '2026-01-01T00:00:00.000Z'), check: check('better') });
    expect(v1).toMatchObject({ activated: true, critic: { version: 4 } });
    expect((await store.loadActive())?.policy.b).toBe(1);
    expect((await store.list()).map((v) => [v.version, v.active, v.check?.outcome ?? null])).toEqual([
      [1, false, null],
      [2, false, 'not-better'],
      [3, false, 'too-few'],
      [4, true, 'better'],
    ]);
  });

  it('the rep can switch on any version, reset and roll back', async () => {
    const kv = new MemoryStore();
    const store = new CriticStore(kv);
    const v1 = (await store.save({ ...trained(1, '2026-01-01T00:00:00.000Z'), check: check('not-better') })).critic;
    const v2 = (await store.save({ ...trained(2, '2026-01-02T00:00:00.000Z'), check: check('better') })).critic;
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await store.loadActive())?.policy.b).toBe(2);

    await store.reset();
    expect(await store.loadActive()).toBeUndefined();
    expect((await store.list()).map((v) => [v.version, v.active])).toEqual([
      [1, false],
      [2, false],
    ]);

    await store.activate(1);
    expect((await store.loadActive())?.version).toBe(1);
    // A new save after reset still gets the next number.
    expect((await store.save(trained(3, '2026-01-03T00:00:00.000Z'))).critic.version).toBe(3);
    expect((await store.loadActive())?.version).toBe(1);
  });

  it('reports damaged or missing versions with a code', async () => {
    const kv = new MemoryStore();
    const store = new CriticStore(kv);
    await kv.set('rlhf/critic/v1', { kind: 'reflection-critic', format: 1 });
    await expect(store.load(1)).rejects.toMatchObject({ code: 'storage-corrupt' });
    await expect(store.activate(9)).rejects.toMatchObject({ code: 'model-unavailable' });
  });
});
