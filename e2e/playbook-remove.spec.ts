import { test, expect, type Page } from '@playwright/test';
import { goTo, importPdf, openApp } from './support/app.ts';
import { makePdf } from '../src/test-support/pdf-fixtures.ts';

function documents(page: Page) {
  return page.getByRole('table', { name: 'Playbook documents' });
}

async function searchPlaybook(page: Page, query: string) {
  await page.getByLabel('Search the playbook').fill(query);
  return page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
}

test('removing a document asks first, names what depends on it, and can be undone', async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Playbook');
  await importPdf(page, 'zebra-guide.pdf', await makePdf([['Zebra Accounts', 'Zebra accounts renew every spring through the planning council.']]));
  await expect(page.getByRole('status').filter({ hasText: 'Indexed zebra-guide.pdf' })).toBeVisible();
  await page.getByRole('status').filter({ hasText: 'Indexed zebra-guide.pdf' }).getByRole('button', { name: 'Dismiss' }).click();

  const row = documents(page).getByRole('row').filter({ hasText: 'Sales Playbook.pdf' });
  const size = (await row.getByRole('cell').nth(1).textContent())?.trim() ?? '';
  expect(size).toMatch(/^\d+ pages · \d+ passages$/);
  const [pages, passages] = size.match(/\d+/g) ?? [];

  // Cancel keeps everything; so does Escape.
  const remove = page.getByRole('button', { name: 'Remove Sales Playbook.pdf' });
  await remove.click();
  const dialog = page.getByRole('dialog', { name: 'Remove “Sales Playbook.pdf”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`It has ${pages} pages and ${passages} passages.`);
  await expect(dialog).toContainText('Spend Tiers');
  await expect(dialog).toContainText('Discounts and Approvals');
  await expect(dialog).not.toContainText('only playbook document');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await remove.click();
  // Escape only once the dialog has taken focus (a key pressed before it opens goes nowhere).
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row).toBeVisible();

  // Confirm: the document and its passages are gone, and Undo is offered (and focused).
  await remove.click();
  await dialog.getByRole('button', { name: 'Remove document' }).click();
  await expect(row).toHaveCount(0);
  const undoNotice = page.getByRole('status').filter({ hasText: 'Removed Sales Playbook.pdf' });
  await expect(undoNotice).toContainText('undo this for a minute');
  await expect(undoNotice.getByRole('button', { name: 'Undo' })).toBeFocused();
  const hits = await searchPlaybook(page, 'discount approval');
  await expect(hits.filter({ hasText: 'Sales Playbook.pdf' })).toHaveCount(0);

  // Undo restores the document and its search index, and the restore is saved.
  await undoNotice.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored Sales Playbook.pdf and its search index.' })).toBeVisible();
  await expect(row).toContainText(size);
  await expect(hits.first()).toContainText('Sales Playbook.pdf');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Playbook' })).toBeVisible();
  await expect(documents(page).getByRole('row').filter({ hasText: 'Sales Playbook.pdf' })).toContainText(size);
  await expect(documents(page).getByRole('row').filter({ hasText: 'zebra-guide.pdf' })).toBeVisible();
});

test('removing the last document says every playbook answer depends on it, and stays removed after a reload', async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Playbook');
  await page.getByRole('button', { name: 'Remove Sales Playbook.pdf' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove “Sales Playbook.pdf”?' });
  await expect(dialog).toContainText('It is your only playbook document');
  await dialog.getByRole('button', { name: 'Remove document' }).click();
  await expect(documents(page)).toContainText('No documents yet');
  await expect(page.getByText(/^60 clients · 0 passages/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Playbook' })).toBeVisible();
  await expect(documents(page)).toContainText('No documents yet');
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
});
