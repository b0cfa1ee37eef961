/**
 * Corrections the co-pilot remembers, end to end: the note is stored from the thumbs-down
 * (Feedback state), recalled through `CopilotDeps.corrections` (the app's CorrectionMemory) and
 * shown by the composer as "Your note" beside the evidence.
 */
import { test, expect } from '@playwright/test';
import { openApp } from './support/app.ts';
import { ask } from './support/chat.ts';

const CORRECTION = "Always give the YTD spend together with last year's spend.";

test("a thumbs-down with a correction, then the same question: the answer shows the rep's note", async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  const first = await ask(page, 'How much has RetailCo spent so far?');
  await first.getByRole('button', { name: 'Bad answer' }).click();
  await first.getByRole('textbox', { name: 'Correction' }).fill(CORRECTION);
  await first.getByRole('button', { name: 'Save feedback' }).click();
  await expect(first.getByRole('group', { name: 'Feedback on this answer' }).getByRole('status')).toContainText('Feedback saved');

  const again = await ask(page, 'How much has RetailCo spent so far?');
  await expect(again).toContainText(CORRECTION);
  await expect(again).toContainText(/your note/i);

  // A close rewording recalls it too; the same question about another client does not.
  const close = await ask(page, 'How much has RetailCo spent so far this year?');
  await expect(close).toContainText(CORRECTION);
  const other = await ask(page, 'How much has TechGiant spent so far?');
  await expect(other).not.toContainText(CORRECTION);
});
