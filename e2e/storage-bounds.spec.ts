/**
 * Issue 11, failure 9: storage grew without bound (every LangGraph step kept a checkpoint, the
 * conversation was stored twice). Now each conversation keeps its latest checkpoint only and
 * each answer once; workspaces saved by the earlier version are migrated on first load.
 * (How many KB a question costs is measured by `npm run bench -- --only storage`.)
 */
import { test, expect } from '@playwright/test';
import { openApp, waitReady } from './support/app.ts';
import { answers, ask, conversationList } from './support/chat.ts';
import { storedJson, storedKeys } from './support/storage.ts';

// Several reloads, imports or two tabs per test: more than the default 90 s on a loaded 2-core machine.
test.describe.configure({ timeout: 240_000 });

const QUESTIONS = [
  'How much has TechGiant spent so far?',
  'What is our policy on discussing 2026 pricing?',
  'Which Retail clients renew in the next 90 days?',
  'Prepare me for my meeting with GreenLeaf Grocers.',
];

test('a conversation keeps one checkpoint and one copy of each answer, however many questions', async ({ page }) => {
  await openApp(page);
  for (const q of QUESTIONS) await ask(page, q);
  const [conversation] = await storedKeys(page, 'v2/conversation/');
  const id = conversation.slice('v2/conversation/'.length);
  // One record per conversation thread for the checkpoint, one for its pending writes at most.
  const checkpoints = await storedKeys(page, 'v2/checkpoints/');
  expect(checkpoints.filter((k) => k.endsWith('/cp'))).toEqual([`v2/checkpoints/${encodeURIComponent(id)}//cp`]);
  expect(checkpoints.length).toBeLessThanOrEqual(2);

  const stored = (await storedJson(page, conversation)) as { turns: { answer: string; record: Record<string, unknown> }[] };
  expect(stored.turns).toHaveLength(QUESTIONS.length);
  for (const turn of stored.turns) {
    expect(turn.answer.length).toBeGreaterThan(0);
    expect(turn.record).not.toHaveProperty('answer');
    expect(turn.record).not.toHaveProperty('question');
  }
  // The answers read back whole after a reload.
  await page.reload();
  await waitReady(page);
  await expect(answers(page)).toHaveCount(QUESTIONS.length);
  await expect(answers(page).first()).toContainText('$120,000');
});

test('a workspace saved by the earlier version (v1 records, unbounded checkpoints) is migrated on first load', async ({ page }) => {
  await openApp(page);
  await ask(page, QUESTIONS[0]);
  const apiKey = `sk-old-${Date.now().toString(36)}`;
  // Rewrite the store as the earlier version left it: raw bytes, the key beside the settings,
  // the conversation with its answer twice, and one checkpoint per graph step.
  await page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('crm-copilot');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise<[IDBValidKey[], unknown[]]>((resolve, reject) => {
      const store = db.transaction('kv', 'readonly').objectStore('kv');
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => resolve([keys.result, values.result]);
      values.onerror = () => reject(values.error);
    });
    const records = new Map(all[0].map((k, i) => [String(k), all[1][i] as Record<string, unknown>]));
    const tx = db.transaction('kv', 'readwrite');
    const store = tx.objectStore('kv');
    store.clear();
    const bytes = (k: string) => (records.get(k) as { bytes: Uint8Array }).bytes;
    store.put(bytes('v2/clients.sqlite'), 'v1/clients.sqlite');
    store.put(bytes('v2/clients.sqlite.bak'), 'v1/clients.sqlite.bak');
    store.put(bytes('v2/playbook.snapshot'), 'v1/playbook.snapshot');
    store.put(bytes('v2/playbook.snapshot.bak'), 'v1/playbook.snapshot.bak');
    store.put({ ...records.get('v2/meta'), schema: undefined }, 'v1/meta');
    store.put({ providers: { crm: 'builtin', openai: { apiKey: '', baseUrl: 'https://llm.example.com/v1', model: 'm' } } }, 'v1/settings');
    store.put({ openaiApiKey: key }, 'v1/secrets');
    store.put(records.get('v2/conversations'), 'v1/conversations');
    store.put(records.get('v2/conversations.current'), 'v1/conversations.current');
    for (const [k, v] of records) {
      if (k.startsWith('v2/conversation/')) {
        const turns = (v.turns as { question: string; answer: string; record: Record<string, unknown> }[]).map((t) => ({
          ...t,
          record: { ...t.record, question: t.question, answer: t.answer },
        }));
        store.put({ ...v, turns }, `v1/conversation/${k.slice('v2/conversation/'.length)}`);
      }
      if (k.startsWith('v2/checkpoints/') && k.endsWith('/cp')) {
        const thread = decodeURIComponent(k.slice('v2/checkpoints/'.length).split('/')[0]);
        const cp = v as { id: string; checkpoint: unknown; metadata: unknown };
        // Older steps first (ids sort by time), then the latest.
        for (const id of ['0000-old-step-1', '0000-old-step-2', cp.id]) {
          store.put({ checkpoint: cp.checkpoint, metadata: cp.metadata }, `v1/checkpoints/:cp:${JSON.stringify([thread, '', id])}`);
        }
      }
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  }, apiKey);
  expect((await storedKeys(page, 'v1/checkpoints/')).length).toBe(3);

  await page.reload();
  await waitReady(page);
  await expect(page.getByText(/^60 clients ·/)).toBeVisible();
  expect(await storedKeys(page, 'v1/')).toEqual([]);
  expect((await storedKeys(page, 'v2/checkpoints/')).filter((k) => k.endsWith('/cp'))).toHaveLength(1);
  expect(await storedJson(page, 'v2/secrets')).toEqual({ keys: { 'https://llm.example.com': apiKey } });
  await expect(conversationList(page).getByRole('button', { name: QUESTIONS[0], exact: true })).toBeVisible();
  await expect(answers(page)).toHaveCount(1);
  await expect(answers(page).first()).toContainText('$120,000');
  // The migrated thread resumes.
  await expect(await ask(page, QUESTIONS[1])).toContainText(/Sales Kickoff/i);
});
