import { describe, expect, it } from 'vitest';
import { hostClientStore, type TransferFn } from './store-host.ts';
import { demoStore } from './test-fixtures.ts';

describe('hostClientStore (the object the worker exposes)', () => {
  it('delegates every call and marks exported bytes for transfer', async () => {
    const store = await demoStore();
    const marked: Transferable[][] = [];
    const transfer: TransferFn = (value, transferables) => {
      marked.push(transferables);
      return value;
    };
    const host = hostClientStore(store, transfer);
    expect(await host.count()).toBe(60);
    const r = await host.lookup('techgiant');
    expect(r.status === 'found' && r.client.name).toBe('TechGiant');
    expect((await host.query({ aggregate: 'count', industry: 'retail' })).total).toBeGreaterThan(0);
    expect((await host.findMentions('Compare RetailCo and GreenLeaf')).length).toBe(2);
    const bytes = await host.exportBytes();
    expect(marked).toHaveLength(1);
    expect(marked[0][0]).toBe(bytes.buffer);
    await host.importText('[{"name":"New One","industry":"Retail","ytd_spend":1}]', 'json', 'merge');
    expect(await host.count()).toBe(61);
    await host.loadBytes(bytes);
    expect(await host.count()).toBe(60);
    await expect(host.importText('', 'csv')).rejects.toMatchObject({ code: 'bad-import' });
  });
});
