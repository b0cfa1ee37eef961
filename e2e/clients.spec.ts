import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { clientRows, goTo, openApp } from './support/app.ts';
import { answers } from './support/chat.ts';

interface DemoClient {
  id: number;
  name: string;
  industry: string;
  ytd_spend: number;
  account_manager: string;
  region: string;
  open_escalation: boolean;
}
const demo = JSON.parse(readFileSync(new URL('../data/clients.json', import.meta.url), 'utf8')) as DemoClient[];

/** Data rows of the client table (the header row left out). */
function dataRows(page: Page) {
  return clientRows(page).filter({ has: page.getByRole('cell') });
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('Search clients').fill(text);
  await expect(page.getByRole('status').filter({ hasText: `matching “${text}”` })).toBeVisible();
}

async function firstColumn(page: Page): Promise<string[]> {
  return (
    await dataRows(page)
      .getByRole('cell')
      .filter({ has: page.getByRole('link') })
      .allTextContents()
  ).map((t) => t.replace(/open escalation$/, '').trim());
}

test.describe('Clients page', () => {
  test('search finds clients by industry, account manager, region and product, despite typos', async ({ page }) => {
    await openApp(page);
    await goTo(page, 'Clients');

    await search(page, 'retail');
    const retail = demo.filter((c) => c.industry === 'Retail').map((c) => c.name);
    // Every Retail client, ranked before clients that only run a "Retail …" product.
    expect((await firstColumn(page)).slice(0, retail.length).sort()).toEqual([...retail].sort());

    await search(page, 'Sarah Chen');
    const sarah = demo.filter((c) => c.account_manager === 'Sarah Chen');
    await expect(dataRows(page)).toHaveCount(sarah.length);
    for (const row of await dataRows(page).all()) await expect(row).toContainText('Sarah Chen');

    await search(page, 'grenleaf');
    await expect(dataRows(page).first().getByRole('link')).toHaveText('GreenLeaf Grocers');

    await search(page, 'sara chenn west');
    expect((await firstColumn(page)).sort()).toEqual(
      sarah
        .filter((c) => c.region === 'West')
        .map((c) => c.name)
        .sort(),
    );

    await search(page, 'conected tv');
    await expect(dataRows(page)).toHaveCount(demo.filter((c) => (c as DemoClient & { products: string[] }).products.includes('Connected TV')).length);
    for (const row of await dataRows(page).all()) await expect(row).toContainText('Connected TV');

    await search(page, 'qqqzzz');
    await expect(page.getByText('No clients match.')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Showing 0 of 0 clients' })).toBeVisible();
  });

  test('columns sort both ways and filters narrow the list', async ({ page }) => {
    await openApp(page);
    await goTo(page, 'Clients');
    const table = page.getByRole('table', { name: 'Client list' });
    const spendHeader = table.getByRole('columnheader', { name: /YTD spend/ });
    // Equal spends are ordered by name.
    const bySpend = [...demo].sort((a, b) => b.ytd_spend - a.ytd_spend || a.name.localeCompare(b.name));
    const lowest = [...demo].sort((a, b) => a.ytd_spend - b.ytd_spend || a.name.localeCompare(b.name))[0];

    await spendHeader.getByRole('button').click();
    await expect(spendHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(dataRows(page).first().getByRole('link')).toHaveText(bySpend[0].name);
    await spendHeader.getByRole('button').click();
    await expect(spendHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(dataRows(page).first().getByRole('link')).toHaveText(lowest.name);

    const managerHeader = table.getByRole('columnheader', { name: /Account manager/ });
    await managerHeader.getByRole('button').click();
    await expect(managerHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(spendHeader).not.toHaveAttribute('aria-sort', /.+/);
    const firstManager = [...demo].map((c) => c.account_manager).sort((a, b) => a.localeCompare(b))[0];
    await expect(dataRows(page).first()).toContainText(firstManager);

    const filters = page.getByRole('group', { name: 'Filter by column' });
    if (!(await filters.isVisible())) await page.getByText(/^Filters/).click();
    await filters.getByLabel('Industry').selectOption('Finance');
    const finance = demo.filter((c) => c.industry === 'Finance');
    await expect(dataRows(page)).toHaveCount(finance.length);
    await expect(page.getByRole('status').filter({ hasText: `Showing ${finance.length} of ${finance.length} clients (filtered)` })).toBeVisible();
    await filters.getByLabel('Open escalation only').check();
    const escalated = finance
      .filter((c) => c.open_escalation)
      .map((c) => c.name)
      .sort();
    await expect(dataRows(page)).toHaveCount(escalated.length);
    expect((await firstColumn(page)).sort()).toEqual(escalated);
    // Text search and filters combine.
    await search(page, 'tidal');
    await expect(dataRows(page)).toHaveCount(escalated.filter((n) => /tidal/i.test(n)).length);

    await page.getByLabel('Search clients').fill('');
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await expect(dataRows(page)).toHaveCount(demo.length);
  });

  test('a client page shows the record, the playbook tier and recommendation, and asks about the client', async ({ page }) => {
    await openApp(page);
    await goTo(page, 'Clients');
    await search(page, 'greenleaf');
    await dataRows(page).first().getByRole('link', { name: 'GreenLeaf Grocers' }).click();

    const greenleaf = demo.find((c) => c.name === 'GreenLeaf Grocers')!;
    await expect(page).toHaveURL(new RegExp(`#/clients/${greenleaf.id}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'GreenLeaf Grocers' })).toBeVisible();
    const record = page.getByRole('region', { name: 'Client record' });
    await expect(record).toContainText('$132,500');
    await expect(record).toContainText('Marcus Lee');
    const playbook = page.getByRole('region', { name: 'From the playbook' });
    await expect(playbook).toContainText('Gold');
    await expect(playbook).toContainText('Gold: YTD spend of $100,000 to $199,999.');
    await expect(playbook).toContainText('Retail Media Network and Social Video Ads');
    await expect(playbook).toContainText(/Sales Playbook\.pdf, page \d+ · Product Recommendations by Industry/);
    // The record has an open escalation, and the playbook's rule about it is shown first.
    await expect(playbook.getByRole('note')).toContainText('Hold the pitch');
    await expect(playbook).toContainText('open support escalation');

    await page.getByRole('button', { name: 'Ask about this client' }).click();
    const box = page.getByRole('textbox', { name: 'Ask the co-pilot' });
    await expect(box).toHaveValue('Prepare me for my meeting with GreenLeaf Grocers.');
    await expect(box).toBeFocused();
    const before = await answers(page).count();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const answer = answers(page).nth(before);
    await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
    await expect(answer).toContainText('GreenLeaf Grocers');

    // Back to the list: the search is kept.
    await page.goBack();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
    await expect(page.getByLabel('Search clients')).toHaveValue('greenleaf');
  });

  test('a client link may name the client; a near miss is offered, never opened', async ({ page }) => {
    await openApp(page, '/#/clients/TechGiant');
    await expect(page.getByRole('heading', { level: 1, name: 'TechGiant' })).toBeVisible();
    const playbook = page.getByRole('region', { name: 'From the playbook' });
    await expect(playbook).toContainText('Gold');
    await expect(playbook).toContainText('Mobile App Banners and Online Display Ads');

    await page.goto('/#/clients/Tech%20Gaint');
    await expect(page.getByRole('heading', { level: 1, name: 'Client not found' })).toBeVisible();
    await page.getByRole('link', { name: 'TechGiant', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'TechGiant' })).toBeVisible();
  });

  test('with no playbook, the client page says the rules were not found instead of guessing', async ({ page }) => {
    await openApp(page);
    await goTo(page, 'Playbook');
    await page.getByRole('button', { name: 'Remove Sales Playbook.pdf' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove document' }).click();
    await expect(page.getByRole('table', { name: 'Playbook documents' })).toContainText('No documents yet');

    await page.goto('/#/clients/1');
    await expect(page.getByRole('heading', { level: 1, name: 'TechGiant' })).toBeVisible();
    const playbook = page.getByRole('region', { name: 'From the playbook' });
    await expect(playbook).toContainText('Tier: not found in the playbook.');
    await expect(playbook).toContainText('Recommendation: not found in the playbook for Electronics.');
  });
});
