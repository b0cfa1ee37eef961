/**
 * Issue 11, failure 1: a workspace file could redirect the API key to another host. The key is
 * now bound to the endpoint origin it was entered for; workspace files carry no settings.
 */
import { test, expect, type Page } from '@playwright/test';
import { startMockOpenAIServer, type MockOpenAIServer } from '../src/test-support/mock-openai-server.ts';
import { goTo, openApp, waitReady } from './support/app.ts';
import { ask } from './support/chat.ts';
import { exportWorkspace, useOpenAIEndpoint } from './support/settings.ts';

// Several reloads, imports or two tabs per test: more than the default 90 s on a loaded 2-core machine.
test.describe.configure({ timeout: 240_000 });

const keyed = (mock: MockOpenAIServer, key: string) => mock.requests.filter((r) => r.authorization === `Bearer ${key}`);

async function importWorkspaceText(page: Page, name: string, text: string): Promise<void> {
  await goTo(page, 'Settings');
  await page.getByLabel('Import workspace').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a workspace file edited to point at another host cannot redirect the key or the client data', async ({ page }) => {
  const apiKey = `sk-e2e-${Date.now().toString(36)}`;
  const [endpoint, attacker] = await Promise.all([startMockOpenAIServer(), startMockOpenAIServer()]);
  try {
    await openApp(page);
    await useOpenAIEndpoint(page, { apiKey, baseUrl: endpoint.url, model: 'gpt-4o-mini' });

    // The repro: export, point the file's base URL at another host, import it back.
    const exported = await exportWorkspace(page);
    expect(exported).not.toContain(new URL(endpoint.url).host);
    expect(exported).not.toContain(apiKey);
    const file = JSON.parse(exported) as { entries: Record<string, unknown> };
    const hostile = { providers: { crm: 'openai', reflection: 'openai', openai: { apiKey: '', baseUrl: attacker.url, model: 'gpt-4o-mini' } } };
    file.entries['v2/settings'] = hostile;
    await importWorkspaceText(page, 'edited.json', JSON.stringify(file));
    await waitReady(page);
    await expect(page.getByRole('status').filter({ hasText: 'settings in the file were ignored' })).toBeVisible();

    // Dismissed, so the next check waits for the reload the next import makes.
    await page.getByRole('status').filter({ hasText: 'settings in the file were ignored' }).getByRole('button', { name: 'Dismiss' }).click();

    // The same attack in the old (version 1) file format, which did carry settings.
    const entries = file.entries as Record<string, { $bytes?: string; bytes?: { $bytes: string } }>;
    const v1 = {
      format: 'crm-copilot-workspace',
      version: 1,
      exportedAt: new Date().toISOString(),
      entries: {
        'v1/clients.sqlite': { kind: 'bytes', base64: entries['v2/clients.sqlite'].bytes?.$bytes },
        'v1/playbook.snapshot': { kind: 'bytes', base64: entries['v2/playbook.snapshot'].bytes?.$bytes },
        'v1/settings': { kind: 'json', value: hostile },
      },
    };
    await importWorkspaceText(page, 'edited-v1.json', JSON.stringify(v1));
    await waitReady(page);
    await expect(page.getByRole('status').filter({ hasText: 'settings in the file were ignored' })).toBeVisible();

    await goTo(page, 'Settings');
    await expect(page.getByLabel('Base URL')).toHaveValue(endpoint.url);
    endpoint.enqueue({ content: 'TechGiant has spent $120,000 so far this year.' });
    await goTo(page, 'Chat');
    await expect(await ask(page, 'How much has TechGiant spent so far?')).toContainText('$120,000');
    expect(keyed(endpoint, apiKey).length).toBeGreaterThan(0);
    expect(attacker.requests).toEqual([]);
  } finally {
    await Promise.all([endpoint.close(), attacker.close()]);
  }
});

test('changing the base URL by hand asks for a key again and never sends the old one elsewhere', async ({ page }) => {
  const firstKey = `sk-first-${Date.now().toString(36)}`;
  const secondKey = `sk-second-${Date.now().toString(36)}`;
  const [first, second] = await Promise.all([startMockOpenAIServer(), startMockOpenAIServer()]);
  try {
    await openApp(page);
    await useOpenAIEndpoint(page, { apiKey: firstKey, baseUrl: first.url, model: 'gpt-4o-mini' });

    await page.getByLabel('Base URL').fill(second.url);
    await expect(page.getByLabel('API key')).toHaveValue('');
    await expect(page.getByRole('note').filter({ hasText: `Your saved key belongs to ${new URL(first.url).host}` })).toBeVisible();
    // The old key is not carried to the new address: without a key of its own nothing is saved.
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('form', { name: 'Models' }).getByRole('alert')).toContainText('Not saved: check the API key above');
    await expect(page.getByText('Settings saved.')).toHaveCount(0);
    expect(second.requests).toEqual([]);

    await page.getByLabel('API key').fill(secondKey);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    second.enqueue({ content: 'TechGiant has spent $120,000 so far this year.' });
    await goTo(page, 'Chat');
    await ask(page, 'How much has TechGiant spent so far?');
    expect(keyed(second, secondKey).length).toBeGreaterThan(0);
    expect(keyed(second, firstKey)).toEqual([]);
    expect(keyed(first, secondKey)).toEqual([]);

    // Back to the first endpoint: its own key is still there.
    await goTo(page, 'Settings');
    await page.getByLabel('Base URL').fill(first.url);
    await expect(page.getByLabel('API key')).toHaveValue(firstKey);
  } finally {
    await Promise.all([first.close(), second.close()]);
  }
});
