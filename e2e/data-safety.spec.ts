import { test, expect, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { clientRows, goTo, importClients, openApp, waitReady } from './support/app.ts';

const HEADER = 'name,industry,ytd_spend,account_manager,region,renewal_date';

/** Overwrites one IndexedDB record of the app with bytes that are not what it expects. */
async function corrupt(page: Page, key: string): Promise<void> {
  await page.evaluate(async (k) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('crm-copilot');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('kv', 'readwrite');
      tx.objectStore('kv').put(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), k);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, key);
}

test('two tabs: a write in one refreshes the other, and neither overwrites newer data', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openApp(a, '/#/clients');
  await openApp(b, '/#/clients');

  await importClients(a, 'a.csv', `${HEADER}\nNorthwind Traders,Retail,64000,Marcus Lee,West,2027-03-01\n`);
  await expect(a.getByText(/^61 clients ·/)).toBeVisible();
  await expect(b.getByText(/^61 clients ·/)).toBeVisible();
  await expect(b.getByRole('status').filter({ hasText: 'Another tab changed the workspace' })).toBeVisible();

  await importClients(b, 'b.csv', `${HEADER}\nContoso Retail,Retail,12000,Marcus Lee,West,2027-05-01\n`);
  await expect(b.getByText(/^62 clients ·/)).toBeVisible();
  await expect(a.getByText(/^62 clients ·/)).toBeVisible();
  for (const page of [a, b]) {
    await page.getByLabel('Search clients').fill('northwind');
    await expect(clientRows(page).nth(1)).toContainText('Northwind Traders');
    await page.getByLabel('Search clients').fill('contoso');
    await expect(clientRows(page).nth(1)).toContainText('Contoso Retail');
  }
});

test('an unreadable saved database is restored from its backup copy, keeping the latest import', async ({ page }) => {
  await openApp(page, '/#/clients');
  await importClients(page, 'new.csv', `${HEADER}\nNorthwind Traders,Retail,64000,Marcus Lee,West,2027-03-01\n`);
  await expect(page.getByText(/^61 clients ·/)).toBeVisible();
  await corrupt(page, 'v2/clients.sqlite');
  await page.reload();
  await waitReady(page);
  await expect(page.getByText(/^61 clients ·/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'restored from its backup copy' })).toBeVisible();
});

test('when both copies are unreadable the app still works, says what was lost and reloads the demo data', async ({ page }) => {
  await openApp(page);
  await corrupt(page, 'v2/clients.sqlite');
  await corrupt(page, 'v2/clients.sqlite.bak');
  await corrupt(page, 'v2/playbook.snapshot');
  await corrupt(page, 'v2/playbook.snapshot.bak');
  await page.reload();
  await waitReady(page);
  const notice = page.getByRole('status').filter({ hasText: 'could not be read' });
  await expect(notice).toContainText('demo client book');
  await expect(notice).toContainText('demo playbook');
  await expect(page.getByText(/^60 clients ·/)).toBeVisible();
  await goTo(page, 'Playbook');
  await page.getByLabel('Search the playbook').fill('discount approval');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toContainText(/page \d+/);
});

test('export the workspace, reset to demo, import it back; a bad file changes nothing', async ({ page }, testInfo) => {
  await openApp(page, '/#/clients');
  await importClients(page, 'new.csv', `${HEADER}\nNorthwind Traders,Retail,64000,Marcus Lee,West,2027-03-01\n`);
  await expect(page.getByText(/^61 clients ·/)).toBeVisible();

  await goTo(page, 'Settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export workspace' }).click();
  const file = join(testInfo.outputDir, 'workspace.json');
  await mkdir(testInfo.outputDir, { recursive: true });
  await (await download).saveAs(file);

  await page.getByRole('button', { name: 'Reset to demo' }).click();
  await page.getByRole('button', { name: 'Yes, reset everything' }).click();
  await waitReady(page);
  await expect(page.getByText(/^60 clients ·/)).toBeVisible();

  await goTo(page, 'Settings');
  await page
    .getByLabel('Import workspace')
    .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something else"}') });
  await expect(page.getByRole('alert')).toContainText('Nothing was changed');
  await expect(page.getByText(/^60 clients ·/)).toBeVisible();

  await page.getByLabel('Import workspace').setInputFiles(file);
  await waitReady(page);
  await expect(page.getByText(/^61 clients ·/)).toBeVisible();
  await goTo(page, 'Clients');
  await page.getByLabel('Search clients').fill('northwind');
  await expect(clientRows(page).nth(1)).toContainText('Northwind Traders');
});
