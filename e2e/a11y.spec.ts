import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { goTo, openApp } from './support/app.ts';
import { ask, openTrace } from './support/chat.ts';

/** Two test questions in the evaluation dataset format, so the Evaluate page shows a finished run. */
const DATASET = [
  {
    question: 'How much has TechGiant spent this year?',
    ground_truth: 'TechGiant has spent $120,000 year-to-date.',
    expected_tools: ['search_clients'],
    expected_contexts: ['$120,000'],
  },
  {
    question: 'Can I share 2026 list prices with a client?',
    ground_truth: 'No, not until 2026 pricing is announced at the Sales Kickoff.',
    expected_tools: ['search_playbook'],
    expected_contexts: ['Sales Kickoff'],
  },
];

/**
 * Runs axe on the page as it is, records every violation in the test's annotations (so the
 * report lists what remains), and returns the serious and critical ones.
 */
async function audit(page: Page, testInfo: TestInfo, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  for (const v of violations) {
    testInfo.annotations.push({
      type: `axe ${v.impact}`,
      description: `${where}: ${v.id} (${v.nodes.length}) ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
    });
  }
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const size of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`axe finds no serious or critical problem on any page (${size.name})`, async ({ page }, testInfo) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    const found: string[] = [];
    await openApp(page);

    const answer = await ask(page, 'I have a meeting with TechGiant. Based on their spending and industry, what product should I pitch?');
    await openTrace(answer);
    found.push(...(await audit(page, testInfo, 'chat with an answer')));

    await goTo(page, 'Clients');
    await page.getByLabel('Search clients').fill('retail');
    await expect(page.getByRole('status').filter({ hasText: 'matching “retail”' })).toBeVisible();
    found.push(...(await audit(page, testInfo, 'clients')));

    await page.goto('/#/clients/4');
    await expect(page.getByRole('region', { name: 'From the playbook' })).toContainText('Gold');
    found.push(...(await audit(page, testInfo, 'client page')));

    await goTo(page, 'Playbook');
    await page.getByLabel('Search the playbook').fill('discount approval');
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toBeVisible();
    found.push(...(await audit(page, testInfo, 'playbook')));
    await page.getByRole('button', { name: 'Remove Sales Playbook.pdf' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    found.push(...(await audit(page, testInfo, 'playbook, remove dialog')));
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await goTo(page, 'Evaluate');
    await mkdir(testInfo.outputDir, { recursive: true });
    const file = join(testInfo.outputDir, 'a11y-dataset.json');
    await writeFile(file, JSON.stringify(DATASET));
    await page.getByLabel('Use a dataset file').setInputFiles(file);
    await page.getByRole('button', { name: 'Run evaluation' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Evaluated 2 cases/ })).toBeVisible({ timeout: 120_000 });
    found.push(...(await audit(page, testInfo, 'evaluate')));

    await goTo(page, 'Feedback');
    found.push(...(await audit(page, testInfo, 'feedback')));

    await goTo(page, 'Settings');
    const models = page.getByRole('form', { name: 'Models' });
    await models.getByLabel('CRM agent').selectOption({ label: 'OpenAI-compatible endpoint' });
    await models.getByRole('button', { name: 'Save settings' }).click();
    await expect(models.getByRole('alert')).toBeVisible();
    found.push(...(await audit(page, testInfo, 'settings')));

    if (size.name === 'phone') {
      await page.getByRole('button', { name: 'Menu' }).click();
      found.push(...(await audit(page, testInfo, 'phone menu open')));
    }
    expect(found).toEqual([]);
  });
}
