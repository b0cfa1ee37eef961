import { emptyCheckpoint, type Checkpoint } from '@langchain/langgraph/web';
import { uuid6, type CheckpointMetadata } from '@langchain/langgraph-checkpoint';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../storage/kv.ts';
import { FakeClientStore, FakePlaybook } from '../tools/fakes.ts';
import { createTools } from '../tools/tools.ts';
import { ScriptedProvider } from '../../test-support/scripted-provider.ts';
import { KvCheckpointSaver } from './kv-checkpointer.ts';
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
    const c2 = checkpoint('two');
    await saver.put(cfg1, c2, meta(1), {});

    const latest = await saver.getTuple({ configurable: { thread_id: 't1' } });
    expect(latest?.checkpoint.channel_values).toEqual({ question: 'two' });
    expect(latest?.metadata).toEqual(meta(1));
    expect(latest?.parentConfig).toEqual({ configurable: { thread_id: 't1', checkpoint_ns: '', checkpoint_id: c1.id } });

    const first = await saver.getTuple({ configurable: { thread_id: 't1', checkpoint_id: c1.id } });
    expect(first?.checkpoint.id).toBe(c1.id);
    expect(first?.parentConfig).toBeUndefined();
    expect(await saver.getTuple({ configurable: { thread_id: 'nope' } })).toBeUndefined();
  });

  it('lists newest first, with limit, before and metadata filter', async () => {
    const saver = new KvCheckpointSaver(new MemoryStore());
    const ids: string[] = [];
    let cfg = { configurable: { thread_id: 't' } as Record<string, unknown> };
    for (let step = 0; step < 3; step++) {
      const c = checkpoint(`q${step}`);
      ids.push(c.id);
      cfg = await saver.put(cfg, c, meta(step), {}) as typeof cfg;
    }
    await saver.put({ configurable: { thread_id: 'other' } }, checkpoint('x'), meta(0), {});

    const all = await collect(saver.list({ configurable: { thread_id: 't' } }));
    expect(all.map((t) => t.checkpoint.id)).toEqual([...ids].reverse());
    expect((await collect(saver.list({ configurable: { thread_id: 't' } }, { limit: 2 }))).length).toBe(2);
    const before = await collect(saver.list({ configurable: { thread_id: 't' } }, { before: { configurable: { checkpoint_id: ids[2] } } }));
    expect(before.map((t) => t.checkpoint.id)).toEqual([ids[1], ids[0]]);
    const filtered = await collect(saver.list({ configurable: { thread_id: 't' } }, { filter: { step: 1 } }));
    expect(filtered.map((t) => t.checkpoint.id)).toEqual([ids[1]]);
    expect((await collect(saver.list({ configurable: {} }))).length).toBe(4);
  });

  it('putWrites are returned as pending writes in task order and are idempotent', async () => {
    const saver = new KvCheckpointSaver(new MemoryStore());
    const cfg = await saver.put({ configurable: { thread_id: 't' } }, checkpoint('q'), meta(0), {});
    await Promise.all([
      saver.putWrites(cfg, [['messages', 'b1'], ['attempt', 2]], 'task-b', 'b'),
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
    expect((await store.keys()).every((k) => !k.includes('"gone"'))).toBe(true);
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
