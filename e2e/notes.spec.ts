import { test, expect, type Page } from '@playwright/test';
import { goTo, openApp } from './support/app.ts';
import { ask } from './support/chat.ts';

const QUESTION = 'How much has TechGiant spent so far?';
const CORRECTION = "Give the YTD spend and last year's spend side by side.";

function notesInUse(page: Page) {
  return page.getByRole('list', { name: 'Notes in use' });
}

test.describe('corrections the co-pilot remembers', () => {
  test('a thumbs-down with a correction is listed as a note that can be edited, retired and restored, across a reload', async ({ page }) => {
    test.setTimeout(180_000);
    await openApp(page);
    const answer = await ask(page, QUESTION);
    await answer.getByRole('button', { name: 'Bad answer' }).click();
    await answer.getByRole('textbox', { name: 'Correction' }).fill(CORRECTION);
    await answer.getByRole('button', { name: 'Save feedback' }).click();
    await expect(answer.getByRole('group', { name: 'Feedback on this answer' }).getByRole('status')).toHaveText(
      'Feedback saved. The co-pilot will remember your correction for this question.',
    );

    await goTo(page, 'Feedback');
    const note = notesInUse(page).getByRole('listitem');
    await expect(note).toHaveCount(1);
    await expect(note).toContainText(`When asked: ${QUESTION}`);
    await expect(note).toContainText(CORRECTION);

    await page.getByRole('button', { name: 'Edit note 1' }).click();
    await page.getByRole('textbox', { name: 'Your note (note 1)' }).fill('Give the YTD spend from the client record.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Note saved.' })).toBeVisible();
    await expect(note).toContainText('Give the YTD spend from the client record.');

    await page.reload();
    await goTo(page, 'Feedback');
    await expect(notesInUse(page).getByRole('listitem')).toContainText('Give the YTD spend from the client record.');

    await page.getByRole('button', { name: 'Retire note 1' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Note retired' })).toBeVisible();
    await expect(notesInUse(page)).toHaveCount(0);
    await page.getByText('Retired notes (1)').click();
    await page.getByRole('button', { name: 'Restore note 1' }).click();
    await expect(notesInUse(page).getByRole('listitem')).toHaveCount(1);

    // Rating the same answer good again retires its note: a correction no longer applies.
    await goTo(page, 'Chat');
    await answer.getByRole('button', { name: 'Good answer' }).click();
    await answer.getByRole('button', { name: 'Save feedback' }).click();
    await expect(answer.getByRole('group', { name: 'Feedback on this answer' }).getByRole('status')).toHaveText('Feedback saved');
    await goTo(page, 'Feedback');
    await expect(notesInUse(page)).toHaveCount(0);
    await expect(page.getByText('Retired notes (1)')).toBeVisible();
  });
});
