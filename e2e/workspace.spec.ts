import { test, expect } from '@playwright/test';
import { clientRows, goTo, importClients, openApp, waitReady } from './support/app.ts';

test('first open loads the demo client book and playbook, searchable with page references', async ({ page }) => {
  await openApp(page);
  await expect(page.getByText(/^60 clients ·/)).toBeVisible();

  await goTo(page, 'Clients');
  await expect(clientRows(page)).toHaveCount(61); // header + 60
  await page.getByLabel('Search clients').fill('cafe muller');
  await expect(clientRows(page).nth(1)).toContainText('Café Müller GmbH');

  await goTo(page, 'Playbook');
  const docs = page.getByRole('table', { name: 'Playbook documents' });
  await expect(docs.getByRole('row')).toHaveCount(2);
  await expect(page.getByTestId('embedder')).not.toHaveText('…');
  await page.getByLabel('Search the playbook').fill('policy on discussing 2026 pricing');
  const first = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
  await expect(first).toContainText(/page \d+/);
  await expect(first).toContainText(/Sales Kickoff/);
});

test('a reload restores clients and the index without re-seeding', async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Clients');
  await importClients(
    page,
    'new.csv',
    'name,industry,ytd_spend,account_manager,region,renewal_date\nNorthwind Traders,Retail,64000,Marcus Lee,West,2027-03-01\n',
  );
  await expect(page.getByRole('status').filter({ hasText: '1 added' })).toBeVisible();
  await page.reload();
  await waitReady(page);
  await expect(page.getByText(/^61 clients ·/)).toBeVisible();
  await page.getByLabel('Search clients').fill('northwind');
  await expect(clientRows(page).nth(1)).toContainText('Northwind Traders');
});
