import { test, expect } from '@playwright/test';
import { startMockOpenAIServer, type MockOpenAIServer } from '../src/test-support/mock-openai-server.ts';
import { makePdf } from '../src/test-support/pdf-fixtures.ts';
import { goTo, importPdf, openApp, waitReady } from './support/app.ts';
import { answers, ask } from './support/chat.ts';
import { useOpenAIEndpoint } from './support/settings.ts';

// Long flows (several answers, imports, pdf.js on first use) on a shared, often busy machine.
test.describe.configure({ timeout: 240_000 });

const API_KEY = 'sk-e2e-sources-51c2';
const MODEL = 'gpt-4o-mini';

let mock: MockOpenAIServer;

test.beforeEach(async ({ page }) => {
  mock = await startMockOpenAIServer();
  await openApp(page);
  await useOpenAIEndpoint(page, { apiKey: API_KEY, baseUrl: mock.url, model: MODEL });
});

test.afterEach(async () => {
  await mock.close();
});

test('numbered sources open the client page and the PDF at the cited page with the passage highlighted', async ({ page }) => {
  mock.enqueue(
    {
      toolCalls: [
        { name: 'search_clients', args: { client_name: 'TechGiant' } },
        { name: 'search_playbook', args: { query: '2026 pricing policy' } },
      ],
    },
    {
      content:
        'TechGiant has spent **$120,000** this year [client: TechGiant]. Do not quote 2026 list prices before the Sales Kickoff [doc: Sales Playbook.pdf p. 2]; TechGiant is no exception [client: TechGiant].',
    },
  );
  await goTo(page, 'Chat');
  const answer = await ask(page, 'How much has TechGiant spent, and can I discuss 2026 pricing with them?');

  // Each marker is a numbered link; one list below names the sources the answer used.
  await expect(answer.getByRole('link', { name: 'Source 1: TechGiant — client record' })).toHaveCount(2);
  await expect(answer.getByRole('button', { name: /^Source 2: Sales Playbook\.pdf, page 2/ })).toBeVisible();
  await expect(answer).not.toContainText('[client:');
  const sources = answer.getByRole('list', { name: 'Sources' });
  await expect(sources.getByRole('listitem')).toHaveCount(2);
  await expect(sources.getByRole('listitem').first()).toHaveText('[1] TechGiant — client record');
  await expect(answer.getByText(/^Written by (gpt-4o-mini|OpenAI-compatible model) · checked by Built-in checks/)).toBeVisible();

  await answer.getByRole('button', { name: /^Source 2: / }).click();
  const viewer = page.getByRole('dialog', { name: 'Sales Playbook.pdf' });
  await expect(viewer).toBeVisible();
  // pdf.js and its worker load on first use, which can take a while on a busy machine.
  await expect(viewer.getByText(/^Page 2 of \d+$/)).toBeVisible({ timeout: 60_000 });
  await expect(viewer.getByRole('status').filter({ hasText: 'The cited passage is highlighted on page 2.' })).toBeVisible();
  const marks = viewer.locator('[role=mark]');
  expect(await marks.count()).toBeGreaterThan(0);
  expect((await marks.allTextContents()).join(' ')).toMatch(/2026/);
  await viewer.getByRole('button', { name: 'Next page' }).click();
  await expect(viewer.getByText(/^Page 3 of \d+$/)).toBeVisible();
  await expect(viewer.locator('[role=mark]')).toHaveCount(0);
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toBeHidden();

  await answer.getByRole('link', { name: 'Source 1: TechGiant — client record' }).first().click();
  await expect(page).toHaveURL(/#\/clients\/\d+$/);
});

test('a source in an imported PDF opens that PDF after a reload, at its page', async ({ page }) => {
  const pdf = await makePdf([
    ['Field Guide for Freight Accounts'],
    ['Onboarding', 'Every new freight account gets a welcome call within five days.'],
    ['Large shipments', 'Wombat freight rule: shipments over 40 pallets need the logistics', "director's sign-off before the quote is sent to the client."],
  ]);
  await goTo(page, 'Playbook');
  await importPdf(page, 'Field Guide.pdf', pdf);
  await expect(page.getByRole('status').filter({ hasText: 'Indexed Field Guide.pdf' })).toBeVisible();
  await page.reload();
  await waitReady(page);

  mock.enqueue(
    { toolCalls: [{ name: 'search_playbook', args: { query: 'wombat freight rule pallets sign-off' } }] },
    { content: "Shipments over 40 pallets need the logistics director's sign-off before you send the quote [doc: Field Guide.pdf p. 3]." },
  );
  await goTo(page, 'Chat');
  const answer = await ask(page, 'Who has to approve a quote for a very large freight shipment?');
  await answer
    .getByRole('list', { name: 'Sources' })
    .getByRole('button', { name: /^Field Guide\.pdf, page 3/ })
    .click();
  const viewer = page.getByRole('dialog', { name: 'Field Guide.pdf' });
  await expect(viewer.getByText('Page 3 of 3', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(viewer.getByRole('status').filter({ hasText: 'highlighted on page 3' })).toBeVisible();
  expect((await viewer.locator('[role=mark]').allTextContents()).join(' ')).toContain('Wombat freight rule');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
});

test('the label names the built-in agent and the refused key when the endpoint rejects it', async ({ page }) => {
  mock.failWith(401);
  await goTo(page, 'Chat');
  const answer = await ask(page, 'How much has GreenLeaf Grocers spent so far?');
  await expect(answer.getByText(/^Written by Built-in, because .*key.* · checked by Built-in checks/i)).toBeVisible();
  await expect(answer).toContainText('GreenLeaf Grocers');
});

test('a stopped answer can be retried', async ({ page }) => {
  mock.enqueue({ hang: true, content: 'Looking into it' });
  await goTo(page, 'Chat');
  await page.getByRole('textbox', { name: 'Ask the co-pilot' }).fill('How much has TechGiant spent so far?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const answer = answers(page).first();
  await expect(answer).toContainText('Looking'); // streaming, then it hangs
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(answer).toHaveAttribute('aria-busy', 'false');
  await expect(answer.getByText('Stopped.')).toBeVisible();

  mock.enqueue(
    { toolCalls: [{ name: 'search_clients', args: { client_name: 'TechGiant' } }] },
    { content: 'TechGiant has spent $120,000 so far this year [client: TechGiant].' },
  );
  await answer.getByRole('button', { name: 'Retry' }).click();
  await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  await expect(answer).toContainText('TechGiant has spent $120,000 so far this year');
  await expect(answer.getByText('Stopped.')).toHaveCount(0);
  await expect(answers(page)).toHaveCount(1);
});
