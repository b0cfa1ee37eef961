/** Page-model helpers for the chat: ask, read answers, traces and the conversation list. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Every answer article in the open conversation, oldest first. */
export function answers(page: Page): Locator {
  return page.getByRole('article', { name: 'Co-pilot answer' });
}

/**
 * Starts recording whether any answer article was ever marked `aria-busy="true"`, so a test can
 * assert the busy state without racing a fast answer. Read it back with `sawBusyAnswer`.
 */
export async function watchBusyAnswers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __h10BusySeen?: boolean; __h10BusyObserver?: MutationObserver };
    w.__h10BusySeen = false;
    w.__h10BusyObserver?.disconnect();
    const check = () => {
      if (document.querySelector('article[aria-label="Co-pilot answer"][aria-busy="true"]')) w.__h10BusySeen = true;
    };
    w.__h10BusyObserver = new MutationObserver(check);
    w.__h10BusyObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
  });
}

export async function sawBusyAnswer(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __h10BusySeen?: boolean }).__h10BusySeen === true);
}

/** Types a question, presses Send and waits until its answer is complete; returns that answer. */
export async function ask(page: Page, question: string): Promise<Locator> {
  const before = await answers(page).count();
  await page.getByRole('textbox', { name: 'Ask the co-pilot' }).fill(question);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const answer = answers(page).nth(before);
  await expect(answer).toBeVisible();
  await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  return answer;
}

/** Opens an answer's "How this answer was made" disclosure and returns its steps in words. */
export async function openTrace(answer: Locator): Promise<Locator> {
  const steps = answer.getByRole('list', { name: 'Steps', exact: true });
  if (!(await steps.isVisible())) await answer.getByText(/^How this answer was made/).click();
  await expect(steps).toBeVisible();
  return steps;
}

/** Opens the trace's Details (node names, tool names, JSON arguments) and returns its raw steps. */
export async function openDetails(answer: Locator): Promise<Locator> {
  await openTrace(answer);
  const raw = answer.getByRole('list', { name: 'Trace steps' });
  if (!(await raw.isVisible())) await answer.getByText('Details', { exact: true }).click();
  await expect(raw).toBeVisible();
  return raw;
}

/** Names of the tools an answer called, in order, as its trace details list them. */
export async function toolsCalled(answer: Locator): Promise<string[]> {
  const steps = await openDetails(answer);
  const lines = await steps.getByRole('listitem').allTextContents();
  return lines.flatMap((l) => /^tool_call (\w+) /.exec(l.trim())?.[1] ?? []);
}

export function conversationList(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Conversations' });
}

/** The "Tool cache" panel's hit count for one row (opened from the Advanced disclosure). */
export async function cacheHits(page: Page, row: 'Client lookups' | 'Playbook searches'): Promise<number> {
  const region = page.getByRole('region', { name: 'Tool cache' });
  if (!(await region.isVisible())) await page.getByText('Advanced', { exact: true }).click();
  const text = (await region.textContent()) ?? '';
  const part = text.split(row)[1] ?? '';
  const m = /Hits\s*(\d+)/.exec(part);
  return m ? Number(m[1]) : NaN;
}

/** Deletes a conversation from the list, confirming in the dialog. */
export async function deleteConversation(page: Page, title: string): Promise<void> {
  await conversationList(page)
    .getByRole('button', { name: `Delete ${title}`, exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete conversation' }).click();
  await expect(dialog).toBeHidden();
}
