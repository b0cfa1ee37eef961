import { describe, expect, it } from 'vitest';
import { unseal } from '../../core/storage/integrity.ts';
import { migrateToV2, originOf } from './migrate.ts';
import { KEYS } from './persistence.ts';

const db = new Uint8Array([1, 2, 3]);
const snapshot = new Uint8Array([4, 5]);

describe('migrateToV2', () => {
  it('seals bytes, binds the key to its endpoint origin and strips it from settings', async () => {
    const out = await migrateToV2(
      new Map<string, unknown>([
        ['v1/meta', { version: 4, updatedAt: 't', embedder: 'e' }],
        ['v1/clients.sqlite', db],
        ['v1/playbook.snapshot', snapshot],
        ['v1/playbook.pdfs', { unused: true }],
        ['v1/settings', { providers: { crm: 'openai', openai: { apiKey: 'leak', baseUrl: 'https://llm.example.com/v1', model: 'm' } } }],
        ['v1/secrets', { openaiApiKey: 'sk-1' }],
        ['v1/feedback', { version: 1, records: [] }],
        ['v1/eval-runs/eval-run:a', { id: 'a' }],
        ['rlhf/critic/active', 2],
      ]),
    );
    expect(await unseal(out.get(KEYS.clientsDb), 'db')).toEqual(db);
    expect(await unseal(out.get(KEYS.playbook), 'index')).toEqual(snapshot);
    expect(out.get(KEYS.meta)).toEqual({ version: 4, updatedAt: 't', embedder: 'e', schema: 2 });
    expect(out.get(KEYS.secrets)).toEqual({ keys: { 'https://llm.example.com': 'sk-1' } });
    expect(JSON.stringify(out.get(KEYS.settings))).not.toContain('leak');
    expect(out.get(KEYS.feedback)).toEqual({ version: 1, records: [] });
    expect(out.get(`${KEYS.evalRuns}/eval-run:a`)).toEqual({ id: 'a' });
    expect(out.get('rlhf/critic/active')).toBe(2);
    expect([...out.keys()].some((k) => k.startsWith('v1/'))).toBe(false);
  });

  it('keeps one copy of each answer in migrated conversations', async () => {
    const turn = { id: 't', question: 'Q?', answer: 'A.', status: 'done', step: '', events: [], record: { question: 'Q?', answer: 'A.', attempts: 1 } };
    const out = await migrateToV2(new Map([['v1/conversation/c1', { id: 'c1', title: 'Q?', updatedAt: 'u', turns: [turn] }]]));
    expect(out.get(`${KEYS.conversation}c1`)).toEqual({ id: 'c1', title: 'Q?', updatedAt: 'u', turns: [{ ...turn, record: { attempts: 1 } }] });
  });

  it('binds a key saved without an endpoint to the default endpoint', async () => {
    const out = await migrateToV2(new Map([['v1/secrets', { openaiApiKey: 'sk-2' }]]));
    expect(out.get(KEYS.secrets)).toEqual({ keys: { 'https://api.openai.com': 'sk-2' } });
    expect(originOf('not a url')).toBe('');
  });
});
