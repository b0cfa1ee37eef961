import { test, expect } from '@playwright/test';
import { goTo, importPdf, openApp, waitReady } from './support/app.ts';
import { ask } from './support/chat.ts';
import { makePdf } from '../src/test-support/pdf-fixtures.ts';

test.describe.configure({ timeout: 180_000 });

test('documents that disagree are named, and the rep picks the one that wins', async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Playbook');
  await importPdf(page, 'pricing-memo.pdf', await makePdf([['Pricing memo', 'Discounts: up to 50%: the rep may give it at their own discretion.']]));
  await expect(page.getByRole('status').filter({ hasText: 'Indexed pricing-memo.pdf' })).toBeVisible();

  await goTo(page, 'Chat');
  const first = await ask(page, 'Can I give RetailCo a 15% discount?');
  await expect(first).toContainText('The documents disagree on a 15% discount');
  await expect(first).toContainText('pricing-memo.pdf: Yes — 15% for RetailCo');
  await expect(first).toContainText("Sales Playbook.pdf: Yes, but only with the sales manager's approval");
  await expect(first.getByRole('list', { name: 'Sources' })).toContainText('pricing-memo.pdf');

  await goTo(page, 'Playbook');
  const wins = page.getByRole('checkbox', { name: 'This one wins: Sales Playbook.pdf' });
  await wins.check();
  await expect(page.getByRole('status').filter({ hasText: 'answers now follow “Sales Playbook.pdf”' })).toBeVisible();
  await page.reload();
  await waitReady(page);
  await goTo(page, 'Playbook');
  await expect(page.getByRole('checkbox', { name: 'This one wins: Sales Playbook.pdf' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'This one wins: pricing-memo.pdf' })).not.toBeChecked();

  await goTo(page, 'Chat');
  const second = await ask(page, 'Can I give RetailCo a 15% discount?');
  await expect(second).toContainText("Yes, but only with the sales manager's approval");
  await expect(second).toContainText('Another document disagrees on a 15% discount');
  await expect(second).toContainText('pricing-memo.pdf');
});
