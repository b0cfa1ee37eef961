import { test, expect, type Page } from '@playwright/test';
import { openApp, waitReady } from './support/app.ts';
import { answers, ask, conversationList, deleteConversation } from './support/chat.ts';

// Long flows (several answers, imports, pdf.js on first use) on a shared, often busy machine.
test.describe.configure({ timeout: 240_000 });

const SPEND = 'How much has TechGiant spent so far?';
const PRICING = 'What is our policy on discussing 2026 pricing?';
const GREENLEAF = 'How much has GreenLeaf Grocers spent so far?';

/** The conversation buttons of the list (each opens one conversation). */
function conversationButton(page: Page, title: string) {
  return conversationList(page).getByRole('button', { name: title, exact: true });
}

async function newConversation(page: Page): Promise<void> {
  await conversationList(page).getByRole('button', { name: 'New conversation' }).click();
  await expect(answers(page)).toHaveCount(0);
}

test.describe('chat essentials', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page);
  });

  test('deleting a conversation asks first, names it with its questions, and can be undone', async ({ page }) => {
    await ask(page, SPEND);
    await ask(page, GREENLEAF);
    await newConversation(page);
    await ask(page, PRICING);

    await conversationList(page)
      .getByRole('button', { name: `Delete ${SPEND}` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
    await expect(dialog).toContainText(`“${SPEND}” and its 2 questions with their answers will be deleted.`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(conversationButton(page, SPEND)).toBeVisible();

    await deleteConversation(page, SPEND);
    await expect(conversationButton(page, SPEND)).toHaveCount(0);
    const toast = page.getByRole('status').filter({ hasText: `Deleted “${SPEND}”.` });
    await expect(toast).toBeVisible();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(toast).toBeHidden();
    await expect(conversationButton(page, SPEND)).toBeVisible();

    // Restored whole: both turns, and it survives a reload.
    await page.reload();
    await waitReady(page);
    await conversationButton(page, SPEND).click();
    await expect(page.getByLabel('Your question')).toHaveText([SPEND, GREENLEAF]);
    await expect(answers(page).first()).toContainText('$120,000');
  });

  test('a deleted conversation is gone for good once the undo window has passed', async ({ page }) => {
    await ask(page, SPEND);
    await newConversation(page);
    await ask(page, PRICING);
    await deleteConversation(page, PRICING);
    // Deleting the open conversation closes it.
    await expect(answers(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Undo' })).toBeHidden({ timeout: 25_000 });
    await page.reload();
    await waitReady(page);
    await expect(conversationButton(page, PRICING)).toHaveCount(0);
    await expect(conversationButton(page, SPEND)).toBeVisible();
  });

  test('copy, regenerate, and edit-and-resend keep the earlier answers', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const answer = await ask(page, SPEND);
    await expect(answer.getByText(/^Written by Built-in · checked by Built-in checks · \S/)).toBeVisible();

    await answer.getByRole('button', { name: 'Copy answer' }).click();
    await expect(answer.getByRole('status')).toHaveText('Copied with its sources.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('$120,000');
    expect(copied).toMatch(/Sources:\n.*TechGiant — client record/);
    expect(copied).not.toContain('**');

    await answer.getByRole('button', { name: 'Regenerate' }).click();
    await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
    await expect(answers(page)).toHaveCount(1);
    await expect(answer).toContainText('$120,000');
    await expect(answer.getByText('Earlier answer to this question (1)')).toBeVisible();

    await page.getByRole('button', { name: 'Edit question' }).click();
    await page.getByRole('textbox', { name: 'Edit your question' }).fill(GREENLEAF);
    await page.getByRole('button', { name: 'Save and send' }).click();
    await expect(page.getByLabel('Your question')).toHaveText([GREENLEAF]);
    await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
    await expect(answer).toContainText('GreenLeaf Grocers');
    await expect(answers(page)).toHaveCount(1);
    await answer.getByText('Earlier answers to this question (2)').click();
    await expect(answer.getByText(`Asked as “${SPEND}”`)).toHaveCount(2);

    // Only the last question can be edited.
    await ask(page, PRICING);
    await expect(page.getByRole('button', { name: 'Edit question' })).toHaveCount(1);
  });

  test('search finds conversations by what was said in them', async ({ page }) => {
    await ask(page, SPEND);
    await newConversation(page);
    await ask(page, PRICING);
    await newConversation(page);

    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('kickoff');
    const matches = conversationList(page).getByRole('list', { name: 'Matching conversations' });
    await expect(matches.getByRole('listitem')).toHaveCount(1);
    await expect(matches).toContainText(/Kickoff/i);
    await matches.getByRole('button', { name: new RegExp(PRICING) }).click();
    await expect(page.getByLabel('Your question')).toHaveText([PRICING]);

    await search.fill('techgiant 120,000');
    await expect(matches.getByRole('listitem')).toHaveCount(1);
    await expect(matches).toContainText(SPEND);
    await search.fill('nothing like this anywhere');
    await expect(conversationList(page).getByText('No conversation matches.')).toBeVisible();
  });

  test('suggested follow-ups ask that question; a recalled correction opens as the rep wrote it', async ({ page }) => {
    await ask(page, SPEND);
    // The answer as the agent saves it when it suggests follow-ups and recalls a correction.
    const followUp = 'Which products does TechGiant already use?';
    const correction = 'Spend figures are in US dollars, excluding tax.';
    await page.evaluate(
      async ({ suggestion, note }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('crm-copilot');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve) => (r.onsuccess = () => resolve(r.result)));
        const store = () => db.transaction('kv', 'readwrite').objectStore('kv');
        const id = (await request(store().get('v2/conversations.current'))) as string;
        type Rec = { answer: string; suggestions?: string[]; citations: unknown[]; notes?: unknown[] };
        const conv = (await request(store().get(`v2/conversation/${id}`))) as { turns: { answer: string; record: Rec }[] };
        const turn = conv.turns[0];
        turn.answer = `${turn.answer} Amounts exclude tax [note: n-7].`;
        turn.record.answer = turn.answer;
        turn.record.suggestions = [suggestion, 'Is TechGiant due for renewal soon?'];
        turn.record.citations = [...turn.record.citations, { kind: 'note', source: 'Your note', noteId: 'n-7' }];
        turn.record.notes = [{ id: 'n-7', question: 'What did TechGiant spend last quarter?', correction: note, similarity: 0.82 }];
        await request(store().put(conv, `v2/conversation/${id}`));
      },
      { suggestion: followUp, note: correction },
    );
    await page.reload();
    await waitReady(page);

    const first = answers(page).first();
    // The note is cited at the end of the answer, after the client record (source 1).
    await first.getByRole('button', { name: 'Source 2: Your earlier correction' }).click();
    await expect(first.getByText(`On “What did TechGiant spend last quarter?” you wrote: ${correction}`)).toBeVisible();

    const group = first.getByRole('group', { name: 'Suggested follow-ups' });
    await expect(group.getByRole('button')).toHaveText([followUp, 'Is TechGiant due for renewal soon?']);
    await group.getByRole('button', { name: followUp }).click();
    await expect(page.getByLabel('Your question')).toHaveText([SPEND, followUp]);
    await expect(answers(page).nth(1)).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
    await expect(answers(page).nth(1)).toContainText('TechGiant');
    // Suggestions belong to the latest answer only.
    await expect(first.getByRole('group', { name: 'Suggested follow-ups' })).toHaveCount(0);
  });

  test('at 1280×800 the page does not scroll, titles are whole, rename and delete are reachable', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const long = 'I have a meeting with TechGiant next week. Based on their spending and industry, what product should I pitch to them?';
    const overflow = () => page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await ask(page, long);
    await ask(page, SPEND);
    // The chat scrolls inside itself; the page (and the main navigation) stays put.
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expect(page.getByRole('textbox', { name: 'Ask the co-pilot' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('region', { name: 'Tool cache' })).toBeHidden();

    const item = conversationButton(page, long);
    await expect(item).toHaveAttribute('title', long);
    const rename = conversationList(page).getByRole('button', { name: `Rename ${long}` });
    const remove = conversationList(page).getByRole('button', { name: `Delete ${long}` });
    await expect(rename).toBeInViewport();
    await expect(remove).toBeInViewport();
    await rename.click();
    await expect(conversationList(page).getByRole('textbox', { name: 'Conversation name' })).toHaveValue(long);
    await conversationList(page).getByRole('button', { name: 'Save', exact: true }).click();
    await remove.click();
    await expect(page.getByRole('dialog', { name: 'Delete this conversation?' }).getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(item).toBeVisible();
  });
});

test.describe('chat on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the message box stays in view after answers, nothing overflows sideways, answers are announced once', async ({ page }) => {
    await openApp(page);
    const box = page.getByRole('textbox', { name: 'Ask the co-pilot' });
    await ask(page, SPEND);
    await ask(page, PRICING);
    await expect(box).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Scrolled back to the first answer, the box is still there.
    await answers(page).first().scrollIntoViewIfNeeded();
    await expect(box).toBeInViewport({ ratio: 1 });

    // The finished answer is announced in one status message; the log itself is not live.
    await expect(page.getByRole('status').filter({ hasText: /^Answer: / })).toContainText('Sales Kickoff');
    const liveAncestors = await answers(page)
      .first()
      .evaluate((el) => el.closest('[aria-live]') !== null);
    expect(liveAncestors).toBe(false);

    // The conversation list is one tap away.
    await page.getByRole('button', { name: /^Conversations \(1\)$/ }).click();
    await expect(conversationButton(page, SPEND)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
