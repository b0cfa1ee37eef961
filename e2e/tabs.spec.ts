/**
 * Issue 11, failure 4: two tabs erased each other's conversations and settings. Writes now
 * re-read and merge inside one transaction, and the other tab refreshes.
 */
import { test, expect } from '@playwright/test';
import { goTo, openApp } from './support/app.ts';
import { ask, conversationList, deleteConversation } from './support/chat.ts';
import { storedJson } from './support/storage.ts';

// Several reloads, imports or two tabs per test: more than the default 90 s on a loaded 2-core machine.
test.describe.configure({ timeout: 240_000 });

const Q1 = 'How much has TechGiant spent so far?';
const Q2 = 'What is our policy on discussing 2026 pricing?';

test('two tabs each starting a conversation leave both listed, in both tabs and after a reload', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openApp(a, '/#/chat');
  await openApp(b, '/#/chat');

  await ask(a, Q1);
  await ask(b, Q2);
  for (const page of [a, b]) {
    const list = conversationList(page);
    await expect(list.getByRole('button', { name: Q1, exact: true })).toBeVisible();
    await expect(list.getByRole('button', { name: Q2, exact: true })).toBeVisible();
  }
  await a.reload();
  await expect(conversationList(a).getByRole('listitem')).toHaveCount(2);

  // Deleting in one tab removes it from the other, and only that one.
  await deleteConversation(b, Q1);
  await expect(conversationList(a).getByRole('button', { name: Q1, exact: true })).toHaveCount(0);
  await expect(conversationList(a).getByRole('button', { name: Q2, exact: true })).toBeVisible();
});

test('saving settings in a stale tab never erases a key saved in the other', async ({ context }) => {
  const apiKey = `sk-tab-${Date.now().toString(36)}`;
  const a = await context.newPage();
  const b = await context.newPage();
  await openApp(a);
  await openApp(b);
  await goTo(a, 'Settings');
  await goTo(b, 'Settings');

  // Tab B starts editing before tab A saves its key.
  await b.getByLabel('Your name').fill('Sam Tab');

  await a.getByLabel('CRM agent').selectOption({ label: 'OpenAI-compatible endpoint' });
  await a.getByLabel('Base URL').fill('https://api.openai.com/v1');
  await a.getByLabel('API key').fill(apiKey);
  await a.getByLabel('Model', { exact: true }).fill('gpt-4o');
  await a.getByRole('button', { name: 'Save settings' }).click();
  await expect(a.getByText('Settings saved.')).toBeVisible();

  await b.getByRole('button', { name: 'Save settings' }).click();
  await expect(b.getByText('Settings saved.')).toBeVisible();

  expect(await storedJson(a, 'v2/secrets')).toEqual({ keys: { 'https://api.openai.com': apiKey } });
  await a.reload();
  await goTo(a, 'Settings');
  await expect(a.getByLabel('API key')).toHaveValue(apiKey);
  await expect(a.getByLabel('Model', { exact: true })).toHaveValue('gpt-4o');
  await expect(a.getByLabel('Your name')).toHaveValue('Sam Tab');
  await expect(b.getByLabel('API key')).toHaveValue(apiKey);
});
