import { describe, expect, it } from 'vitest';
import { unseal } from '../storage/integrity.ts';
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

  it('runs the import pipeline: prepare, review, apply, with progress', async () => {
    const host = hostClientStore(await demoStore(), (value) => value);
    const phases = new Set<string>();
    const onProgress = (p: { phase: string }) => void phases.add(p.phase);
    const draft = await host.prepareImport(new TextEncoder().encode('Account Name,Industry,YTD Spend\nNew Co,Retail,"$1,000"\n'), 'sf.csv', onProgress);
    expect(draft.columns.map((c) => c.field)).toEqual(['name', 'industry', 'ytd_spend']);
    const choices = { mapping: draft.columns.map((c) => c.field), answers: {}, mode: 'merge' as const };
    expect(await host.reviewImport(draft.id, choices, onProgress)).toMatchObject({ status: 'ready', preview: { added: 1 } });
    expect(await host.applyImport(draft.id, choices, onProgress)).toMatchObject({ added: 1, total: 61 });
    expect([...phases]).toEqual(expect.arrayContaining(['reading', 'checking', 'comparing', 'saving']));
    await host.discardImport(draft.id);
  });

  it('exports the database sealed, as a Blob holding the same bytes and their checksum', async () => {
    const store = await demoStore();
    const host = hostClientStore(store, (value) => value);
    const sealed = await host.exportBlob();
    const bytes = new Uint8Array(await sealed.bytes.arrayBuffer());
    expect(bytes).toEqual(await store.exportBytes());
    expect(await unseal({ ...sealed, bytes }, 'client database')).toEqual(bytes);
  });
});
