import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../storage/kv.ts';
import { untrainedCritic, type CriticModel } from './critic.ts';
import { CriticStore } from './critic-store.ts';
import { HashingEmbedder } from './hashing-embedder.ts';

function trained(bias: number, at: string): CriticModel {
  const c = untrainedCritic(new HashingEmbedder(16));
  return { ...c, trained_at: at, policy: { ...c.policy, b: bias } };
}

describe('CriticStore', () => {
  it('saves numbered versions, activates the newest, resets and rolls back', async () => {
    const kv = new MemoryStore();
    const store = new CriticStore(kv);
    expect(await store.loadActive()).toBeUndefined();

    const v1 = await store.save(trained(1, '2026-01-01T00:00:00.000Z'));
    const v2 = await store.save(trained(2, '2026-01-02T00:00:00.000Z'));
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
    expect((await store.save(trained(3, '2026-01-03T00:00:00.000Z'))).version).toBe(3);
  });

  it('reports damaged or missing versions with a code', async () => {
    const kv = new MemoryStore();
    const store = new CriticStore(kv);
    await kv.set('rlhf/critic/v1', { kind: 'reflection-critic', format: 1 });
    await expect(store.load(1)).rejects.toMatchObject({ code: 'storage-corrupt' });
    await expect(store.activate(9)).rejects.toMatchObject({ code: 'model-unavailable' });
  });
});
