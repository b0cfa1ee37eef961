import { test, expect, type Locator, type Page } from '@playwright/test';
import { goTo, openApp } from './support/app.ts';
import { ask, openTrace } from './support/chat.ts';

const QUESTION = 'How much has TechGiant Labs spent so far?';
const CORRECTION = 'Give the YTD spend from the client record and say which client it is.';
/** A trained critic's cell: "pass 0.82" / "retry 0.31". */
const VERDICT = /^(pass|retry) [01]\.\d\d/;
/** The critic's score in a reflection step of the trace. */
const CRITIC_IN_TRACE = /🔍 reflection: (PASS|RETRY) · critic [01]\.\d\d/u;

/** The Feedback table row of the answer the rep rated in Chat. */
function ratedRow(page: Page): Locator {
  return page.getByRole('table', { name: 'Feedback records' }).getByRole('row').filter({ hasText: QUESTION });
}

function criticSwitch(page: Page): Locator {
  return page.getByRole('switch', { name: 'Use the critic in reflection' });
}

/** Asks in Chat and returns the new answer's trace steps. */
async function askAndTrace(page: Page): Promise<Locator> {
  await goTo(page, 'Chat');
  const steps = await openTrace(await ask(page, QUESTION));
  await expect(steps).toContainText('🔍 reflection:');
  return steps;
}

test.describe('RLHF: feedback trains the reflection critic', () => {
  test('a thumbs-down with a correction, training, then the critic verdict changes and joins reflection', async ({ page }) => {
    // Three questions and a training run in one story.
    test.setTimeout(300_000);
    await openApp(page);

    // Rate an answer in Chat: thumbs down with a correction.
    const answer = await ask(page, QUESTION);
    await answer.getByRole('button', { name: 'Bad answer' }).click();
    await answer.getByRole('textbox', { name: 'Correction' }).fill(CORRECTION);
    await answer.getByRole('button', { name: 'Save feedback' }).click();
    await expect(answer.getByRole('status').filter({ hasText: 'Feedback saved' })).toBeVisible();

    // Listed on the Feedback page; no trained critic yet.
    await goTo(page, 'Feedback');
    const row = ratedRow(page);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(CORRECTION);
    await expect(row.getByRole('cell', { name: 'untrained', exact: true })).toBeVisible();

    // Train on the example feedback plus ours with the default settings.
    await page.getByRole('button', { name: 'Load example feedback' }).click();
    await expect(page.getByRole('status').filter({ hasText: '20 added, 0 updated, 21 records' })).toBeVisible();
    await page.getByRole('button', { name: 'Train critic' }).click();
    await expect(page.getByRole('status').filter({ hasText: /saved as version 1/ })).toBeVisible({ timeout: 60_000 });

    // The rated answer now has the trained critic's verdict with a score. Training is seeded, and the
    // critic learned the rep's thumbs-down: it says retry and agrees with the label (stable across runs).
    const verdict = row.getByRole('cell', { name: VERDICT });
    await expect(verdict).toBeVisible();
    await expect(verdict).toHaveAccessibleName(/^retry 0\.\d\d \(agrees with your label\)$/);
    await expect(row.getByRole('cell', { name: 'untrained', exact: true })).toHaveCount(0);
    const verdictCells = page.getByRole('table', { name: 'Feedback records' }).getByRole('cell', { name: VERDICT });
    await expect(verdictCells).toHaveCount(21);

    // The chat's reflection now shows the critic's score.
    await expect(await askAndTrace(page)).toContainText(CRITIC_IN_TRACE);

    // Switched off: the column says "untrained" and reflection runs without the critic.
    await goTo(page, 'Feedback');
    await criticSwitch(page).click();
    await expect(criticSwitch(page)).not.toBeChecked();
    await expect(row.getByRole('cell', { name: 'untrained', exact: true })).toBeVisible();
    const withoutCritic = await askAndTrace(page);
    await expect(withoutCritic).not.toContainText(/· critic \d/);

    // Back on, the verdict returns; reset to the untrained critic clears it again.
    await goTo(page, 'Feedback');
    await criticSwitch(page).click();
    await expect(criticSwitch(page)).toBeChecked();
    await expect(row.getByRole('cell', { name: VERDICT })).toBeVisible();
    await page.getByRole('button', { name: 'Reset to untrained critic' }).click();
    await expect(page.getByRole('button', { name: 'Activate version 1' })).toBeVisible();
    await expect(row.getByRole('cell', { name: 'untrained', exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Feedback records' }).getByRole('cell', { name: VERDICT })).toHaveCount(0);
  });
});
