import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { goTo, importPdf, openApp } from './support/app.ts';

test('re-importing a PDF with the same content asks: cancel, replace, or keep both', async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Playbook');
  const documents = page.getByRole('table', { name: 'Playbook documents' }).getByRole('row');
  await expect(documents).toHaveCount(2);
  const same = new Uint8Array(await readFile(new URL('../data/playbook.pdf', import.meta.url)));
  const question = page.getByRole('alertdialog', { name: 'This PDF is already in the playbook' });

  await importPdf(page, 'playbook-copy.pdf', same);
  await expect(question).toContainText('“playbook-copy.pdf” has the same content as “Sales Playbook.pdf”');
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was imported from playbook-copy.pdf' })).toBeVisible();
  await expect(documents).toHaveCount(2);

  await importPdf(page, 'playbook-2027.pdf', same);
  await question.getByRole('button', { name: 'Replace “Sales Playbook.pdf”' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Indexed playbook-2027.pdf' })).toContainText('replaces the earlier copy');
  await expect(documents).toHaveCount(2);
  await expect(documents.nth(1)).toContainText('playbook-2027.pdf');

  await importPdf(page, 'playbook-again.pdf', same);
  await question.getByRole('button', { name: 'Keep both' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Indexed playbook-again.pdf' })).toBeVisible();
  await expect(documents).toHaveCount(3);
});
