import { test, expect } from '@playwright/test';
import { goTo, openApp, waitReady } from './support/app.ts';
import { answers, ask, cacheHits, conversationList, deleteConversation, openTrace, sawBusyAnswer, toolsCalled, watchBusyAnswers } from './support/chat.ts';

const SPEND = 'How much has TechGiant spent so far?';
const PRICING = 'What is our policy on discussing 2026 pricing?';
const PITCH = 'I have a meeting with TechGiant. Based on their spending and industry, what product should I pitch?';

test.describe('chat with the built-in agent', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page);
  });

  test('answers the original three example questions with sources, a busy state and a trace', async ({ page }) => {
    await watchBusyAnswers(page);
    const spend = await ask(page, SPEND);
    expect(await sawBusyAnswer(page)).toBe(true);
    await expect(spend).toContainText('$120,000');
    await expect(spend.getByRole('link', { name: 'TechGiant — client record', exact: true })).toBeVisible();
    const spendSteps = await openTrace(spend);
    await expect(spendSteps).toContainText('Looked up TechGiant in your client book');
    await expect(spendSteps).toContainText('Checked the answer');
    expect(await toolsCalled(spend)).toContain('search_clients');

    await watchBusyAnswers(page);
    const pricing = await ask(page, PRICING);
    expect(await sawBusyAnswer(page)).toBe(true);
    await expect(pricing).toContainText(/Sales Kickoff/i);
    await expect(pricing.getByRole('button', { name: /^Sales Playbook\.pdf, page \d+/ }).first()).toBeVisible();
    const pricingSteps = await openTrace(pricing);
    await expect(pricingSteps).toContainText('Searched the playbook for');
    await expect(pricingSteps).toContainText('Checked the answer');
    await expect(pricingSteps).not.toContainText('found a problem');

    const pitch = await ask(page, PITCH);
    await expect(pitch).toContainText('Mobile App Banners');
    await expect(pitch).toContainText('Online Display Ads');
    const tools = await toolsCalled(pitch);
    expect(tools).toContain('search_clients');
    expect(tools).toContain('search_playbook');
    await expect(await openTrace(pitch)).toContainText('Checked the answer');

    await expect(answers(page)).toHaveCount(3);
    await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  });

  test('an unknown client is reported as not found and no figure is invented', async ({ page }) => {
    const answer = await ask(page, 'How much has Acme Widgets spent?');
    await expect(answer).toContainText(/not find|not found|no client|isn't in|is not in/i);
    const text = (await answer.locator('.markdown').textContent()) ?? '';
    expect(text).not.toMatch(/\$\s?\d/);
    await expect(answer.getByRole('link', { name: /client record/ })).toHaveCount(0);
  });

  test('conversations survive a reload and can be renamed, switched and deleted', async ({ page }) => {
    test.slow(); // three answers, a reload and a confirmation dialog
    await ask(page, SPEND);
    await ask(page, PRICING);
    const list = conversationList(page);
    const first = list.getByRole('button', { name: SPEND, exact: true });
    await expect(first).toHaveAttribute('aria-current', 'true');

    await page.reload();
    await waitReady(page);
    await expect(answers(page)).toHaveCount(2);
    await expect(page.getByLabel('Your question')).toHaveText([SPEND, PRICING]);
    await expect(answers(page).first()).toContainText('$120,000');

    await list.getByRole('button', { name: `Rename ${SPEND}` }).click();
    await list.getByRole('textbox', { name: 'Conversation name' }).fill('TechGiant prep');
    await list.getByRole('button', { name: 'Save', exact: true }).click();
    const renamed = list.getByRole('button', { name: 'TechGiant prep', exact: true });
    await expect(renamed).toBeVisible();

    await list.getByRole('button', { name: 'New conversation' }).click();
    await expect(answers(page)).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Ask about your clients and the sales playbook' })).toBeVisible();
    await ask(page, 'How much has GreenLeaf Grocers spent so far?');
    await expect(list.getByRole('listitem')).toHaveCount(2);

    await renamed.click();
    await expect(renamed).toHaveAttribute('aria-current', 'true');
    await expect(page.getByLabel('Your question')).toHaveText([SPEND, PRICING]);

    await deleteConversation(page, 'TechGiant prep');
    await expect(renamed).toHaveCount(0);
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(answers(page)).toHaveCount(0);

    await page.reload();
    await waitReady(page);
    await expect(conversationList(page).getByRole('button', { name: 'TechGiant prep' })).toHaveCount(0);
    await expect(conversationList(page).getByRole('button', { name: 'How much has GreenLeaf Grocers spent so far?', exact: true })).toBeVisible();
  });

  test('the tool cache (under Advanced) shows hits after a question is repeated', async ({ page }) => {
    await ask(page, SPEND);
    const afterFirst = await cacheHits(page, 'Client lookups');
    await ask(page, SPEND);
    await expect.poll(() => cacheHits(page, 'Client lookups')).toBeGreaterThan(afterFirst);
    const second = answers(page).nth(1);
    await expect(await openTrace(second)).toContainText('(reused an earlier result)');
  });

  test('a thumbs-down with a correction is listed on the Feedback page', async ({ page }) => {
    const answer = await ask(page, SPEND);
    await answer.getByRole('button', { name: 'Bad answer' }).click();
    await answer.getByRole('textbox', { name: 'Correction' }).fill("Also mention last year's spend of $98,000.");
    await answer.getByRole('button', { name: 'Save feedback' }).click();
    await expect(answer.getByRole('status').filter({ hasText: 'Feedback saved' })).toBeVisible();

    await goTo(page, 'Feedback');
    const row = page.getByRole('table', { name: 'Feedback records' }).getByRole('row').filter({ hasText: SPEND });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Also mention last year's spend of $98,000.");
    // Where the answer looked, in a rep's words.
    await expect(row).toContainText('Client book');
  });
});
