/**
 * Playbook search understands paraphrases offline: the default "Word meaning" embedder (shipped
 * word vectors, precached) finds a section asked about in other words, with no network, and the
 * page names the embedder in words (the technical id only under "Advanced").
 */
import { test, expect } from '@playwright/test';
import { goTo, openApp, waitReady } from './support/app.ts';

// These tests need the service worker (precache, offline boot, updates).
test.use({ serviceWorkers: 'allow' });

// Two boots and a re-index each: generous on a busy 2-core machine.
test.describe.configure({ timeout: 240_000 });

test("offline, the default word-meaning search finds a paraphrased question's section", async ({ page, context }) => {
  await openApp(page);
  // The service worker has precached the app (and the word-vector file) once it controls the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  await goTo(page, 'Playbook');
  await expect(page.getByTestId('embedder')).toHaveText('Word meaning (offline)');

  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await waitReady(page);
  await goTo(page, 'Playbook');
  await expect(page.getByTestId('embedder')).toHaveText('Word meaning (offline)');

  // None of "multi", "year", "deal" or "commitment": the words of the section it should find.
  await page.getByLabel('Search the playbook').fill('do they get something extra for signing for several years');
  const first = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
  await expect(first).toContainText('Multi-Year Deals');
  await expect(first).toContainText(/page \d+/);

  // The page's own Advanced section (each search result has one too).
  await page
    .locator('details', { has: page.getByTestId('embedder-id') })
    .locator('summary')
    .click();
  await expect(page.getByTestId('embedder-id')).toHaveText(/^word-vectors-sif-100d-\d+$/);
});

test("Settings names the search models in a rep's words and switches between them", async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Playbook search' });
  await expect(section).toContainText('Playbook search in use: Word meaning (offline)');
  const select = page.getByLabel('Search model');
  await expect(select.getByRole('option')).toHaveText(['Word meaning (offline), recommended', 'MiniLM (downloaded)', 'Basic keywords (offline)']);

  await select.selectOption({ label: 'Basic keywords (offline)' });
  await page.getByRole('button', { name: 'Apply search model' }).click();
  await expect(page.getByText('Playbook search now uses Basic keywords (offline); the playbook was re-indexed.')).toBeVisible({ timeout: 60_000 });
  await expect(section).toContainText('in use: Basic keywords (offline)');

  await select.selectOption({ label: 'Word meaning (offline), recommended' });
  await page.getByRole('button', { name: 'Apply search model' }).click();
  await expect(section).toContainText('in use: Word meaning (offline)', { timeout: 60_000 });
});
