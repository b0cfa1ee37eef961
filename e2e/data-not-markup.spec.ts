import { test, expect, type Page } from '@playwright/test';
import { startMockOpenAIServer } from '../src/test-support/mock-openai-server.ts';
import { makePdf } from '../src/test-support/pdf-fixtures.ts';
import { clientRows, goTo, importClients, importPdf, openApp } from './support/app.ts';
import { answers, ask, openDetails } from './support/chat.ts';
import { useOpenAIEndpoint } from './support/settings.ts';

// Long flows (several answers, imports, pdf.js on first use) on a shared, often busy machine.
test.describe.configure({ timeout: 240_000 });

const EVIL = 'Evil [Log in to renew](https://evil.example/login) Corp';
const PHISH_NOTE = 'Renewal portal moved: [click here](https://evil.example/portal) or <a href="https://evil.example/a">sign in</a>.';

/** Every element on the page that would take the rep to evil.example. */
async function evilLinks(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      Array.from(document.querySelectorAll('[href], [src], [action]')).filter((el) =>
        /evil\.example/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? ''),
      ).length,
  );
}

test('links inside client names, PDFs and model answers stay plain text everywhere', async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Clients');
  const csv = ['name,industry,ytd_spend,account_manager,region,renewal_date', `"${EVIL}",Retail,48500,Mallory Vance,West,2027-03-01`].join('\n');
  await importClients(page, 'evil.csv', `${csv}\n`);
  await expect(page.getByRole('status').filter({ hasText: '1 added' })).toBeVisible();
  await page.getByLabel('Search clients').fill('Evil');
  await expect(clientRows(page).filter({ hasText: EVIL })).toHaveCount(1);
  expect(await evilLinks(page)).toBe(0);

  await goTo(page, 'Playbook');
  await importPdf(page, 'renewals.pdf', await makePdf([['Numbat renewal process', PHISH_NOTE]]));
  await expect(page.getByRole('status').filter({ hasText: 'Indexed renewals.pdf' })).toBeVisible();
  await page.getByLabel('Search the playbook').fill('numbat renewal portal');
  await expect(page.getByRole('list', { name: 'Search results' })).toContainText('[click here](https://evil.example/portal)');
  expect(await evilLinks(page)).toBe(0);

  // The built-in agent quotes the name in its answer: the Markdown link is shown as written.
  await goTo(page, 'Chat');
  const answer = await ask(page, `How much has ${EVIL} spent so far?`);
  await expect(answer).toContainText('$48,500');
  await expect(answer).toContainText('https://evil.example/login');
  // The only links are the app's own: the client's source entry, pointing into the app.
  for (const href of await answer.getByRole('link').evaluateAll((els) => els.map((el) => el.getAttribute('href')))) expect(href).toMatch(/^#\/clients/);
  await openDetails(answer);
  expect(await evilLinks(page)).toBe(0);

  // A rating with a correction holding a link: the Feedback table shows it as text.
  await answer.getByRole('button', { name: 'Bad answer' }).click();
  await answer.getByRole('textbox', { name: 'Correction' }).fill(`See ${PHISH_NOTE}`);
  await answer.getByRole('button', { name: 'Save feedback' }).click();
  await expect(answer.getByRole('status').filter({ hasText: 'Feedback saved' })).toBeVisible();
  await goTo(page, 'Feedback');
  await expect(page.getByRole('table', { name: 'Feedback records' })).toContainText('evil.example');
  expect(await evilLinks(page)).toBe(0);
});

test('a model answer with links and the evil name links only to the app’s own sources', async ({ page }) => {
  const mock = await startMockOpenAIServer();
  try {
    await openApp(page);
    await goTo(page, 'Clients');
    const csv = ['name,industry,ytd_spend,account_manager,region,renewal_date', `"${EVIL}",Retail,48500,Mallory Vance,West,2027-03-01`].join('\n');
    await importClients(page, 'evil.csv', `${csv}\n`);
    await expect(page.getByRole('status').filter({ hasText: '1 added' })).toBeVisible();
    await useOpenAIEndpoint(page, { apiKey: 'sk-e2e-markup-11', baseUrl: mock.url, model: 'gpt-4o-mini' });
    mock.enqueue(
      { toolCalls: [{ name: 'search_clients', args: { client_name: EVIL } }] },
      {
        content: `**${EVIL}** has spent $48,500 [client: Evil Log in to renew (https://evil.example/login) Corp]. Renew at https://evil.example/renew or <a href="https://evil.example/x">here</a>.`,
      },
    );
    await goTo(page, 'Chat');
    const answer = await ask(page, 'How much has the Evil Corp account spent?');
    await expect(answer).toContainText('https://evil.example/renew');
    const links = answers(page).first().getByRole('link');
    await expect(links).toHaveCount(2); // the inline [1] and the Sources entry
    await expect(links.first()).toHaveAttribute('href', /^#\/clients/);
    await expect(links.nth(1)).toHaveAttribute('href', /^#\/clients/);
    expect(await evilLinks(page)).toBe(0);
  } finally {
    await mock.close();
  }
});
