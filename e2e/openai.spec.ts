import { test, expect } from '@playwright/test';
import { startMockOpenAIServer, type MockOpenAIServer } from '../src/test-support/mock-openai-server.ts';
import { goTo, openApp } from './support/app.ts';
import { ask, openDetails, sawBusyAnswer, watchBusyAnswers } from './support/chat.ts';
import { useOpenAIEndpoint } from './support/settings.ts';

const API_KEY = 'sk-e2e-openai-7f3a9c';
const MODEL = 'gpt-4o-mini';

let mock: MockOpenAIServer;

test.beforeEach(async () => {
  mock = await startMockOpenAIServer();
});

test.afterEach(async () => {
  await mock.close();
});

test('the CRM agent uses an OpenAI-compatible endpoint, and falls back to the built-in agent when the key is rejected', async ({ page }) => {
  await openApp(page);
  await useOpenAIEndpoint(page, { apiKey: API_KEY, baseUrl: mock.url, model: MODEL });

  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Connected/ })).toContainText(`including ${MODEL}`);

  mock.enqueue(
    { toolCalls: [{ name: 'search_clients', args: { client_name: 'TechGiant' } }] },
    { content: 'TechGiant has spent **$120,000** so far this year, according to its client record.' },
  );
  await goTo(page, 'Chat');
  await watchBusyAnswers(page);
  const answer = await ask(page, 'How much has TechGiant spent so far?');
  expect(await sawBusyAnswer(page)).toBe(true);
  await expect(answer).toContainText('TechGiant has spent $120,000 so far this year, according to its client record.');
  await expect(answer.getByRole('strong')).toHaveText('$120,000');
  await expect(answer.getByRole('link', { name: 'TechGiant — client record', exact: true })).toBeVisible();
  await expect(await openDetails(answer)).toContainText('tool_call search_clients {"client_name":"TechGiant"}');

  const completions = mock.requests.filter((r) => r.path === '/v1/chat/completions');
  expect(completions.length).toBeGreaterThanOrEqual(2);
  expect(completions.every((r) => r.authorization === `Bearer ${API_KEY}`)).toBe(true);
  const first = completions[0].body as { model?: string; stream?: boolean; tools?: { function: { name: string } }[] };
  expect(first.model).toBe(MODEL);
  expect(first.tools?.map((t) => t.function.name)).toEqual(expect.arrayContaining(['search_clients', 'search_playbook']));

  mock.failWith(401);
  const before = mock.requests.length;
  const fallback = await ask(page, 'How much has TechGiant spent so far?');
  expect(mock.requests.length).toBeGreaterThan(before);
  // The label says who wrote it and why the chosen model did not.
  await expect(fallback.getByText(/^Written by Built-in, because .*key/i)).toBeVisible();
  await expect(fallback).toContainText('$120,000');
  await expect(fallback.getByRole('alert')).toHaveCount(0);
  await expect(fallback).not.toContainText(API_KEY);
});

test('a rejected key is reported by Test connection in plain words', async ({ page }) => {
  await openApp(page);
  await useOpenAIEndpoint(page, { apiKey: API_KEY, baseUrl: mock.url, model: MODEL });
  mock.failWith(401);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('The API key was rejected.', { exact: false })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Connected/ })).toHaveCount(0);
});
