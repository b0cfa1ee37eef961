/** Page-model helpers for the e2e suite: role and label locators only. */
import { expect, type Page } from '@playwright/test';

export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await waitReady(page);
}

/** Waits until the workspace has loaded (the header shows the client count). */
export async function waitReady(page: Page): Promise<void> {
  await expect(page.getByText(/\d+ clients · \d+ passages/)).toBeVisible({ timeout: 60_000 });
}

export type PageName = 'Chat' | 'Clients' | 'Playbook' | 'Evaluate' | 'Feedback' | 'Settings';

/** Opens a page from the main navigation (through the Menu button on a phone-sized screen). */
export async function goTo(page: Page, name: PageName): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await page.getByRole('button', { name: 'Menu' }).click();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export async function importClients(page: Page, name: string, content: string, mimeType = 'text/csv'): Promise<void> {
  await page.getByLabel('Import clients (CSV or JSON)').setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
}

export async function importPdf(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByLabel('Import playbook PDF').setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(bytes) });
}

export function clientRows(page: Page) {
  return page.getByRole('table', { name: 'Client list' }).getByRole('row');
}
