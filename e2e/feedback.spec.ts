import { readFile } from 'node:fs/promises';
import { test, expect, type Download, type Page } from '@playwright/test';
import { goTo, openApp } from './support/app.ts';

/** Data rows of the feedback table (each has its own Delete button). */
function feedbackRows(page: Page) {
  return page
    .getByRole('table', { name: 'Feedback records' })
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: /^Delete record/ }) });
}

async function downloadText(page: Page, button: string, count = 1): Promise<Map<string, string>> {
  const downloads: Download[] = [];
  const done = new Promise<void>((resolve) => {
    page.on('download', (d) => {
      downloads.push(d);
      if (downloads.length === count) resolve();
    });
  });
  await page.getByRole('button', { name: button }).click();
  await done;
  const out = new Map<string, string>();
  for (const d of downloads) out.set(d.suggestedFilename(), await readFile(await d.path(), 'utf8'));
  return out;
}

async function loadExample(page: Page) {
  await openApp(page);
  await goTo(page, 'Feedback');
  await page.getByRole('button', { name: 'Load example feedback' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loaded the example feedback' })).toBeVisible();
  await expect(feedbackRows(page)).toHaveCount(20);
}

test.describe('feedback page', () => {
  test('loads the example feedback, and loading it again does not duplicate it', async ({ page }) => {
    await loadExample(page);
    await page.getByRole('button', { name: 'Load example feedback' }).click();
    await expect(page.getByRole('status').filter({ hasText: '0 added, 20 updated, 20 records' })).toBeVisible();
    await expect(feedbackRows(page)).toHaveCount(20);
  });

  test('refuses to train with too little feedback', async ({ page }) => {
    await openApp(page);
    await goTo(page, 'Feedback');
    await expect(page.getByText('Training needs at least 6 feedback records')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Train critic' })).toBeDisabled();
  });

  test('the example ratings alone are too few to check a new version on: the page says how many more of each kind', async ({ page }) => {
    await loadExample(page);
    // Trained on, the examples cannot also be the answers a new version is checked on.
    await expect(page.getByText(/there would be 3 good and 3 bad\. Rate \d+ more good answers and \d+ more bad answers first\.$/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Train critic' })).toBeDisabled();
    // Developer settings wait behind Advanced, with the defaults.
    await expect(page.getByLabel('Epochs')).toBeHidden();
    await page.getByRole('region', { name: 'Train the critic' }).getByText('Advanced', { exact: true }).click();
    await expect(page.getByLabel('Epochs')).toHaveValue('3');
    await expect(page.getByLabel('Learning rate')).toHaveValue('0.00001');
    await expect(page.getByLabel('Seed')).toHaveValue('42');
  });

  test('answers read as plain text and tools as places, not Markdown and tool names', async ({ page }) => {
    await openApp(page);
    await goTo(page, 'Feedback');
    const file = JSON.stringify([
      {
        user_input: 'How much has TechGiant spent?',
        crm_output: '**TechGiant** has spent **$120,000** YTD [client: TechGiant].\n\n> **Reviewer note:** *grounded*',
        tool_calls_made: ['search_clients', 'search_playbook'],
        reflection_output: '',
        correctness: true,
      },
    ]);
    await page.getByLabel('Import feedback').setInputFiles({ name: 'md.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    const row = feedbackRows(page).first();
    await expect(row.getByRole('cell', { name: 'TechGiant has spent $120,000 YTD. Reviewer note: grounded', exact: true })).toBeVisible();
    await expect(row).not.toContainText('**');
    await expect(row).not.toContainText('[client:');
    await expect(row).not.toContainText('search_clients');
    await expect(row).toContainText('Client book');
    await expect(row).toContainText('Playbook');
  });

  test('a bad feedback file is refused naming the item and field, and the rows stay', async ({ page }) => {
    await loadExample(page);
    const bad = JSON.stringify([
      { user_input: 'Q?', crm_output: 'A.', tool_calls_made: [], reflection_output: '', correctness: true },
      { user_input: 'Q2?', crm_output: 'B.', tool_calls_made: [], reflection_output: '', correctness: 'yes' },
    ]);
    await page.getByLabel('Import feedback').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Nothing was imported from bad.json');
    await expect(alert).toContainText('Feedback item 1: field "correctness"');
    await expect(feedbackRows(page)).toHaveCount(20);
  });

  test('deletes a row and edits another; the changes survive a reload', async ({ page }) => {
    await loadExample(page);
    await page.getByRole('button', { name: 'Delete record 1', exact: true }).click();
    await expect(feedbackRows(page)).toHaveCount(19);

    await page.getByRole('button', { name: 'Edit correction (record 2)' }).click();
    await page.getByLabel('Correction (record 2)').fill('It should have used the playbook');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Correction saved.' })).toBeVisible();

    await page.reload();
    await goTo(page, 'Feedback');
    await expect(feedbackRows(page)).toHaveCount(19);
    await expect(feedbackRows(page).nth(1)).toContainText('It should have used the playbook');
  });

  test('exports the feedback as JSON and as two JSONL files for TRL', async ({ page }) => {
    await loadExample(page);
    const json = await downloadText(page, 'Export feedback');
    const records = JSON.parse(json.get('feedback.json') ?? '[]') as { id: string; correctness: boolean }[];
    expect(records).toHaveLength(20);
    expect(records.filter((r) => r.correctness)).toHaveLength(10);

    await page.getByText('Advanced', { exact: true }).first().click();
    const trl = await downloadText(page, 'Export for TRL', 2);
    expect([...trl.keys()].sort()).toEqual(['kto.jsonl', 'preference.jsonl']);
    const kto = (trl.get('kto.jsonl') ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { label: boolean });
    expect(kto.length).toBeGreaterThanOrEqual(20);
    const pairs = (trl.get('preference.jsonl') ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { chosen: string; rejected: string });
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.every((p) => p.chosen !== p.rejected)).toBe(true);
  });
});
