/** Page-model helpers for the e2e suite: role and label locators only. */
import { expect, type Page } from '@playwright/test';

export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await waitReady(page);
}

/** Waits until the workspace has loaded (the header shows the client count). */
export async function waitReady(page: Page): Promise<void> {
  await expect(page.getByText(/[\d,]+ clients · [\d,]+ passages/)).toBeVisible({ timeout: 60_000 });
}

export type PageName = 'Chat' | 'Clients' | 'Playbook' | 'Evaluate' | 'Feedback' | 'Settings';

/** Opens a page from the main navigation (through the Menu button on a phone-sized screen). */
export async function goTo(page: Page, name: PageName): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const menu = page.getByRole('button', { name: 'Menu' });
  // One of them shows once the page has settled (e.g. after a reload that an import started).
  await expect(link.or(menu).first()).toBeVisible();
  if (!(await link.isVisible())) await menu.click();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Chooses a client file; the import dialog opens (or a page alert says why not). */
export async function chooseClientFile(page: Page, name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
  const buffer = typeof content === 'string' ? Buffer.from(content) : content;
  await page.getByLabel('Import clients (CSV or JSON)').setInputFiles({ name, mimeType, buffer });
}

export function importDialog(page: Page) {
  return page.getByRole('dialog', { name: /^Import / });
}

/**
 * Imports a client file with the columns as matched and merge mode: clicks Continue and Import
 * as the dialog offers them, and stops at the first alert (the import was refused).
 */
export async function importClients(page: Page, name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
  await chooseClientFile(page, name, content, mimeType);
  const dialog = importDialog(page);
  const alert = page.getByRole('alert');
  const cont = dialog.getByRole('button', { name: 'Continue' });
  const confirm = dialog.getByRole('button', { name: 'Import', exact: true });
  for (;;) {
    await expect(cont.or(confirm).or(alert).first()).toBeVisible();
    if (await alert.isVisible()) return;
    if (await confirm.isVisible()) {
      await confirm.click();
      // Done when the dialog closes (imported) or an alert says why not.
      await expect(async () => {
        if ((await dialog.isVisible()) && !(await alert.isVisible())) throw new Error('still importing');
      }).toPass();
      return;
    }
    await cont.click();
  }
}

/** Closes the import dialog (after a refused import) so the page behind it can be used. */
export async function cancelImport(page: Page): Promise<void> {
  const dialog = importDialog(page);
  if (await dialog.isVisible()) {
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  }
}

export async function importPdf(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByLabel('Import playbook PDF').setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(bytes) });
}

export function clientRows(page: Page) {
  return page.getByRole('table', { name: 'Client list' }).getByRole('row');
}
