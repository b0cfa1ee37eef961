import { test, expect, type Locator, type Page } from '@playwright/test';
import { goTo, openApp } from './support/app.ts';
import { ask } from './support/chat.ts';

/** A trained critic's cell: "Pass · 82%" / "Send back · 31%". */
const VERDICT = /^(Pass|Send back) · \d{1,3}%/;

const GOOD = ['How much has TechGiant spent so far?', 'What is our policy on discussing 2026 pricing?', 'How many Platinum clients do we have?'];
const BAD: [string, string][] = [
  ['Can I give RetailCo a 15% discount?', "Say that more than 10% needs the sales manager's approval."],
  ['Which Retail clients renew in the next 90 days?', 'List each client with its renewal date.'],
  ['What should I pitch to GreenLeaf Grocers?', 'Name the product the playbook recommends for grocery clients.'],
];

async function rate(answer: Locator, good: boolean, correction?: string): Promise<void> {
  await answer.getByRole('button', { name: good ? 'Good answer' : 'Bad answer' }).click();
  if (correction) await answer.getByRole('textbox', { name: 'Correction' }).fill(correction);
  await answer.getByRole('button', { name: 'Save feedback' }).click();
  await expect(answer.getByRole('status').filter({ hasText: 'Feedback saved' })).toBeVisible();
}

function table(page: Page): Locator {
  return page.getByRole('table', { name: 'Feedback records' });
}

test.describe('RLHF: a critic switches on only on evidence', () => {
  test('six ratings (three good, three bad with corrections), Train critic with the defaults: version 1 stays off and the page says why', async ({ page }) => {
    // Six questions, a training run and the evaluation questions scored twice in one story.
    test.setTimeout(420_000);
    await openApp(page);
    for (const q of GOOD) await rate(await ask(page, q), true);
    for (const [q, correction] of BAD) await rate(await ask(page, q), false, correction);

    await goTo(page, 'Feedback');
    await expect(
      table(page)
        .getByRole('row')
        .filter({ has: page.getByRole('button', { name: /^Delete record/ }) }),
    ).toHaveCount(6);
    await expect(page.getByText('3 good and 3 bad answers to learn from.')).toBeVisible();
    // The three corrections are remembered as notes.
    await expect(page.getByRole('list', { name: 'Notes in use' }).getByRole('listitem')).toHaveCount(3);

    await page.getByRole('button', { name: 'Train critic' }).click();
    const headline = page.getByRole('status').filter({ hasText: /^Version 1 / });
    await expect(headline).toBeVisible({ timeout: 300_000 });
    // Not better than the current reviewer: saved, not switched on, and the page says why in numbers.
    await expect(headline).toHaveText(
      /^Version 1 is not switched on: it (is not better than the current reviewer \(\d+% agreement with your ratings against \d+%\)|would lower the evaluation score .*)\.$/,
    );
    await expect(
      page.getByText(
        /^On 22 answers it did not learn from \(11 you rated good, 11 bad\), it agrees with your ratings \d+% of the time; the current reviewer agrees \d+%\.$/,
      ),
    ).toBeVisible();
    await expect(page.getByText(/^On the \d+ evaluation questions the co-pilot scores \d\.\d\d without it and \d\.\d\d with it\.$/)).toBeVisible();
    await expect(page.getByText(/switched on by itself only when it agrees with your ratings at least 10 points more often/)).toBeVisible();

    const versions = page.getByRole('list', { name: 'Critic versions' });
    await expect(versions.getByText('Version 1', { exact: true })).toBeVisible();
    await expect(versions.getByText('Active', { exact: true })).toHaveCount(0);
    await expect(versions.getByText('checked: not better')).toBeVisible();
    await expect(table(page).getByRole('cell', { name: VERDICT })).toHaveCount(0);

    // The developer numbers are one click away, under Advanced.
    await page.getByText('Advanced: how it was checked').click();
    const details = page.getByRole('table', { name: 'How version 1 was checked' });
    await expect(details.getByRole('row', { name: /Calibration error \(ECE\)/ })).toContainText(/\d\.\d{3} raw → \d\.\d{3} calibrated/);

    // The rep may switch it on after seeing the comparison; then it judges the rated answers.
    await page.getByRole('button', { name: 'Switch on version 1 anyway' }).click();
    await expect(versions.getByText('Active', { exact: true })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'You switched it on anyway.' })).toBeVisible();
    await expect(table(page).getByRole('cell', { name: VERDICT })).toHaveCount(6);

    // The switch turns it off again without losing the version; "Switch off all versions" resets.
    const use = page.getByRole('switch', { name: 'Use the trained critic' });
    await use.click();
    await expect(use).not.toBeChecked();
    await expect(table(page).getByRole('cell', { name: VERDICT })).toHaveCount(0);
    await use.click();
    await expect(table(page).getByRole('cell', { name: VERDICT })).toHaveCount(6);
    await page.getByRole('button', { name: 'Switch off all versions' }).click();
    await expect(page.getByRole('button', { name: 'Switch on version 1', exact: true })).toBeVisible();
    await expect(table(page).getByRole('cell', { name: VERDICT })).toHaveCount(0);
  });
});
