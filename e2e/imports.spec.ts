import { test, expect, type Page } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cancelImport, clientRows, goTo, importClients, importPdf, openApp } from './support/app.ts';
import { makeCorruptPdf, makeEncryptedLikePdf, makeImageOnlyPdf, makePdf } from '../src/test-support/pdf-fixtures.ts';

const HEADER = 'name,industry,ytd_spend,account_manager,region,renewal_date';

async function expectClientCount(page: Page, n: number) {
  await expect(page.getByText(new RegExp(`^${n} clients ·`))).toBeVisible();
}

test.describe('client imports are all-or-nothing', () => {
  const bad: [string, string, RegExp][] = [
    ['negative spend', `${HEADER}\nA Co,Retail,100,X,West,2027-01-01\nB Co,Retail,-5,X,West,2027-01-01\n`, /Row 2.*ytd_spend/i],
    ['non-numeric spend', `${HEADER}\nA Co,Retail,abc,X,West,2027-01-01\n`, /Row 1.*ytd_spend/i],
    ['unclosed quote', `${HEADER}\n"A Co,Retail,100,X,West,2027-01-01\n`, /quote|malformed|CSV/i],
    ['missing columns', `name,region\nA Co,West\n`, /industry|ytd_spend|column/i],
    ['duplicate names', `${HEADER}\nA Co,Retail,100,X,West,2027-01-01\na co,Retail,200,X,West,2027-01-01\n`, /duplicate/i],
  ];
  for (const [label, csv, message] of bad) {
    test(`rejects ${label} and keeps the book unchanged`, async ({ page }) => {
      await openApp(page);
      await goTo(page, 'Clients');
      await importClients(page, 'bad.csv', csv);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('Nothing was imported');
      await expect(alert).toContainText(message);
      await cancelImport(page);
      await expectClientCount(page, 60);
      await expect(clientRows(page)).toHaveCount(61);
    });
  }

  test('rejects malformed JSON', async ({ page }) => {
    await openApp(page);
    await goTo(page, 'Clients');
    await importClients(page, 'bad.json', '[{"name": "A"', 'application/json');
    await expect(page.getByRole('alert')).toContainText(/JSON/);
    await cancelImport(page);
    await expectClientCount(page, 60);
  });
});

test.describe('PDF imports', () => {
  test('a good PDF is indexed with progress and becomes searchable', async ({ page }) => {
    await openApp(page);
    await goTo(page, 'Playbook');
    const pdf = await makePdf([
      ['Field Guide', 'Quarterly planning', 'Zebra widgets are reviewed every quarter by the planning council.'],
      ['Expense rules', 'Parking is reimbursed up to forty dollars per visit.'],
    ]);
    await importPdf(page, 'field-guide.pdf', pdf);
    await expect(page.getByRole('status').filter({ hasText: 'Indexed field-guide.pdf' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Playbook documents' }).getByRole('row')).toHaveCount(3);
    await page.getByLabel('Search the playbook').fill('zebra widgets planning council');
    const first = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
    await expect(first).toContainText('field-guide.pdf, page 1');
  });

  const badPdfs: [string, () => Promise<Uint8Array>, RegExp][] = [
    ['empty', async () => new Uint8Array(0), /empty|not a valid PDF|could not be read/i],
    ['corrupt', async () => makeCorruptPdf(), /not a valid PDF|corrupt|could not be read/i],
    ['encrypted', makeEncryptedLikePdf, /password|encrypted/i],
    ['image-only', makeImageOnlyPdf, /no text|scanned/i],
  ];
  for (const [label, make, message] of badPdfs) {
    test(`a ${label} PDF is rejected and the index is unchanged`, async ({ page }) => {
      await openApp(page);
      await goTo(page, 'Playbook');
      await importPdf(page, `${label}.pdf`, await make());
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('Nothing was imported');
      await expect(alert).toContainText(message);
      await expect(page.getByRole('table', { name: 'Playbook documents' }).getByRole('row')).toHaveCount(2);
    });
  }

  test('a file over 50 MB is refused before parsing', async ({ page }, testInfo) => {
    await openApp(page);
    await goTo(page, 'Playbook');
    const file = join(testInfo.outputDir, 'huge.pdf');
    await mkdir(testInfo.outputDir, { recursive: true });
    await writeFile(file, new Uint8Array(50 * 1024 * 1024 + 1));
    await page.getByLabel('Import playbook PDF').setInputFiles(file);
    await expect(page.getByRole('alert')).toContainText(/larger than 50 MB/);
  });
});

test('a full disk keeps the data as it was and says so', async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Clients');
  // Simulate IndexedDB running out of quota for every write from now on.
  await page.evaluate(() => {
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = (..._args: Parameters<typeof original>) => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
  });
  await importClients(page, 'new.csv', `${HEADER}\nNorthwind Traders,Retail,64000,Marcus Lee,West,2027-03-01\n`);
  await expect(page.getByRole('alert')).toContainText(/storage is full/i);
  await cancelImport(page);
  await expectClientCount(page, 60);
  await page.getByLabel('Search clients').fill('northwind');
  await expect(clientRows(page)).toHaveCount(2); // header + "No clients match."
  await expect(clientRows(page).nth(1)).toContainText('No clients match');
});
