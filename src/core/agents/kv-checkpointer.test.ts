import { emptyCheckpoint, type Checkpoint } from '@langchain/langgraph/web';
import { uuid6, type CheckpointMetadata } from '@langchain/langgraph-checkpoint';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../storage/kv.ts';
import { FakeClientStore, FakePlaybook } from '../tools/fakes.ts';
import { createTools } from '../tools/tools.ts';
import { ScriptedProvider } from '../../test-support/scripted-provider.ts';
import type { RunnableConfig } from '@langchain/core/runnables';
import { KvCheckpointSaver, migrateUnboundedCheckpoints, type StoredCheckpoint } from './kv-checkpointer.ts';
import { answerQuestion } from './runner.ts';

function checkpoint(value: string): Checkpoint {
  return { ...emptyCheckpoint(), id: uuid6(-1), channel_values: { question: value }, channel_versions: { question: 1 } };
}

const meta = (step: number): CheckpointMetadata => ({ source: 'loop', step, parents: {} });

async function collect<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

describe('KvCheckpointSaver', () => {
  it('put → getTuple (latest and by id) with parent config', async () => {
    const saver = new KvCheckpointSaver(new MemoryStore());
    const c1 = checkpoint('one');
    const cfg1 = await saver.put({ configurable: { thread_id: 't1' } }, c1, meta(0), {});
    expect(cfg1).toEqual({ configurable: { thread_id: 't1', checkpoint_ns: '', checkpoint_id: c1.id } });
    expect((await saver.getTuple(cfg1))?.parentConfig).toBeUndefined();
    const c2 = checkpoint('two');
    const cfg2 = await saver.put(cfg1, c2, meta(1), {});

    const latest = await saver.getTuple({ configurable: { thread_id: 't1' } });
    expect(latest?.checkpoint.channel_values).toEqual({ question: 'two' });
    expect(latest?.metadata).toEqual(meta(1));
    expect(latest?.parentConfig).toEqual({ configurable: { thread_id: 't1', checkpoint_ns: '', checkpoint_id: c1.id } });
    expect((await saver.getTuple(cfg2))?.checkpoint.id).toBe(c2.id);
    // Only the latest checkpoint is kept: resuming needs nothing older.
    expect(await saver.getTuple({ configurable: { thread_id: 't1', checkpoint_id: c1.id } })).toBeUndefined();
    expect(await saver.getTuple({ configurable: { thread_id: 'nope' } })).toBeUndefined();
  });

  it('keeps one checkpoint record per thread however many steps run', async () => {
    const store = new MemoryStore();
    const saver = new KvCheckpointSaver(store, { prefix: 'cp/' });
    let cfg: RunnableConfig = { configurable: { thread_id: 't' } };
    for (let step = 0; step < 25; step++) {
      cfg = await saver.put(cfg, checkpoint(`q${step}`), meta(step), {});
      await saver.putWrites(cfg, [['messages', `m${step}`]], `task-${step}`);
    }
    expect((await store.keys()).sort()).toEqual(['cp/t//cp', 'cp/t//w']);
    const tuple = await saver.getTuple({ configurable: { thread_id: 't' } });
    expect(tuple?.checkpoint.channel_values).toEqual({ question: 'q24' });
    expect(tuple?.pendingWrites).toEqual([['task-24', 'messages', 'm24']]);
  });

  it('ignores writes for a checkpoint that is no longer the latest', async () => {
    const saver = new KvCheckpointSaver(new MemoryStore());
    const old = await saver.put({ configurable: { thread_id: 't' } }, checkpoint('a'), meta(0), {});
    const now = await saver.put(old, checkpoint('b'), meta(1), {});
    await saver.putWrites(old, [['messages', 'late']], 'task');
    expect((await saver.getTuple(now))?.pendingWrites).toEqual([]);
  });

  it('lists the latest checkpoint of each thread, with limit, before and metadata filter', async () => {
    const saver = new KvCheckpointSaver(new MemoryStore());
    const a = checkpoint('a');
    await saver.put({ configurable: { thread_id: 't' } }, a, meta(1), {});
    const b = checkpoint('b');
    await saver.put({ configurable: { thread_id: 'other' } }, b, meta(0), {});

    expect((await collect(saver.list({ configurable: { thread_id: 't' } }))).map((t) => t.checkpoint.id)).toEqual([a.id]);
    expect((await collect(saver.list({ configurable: {} }))).length).toBe(2);
    expect((await collect(saver.list({ configurable: {} }, { limit: 1 }))).length).toBe(1);
    expect((await collect(saver.list({ configurable: {} }, { filter: { step: 0 } }))).map((t) => t.checkpoint.id)).toEqual([b.id]);
    expect(await collect(saver.list({ configurable: { thread_id: 't' } }, { before: { configurable: { checkpoint_id: a.id } } }))).toEqual([]);
  });

  it('drops a damaged checkpoint, reports it, and lets the thread start afresh', async () => {
    const store = new MemoryStore();
    const damaged: string[] = [];
    const saver = new KvCheckpointSaver(store, { prefix: 'cp/', onDamaged: (t) => damaged.push(t) });
    await saver.put({ configurable: { thread_id: 'chat 1' } }, checkpoint('q'), meta(0), {});
    const [key] = await store.keys();
    const record = (await store.get<StoredCheckpoint>(key))!;
    await store.set(key, { ...record, checkpoint: ['json', new Uint8Array([123, 0, 255, 7])] });
    expect(await saver.getTuple({ configurable: { thread_id: 'chat 1' } })).toBeUndefined();
    expect(damaged).toEqual(['chat 1']);
    expect(await store.keys()).toEqual([]);
    await store.set(key, 'not even an object');
    expect(await saver.getTuple({ configurable: { thread_id: 'chat 1' } })).toBeUndefined();
    expect(damaged).toEqual(['chat 1', 'chat 1']);
    const cfg = await saver.put({ configurable: { thread_id: 'chat 1' } }, checkpoint('again'), meta(0), {});
    expect((await saver.getTuple(cfg))?.checkpoint.channel_values).toEqual({ question: 'again' });
  });

  it('migrates checkpoints of the unbounded layout, keeping the latest per thread', async () => {
    const old = new MemoryStore();
    const saver = new KvCheckpointSaver(new MemoryStore());
    const ser = (v: unknown) => saver.serde.dumpsTyped(v);
    const ids = [checkpoint('1'), checkpoint('2'), checkpoint('3')];
    for (const [i, c] of ids.entries()) {
      await old.set(`v1/checkpoints/:cp:${JSON.stringify(['t', '', c.id])}`, {
        checkpoint: await ser(c),
        metadata: await ser(meta(i)),
        parentId: ids[i - 1]?.id,
      });
      await old.set(`v1/checkpoints/:w:${JSON.stringify(['t', '', c.id])}`, {
        'task,0': { taskId: 'task', idx: 0, channel: 'messages', value: await ser(`w${i}`), taskPath: '' },
      });
    }
    const entries = new Map<string, unknown>();
    for (const k of await old.keys()) entries.set(k, await old.get(k));
    const migrated = migrateUnboundedCheckpoints(entries, 'v1/checkpoints/', 'v2/checkpoints/');
    expect([...migrated.keys()].sort()).toEqual(['v2/checkpoints/t//cp', 'v2/checkpoints/t//w']);
    const store = new MemoryStore();
    for (const [k, v] of migrated) await store.set(k, v);
    const tuple = await new KvCheckpointSaver(store, { prefix: 'v2/checkpoints/' }).getTuple({ configurable: { thread_id: 't' } });
    expect(tuple?.checkpoint.id).toBe(ids[2].id);
    expect(tuple?.parentConfig?.configurable?.checkpoint_id).toBe(ids[1].id);
    expect(tuple?.pendingWrites).toEqual([['task', 'messages', 'w2']]);
  });

  it('putWrites are returned as pending writes in task order and are idempotent', async () => {
    const saver = new KvCheckpointSaver(new MemoryStore());
    const cfg = await saver.put({ configurable: { thread_id: 't' } }, checkpoint('q'), meta(0), {});
    await Promise.all([
      saver.putWrites(
        cfg,
        [
          ['messages', 'b1'],
          ['attempt', 2],
        ],
        'task-b',
        'b',
      ),
      saver.putWrites(cfg, [['messages', 'a1']], 'task-a', 'a'),
    ]);
    await saver.putWrites(cfg, [['messages', 'a1-again']], 'task-a', 'a');
    const tuple = await saver.getTuple(cfg);
    expect(tuple?.pendingWrites).toEqual([
      ['task-a', 'messages', 'a1'],
      ['task-b', 'messages', 'b1'],
      ['task-b', 'attempt', 2],
    ]);
  });

  it('deleteThread removes only that thread', async () => {
    const store = new MemoryStore();
    const saver = new KvCheckpointSaver(store);
    const cfg = await saver.put({ configurable: { thread_id: 'gone' } }, checkpoint('q'), meta(0), {});
    await saver.putWrites(cfg, [['messages', 'x']], 'task');
    await saver.put({ configurable: { thread_id: 'kept' } }, checkpoint('k'), meta(0), {});
    await saver.deleteThread('gone');
    expect(await saver.getTuple({ configurable: { thread_id: 'gone' } })).toBeUndefined();
    expect(await saver.getTuple({ configurable: { thread_id: 'kept' } })).toBeDefined();
    expect((await store.keys()).every((k) => !k.includes('gone'))).toBe(true);
  });

  it('lets the co-pilot resume a thread after a reload (new saver over the same store)', async () => {
    const store = new MemoryStore();
    const tools = createTools({ clients: new FakeClientStore(), playbook: new FakePlaybook() });
    const reflector = { reflect: async () => ({ verdict: 'pass' as const, feedback: 'ok' }) };
    const crm = new ScriptedProvider([{ content: 'TechGiant renews on 2027-02-28.' }, { content: 'Sarah Chen.' }]);
    await answerQuestion('When does TechGiant renew?', { crm, reflector, tools }, { threadId: 'chat-1', checkpointer: new KvCheckpointSaver(store) });
    const record = await answerQuestion('Who is its manager?', { crm, reflector, tools }, { threadId: 'chat-1', checkpointer: new KvCheckpointSaver(store) });
    expect(record.answer).toBe('Sarah Chen.');
    expect(crm.requests[1].messages.map((m) => m.content)).toContain('TechGiant renews on 2027-02-28.');
  });
});
