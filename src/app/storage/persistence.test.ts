import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kvStore, listKeys, read, readAll, write } from './persistence.ts';
import type { DataChangedMessage } from './tabs.ts';

async function clear(): Promise<void> {
  const keys = await listKeys();
  await write(null, {}, (_, batch) => keys.forEach((k) => batch.del(k)));
}

afterEach(async () => {
  vi.restoreAllMocks();
  await clear();
});

describe('write', () => {
  it('re-reads the scope inside the transaction and applies every planned write together', async () => {
    await write(null, {}, (_, b) => {
      b.set('a', 1);
      b.set('list/x', 'x');
      b.set('list/y', 'y');
    });
    const seen = await write(null, { keys: ['a', 'missing'], prefixes: ['list/'] }, (cur, b) => {
      b.set('a', (cur.get<number>('a') ?? 0) + 1);
      b.del('list/x');
      return { a: cur.get('a'), missing: cur.get('missing'), list: cur.keys('list/') };
    });
    expect(seen).toEqual({ a: 1, missing: undefined, list: ['list/x', 'list/y'] });
    expect(await readAll()).toEqual([
      ['a', 2],
      ['list/y', 'y'],
    ]);
  });

  it('merges concurrent read-modify-writes instead of losing one', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => write(null, { keys: ['ids'] }, (cur, b) => b.set('ids', [...(cur.get<number[]>('ids') ?? []), i]))));
    expect(((await read<number[]>('ids')) ?? []).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('writes nothing when the plan throws', async () => {
    await write(null, {}, (_, b) => b.set('keep', 'old'));
    await expect(
      write(null, { keys: ['keep'] }, (_, b) => {
        b.set('keep', 'new');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow();
    expect(await read('keep')).toBe('old');
  });

  it('rolls back earlier writes of the batch when a later one fails', async () => {
    await write(null, {}, (_, b) => b.set('conv', ['one']));
    await expect(
      write(null, {}, (_, b) => {
        b.del('conv');
        b.set('bad', () => 'functions cannot be stored');
      }),
    ).rejects.toMatchObject({ code: 'storage-unavailable' });
    expect(await read('conv')).toEqual(['one']);
    expect(await read('bad')).toBeUndefined();
  });

  it('reports a full disk as quota-exceeded and keeps what was stored', async () => {
    await write(null, {}, (_, b) => b.set('k', 'before'));
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    await expect(write(null, {}, (_, b) => b.set('k', 'after'))).rejects.toMatchObject({ code: 'quota-exceeded' });
    vi.restoreAllMocks();
    expect(await read('k')).toBe('before');
  });

  it('announces the committed change to other tabs, and only then', async () => {
    const other = new BroadcastChannel('crm-copilot');
    const got: DataChangedMessage[] = [];
    const received = new Promise<void>((resolve) =>
      other.addEventListener('message', (e: MessageEvent<DataChangedMessage>) => {
        got.push(e.data);
        resolve();
      }),
    );
    await expect(
      write('settings', {}, () => {
        throw new Error('no');
      }),
    ).rejects.toThrow();
    await write('conversations', {}, (_, b) => b.set('x', 1), { version: 7 });
    await received;
    other.close();
    expect(got).toEqual([{ type: 'data.changed', what: 'conversations', version: 7 }]);
  });
});

describe('kvStore', () => {
  it('is a KeyValueStore whose update is one transaction', async () => {
    const kv = kvStore(null);
    await kv.set('v/1', 'a');
    await kv.update({ prefixes: ['v/'] }, (cur, b) => b.set(`v/${cur.keys('v/').length + 1}`, 'b'));
    expect(await kv.keys()).toEqual(['v/1', 'v/2']);
    await kv.del('v/1');
    expect(await kv.get('v/1')).toBeUndefined();
    expect(await kv.get('v/2')).toBe('b');
  });
});
