import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { cancelImport, chooseClientFile, clientRows, goTo, importClients, importDialog, openApp, waitReady } from './support/app.ts';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url));

async function openClients(page: Page) {
  await openApp(page);
  await goTo(page, 'Clients');
}

async function findClient(page: Page, search: string) {
  await page.getByLabel('Search clients').fill(search);
  return clientRows(page).nth(1);
}

const count = (page: Page, n: number) => expect(page.getByText(new RegExp(`^${n} clients ·`))).toBeVisible();

test.describe('CRM exports are mapped to the app’s fields', () => {
  test('a Salesforce account report: columns matched, the rest shown and ignored, then imported', async ({ page }) => {
    await openClients(page);
    await chooseClientFile(page, 'salesforce-report.csv', await fixture('salesforce-accounts.csv'));
    const dialog = importDialog(page);
    await expect(dialog.getByLabel('Field for column Account Name')).toHaveValue('name');
    await expect(dialog.getByLabel('Field for column Account Owner')).toHaveValue('account_manager');
    await expect(dialog.getByLabel('Field for column YTD Spend')).toHaveValue('ytd_spend');
    await expect(dialog.getByLabel('Field for column Annual Revenue')).toHaveValue('');
    await expect(dialog).toContainText('Not imported: Type, Billing State/Province, Billing Country, Annual Revenue, Account ID.');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    const preview = dialog.getByRole('region', { name: 'What this import changes' });
    await expect(preview).toContainText('3 new clients');
    await expect(preview).toContainText('1 client updated');
    await expect(preview).toContainText('Spend this year: 1 client');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'salesforce-report.csv: 3 added, 1 updated, 63 clients in total' })).toBeVisible();
    const row = await findClient(page, 'Contoso Pharmaceuticals');
    await expect(row).toContainText('$212,401'); // 212,400.50, shown in whole dollars
    await expect(row).toContainText('Priya Nair');
    await expect(row).toContainText('2027-11-30');
  });

  test('a HubSpot companies export; the rep’s change to the columns is remembered for the next file like it', async ({ page }) => {
    await openClients(page);
    const file = await fixture('hubspot-companies.csv');
    await chooseClientFile(page, 'hubspot.csv', file);
    const dialog = importDialog(page);
    await expect(dialog.getByLabel('Field for column Company name')).toHaveValue('name');
    await expect(dialog.getByLabel('Field for column Spend YTD')).toHaveValue('ytd_spend');
    await expect(dialog.getByLabel('Field for column Country/Region')).toHaveValue('');
    // The rep decides the country is the sales region for these accounts.
    await dialog.getByLabel('Field for column Country/Region').selectOption('region');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByRole('region', { name: 'What this import changes' })).toContainText('2 new clients');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: '2 added, 1 updated' })).toBeVisible();
    const wide = await findClient(page, 'Wide World Importers');
    await expect(wide).toContainText('$48,500');
    await expect(wide).toContainText('United States');

    await chooseClientFile(page, 'hubspot-again.csv', file);
    await expect(dialog).toContainText('as you chose last time');
    await expect(dialog.getByLabel('Field for column Country/Region')).toHaveValue('region');
    await cancelImport(page);
  });

  test('money in common formats: "$48,500", "48.500,00 €", "48.5k"', async ({ page }) => {
    await openClients(page);
    const csv = 'Account Name,Industry,YTD Spend\nDollar Co,Retail,"$48,500"\nEuro GmbH,Retail,"48.500,00 €"\nKilo Ltd,Retail,48.5k\n';
    await importClients(page, 'money.csv', csv);
    await expect(page.getByRole('status').filter({ hasText: '3 added' })).toBeVisible();
    for (const name of ['Dollar Co', 'Euro GmbH', 'Kilo Ltd']) await expect(await findClient(page, name)).toContainText('$48,500');
  });

  test('an ambiguous date is asked, never guessed', async ({ page }) => {
    await openClients(page);
    await chooseClientFile(page, 'dates.csv', 'name,industry,ytd_spend,renewal_date\nDate Co,Retail,100,03/04/2027\n');
    const dialog = importDialog(page);
    const question = dialog.getByRole('group', { name: /what does “03\/04\/2027” \(row 1\) mean/ });
    await expect(question).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    await question.getByLabel(/3 April 2027 \(day first/).check();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: '1 added' })).toBeVisible();
    await expect(await findClient(page, 'Date Co')).toContainText('2027-04-03');
  });
});

test('a Latin-1 CSV shows and imports the right letters; Müller AG and Möller AG are two clients', async ({ page }) => {
  await openClients(page);
  const csv = 'name,industry,ytd_spend\nZoë Crème Brûlée SARL,Food & Beverage,100\nMüller AG,Retail,1\nMöller AG,Retail,2\n';
  await chooseClientFile(page, 'latin1.csv', Buffer.from(csv, 'latin1'));
  const dialog = importDialog(page);
  await expect(dialog).toContainText('text read as Western European (Windows-1252 / Latin-1)');
  await expect(dialog.getByRole('region', { name: 'What this import changes' })).toContainText('3 new clients: Zoë Crème Brûlée SARL, Müller AG, Möller AG');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 added' })).toBeVisible();
  await expect(await findClient(page, 'zoe creme')).toContainText('Zoë Crème Brûlée SARL');
  // Two clients, not one merged by accent-folding: each is found by its own name.
  await expect(await findClient(page, 'Müller AG')).toContainText('Müller AG');
  await expect(await findClient(page, 'Möller AG')).toContainText('Möller AG');
  await count(page, 63);
});

test('merge keeps the columns the file does not have (TechGiant repro)', async ({ page }) => {
  await openClients(page);
  await chooseClientFile(page, 'spend.csv', 'name,industry,ytd_spend\nTechGiant,Electronics,130000\n');
  const dialog = importDialog(page);
  const preview = dialog.getByRole('region', { name: 'What this import changes' });
  await expect(preview).toContainText('0 new clients');
  await expect(preview).toContainText('1 client updated: TechGiant');
  await expect(preview).toContainText('Spend this year: 1 client');
  await expect(preview).toContainText('Not in the file, so left as they are: Spend last year, Account manager, Region, Renewal date');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '0 added, 1 updated, 60 clients in total' })).toBeVisible();
  const row = await findClient(page, 'TechGiant');
  for (const kept of ['$130,000', 'Sarah Chen', 'West', '2027-02-28', 'Search Ads']) await expect(row).toContainText(kept);
});

test('replace shows what goes, asks, and can be undone exactly', async ({ page }) => {
  await openClients(page);
  await chooseClientFile(page, 'two.csv', 'name,industry,ytd_spend\nTechGiant,Electronics,120000\nBrand New Co,Travel,10\n');
  const dialog = importDialog(page);
  await dialog.getByLabel('Replace the whole book with this file').check();
  const preview = dialog.getByRole('region', { name: 'What this import changes' });
  await expect(preview).toContainText('This replaces your whole client book. 59 clients not in the file will be removed: TechGiant Labs, RetailCo');
  await expect(preview).toContainText('1 new client: Brand New Co');
  await dialog.getByRole('button', { name: 'Replace the book (remove 59 clients)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 added, 1 updated, 59 removed, 2 clients in total' })).toBeVisible();
  await count(page, 2);

  await page.getByRole('button', { name: 'Undo import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'your book is back to 60 clients' })).toBeVisible();
  await count(page, 60);
  await expect(await findClient(page, 'TechGiant Labs')).toContainText('TechGiant Labs');
  await page.reload();
  await waitReady(page);
  await count(page, 60);
});

test.describe('bad values are named by row and field', () => {
  test('1e309 is out of range, quoted as written', async ({ page }) => {
    await openClients(page);
    await importClients(page, 'huge.json', '[{"name":"Huge Co","industry":"Retail","ytd_spend":1e309}]', 'application/json');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Nothing was imported from huge.json.');
    await expect(alert).toContainText('Row 1, field "ytd_spend": is out of range: at most 1,000,000,000,000,000 (got 1e309)');
    await cancelImport(page);
    await count(page, 60);
  });

  test('control characters in names are refused', async ({ page }) => {
    await openClients(page);
    await importClients(page, 'nul.csv', 'name,industry,ytd_spend\nFine Co,Retail,1\n"Null\u0000Byte Co",Retail,2\n');
    await expect(page.getByRole('alert')).toContainText('Row 2 (line 3), field "name": contains a null byte (U+0000) at character 5');
    await cancelImport(page);
    await count(page, 60);
  });
});

test('the template downloads in the app’s own format and imports without questions', async ({ page }) => {
  await openClients(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download template' }).click();
  const path = await (await download).path();
  const text = await readFile(path, 'utf8');
  expect(text.split(/\r?\n/)[0]).toBe(
    'name,industry,ytd_spend,last_year_spend,account_manager,region,renewal_date,products,open_escalation,payment_terms,reference_consent',
  );
  await importClients(page, 'template.csv', text);
  await expect(page.getByRole('status').filter({ hasText: '2 added' })).toBeVisible();
});
