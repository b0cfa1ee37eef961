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

  test('trains a critic with the defaults and lists it as version 1', async ({ page }) => {
    await loadExample(page);
    await expect(page.getByLabel('Epochs')).toHaveValue('3');
    await expect(page.getByLabel('Seed')).toHaveValue('42');
    await page.getByRole('button', { name: 'Train critic' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Validation accuracy \d\.\d\d → \d\.\d\d · saved as version 1/ })).toBeVisible();
    await expect(page.getByLabel('Training progress chart')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Training progress by epoch' }).getByRole('row')).toHaveCount(4);
    const versions = page.getByRole('list', { name: 'Critic versions' });
    await expect(versions.getByRole('listitem')).toHaveCount(1);
    await expect(versions.getByText('Version 1', { exact: true })).toBeVisible();
    await expect(versions.getByText('Active', { exact: true })).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Use the critic in reflection' })).toBeChecked();

    await page.getByRole('button', { name: 'Reset to untrained critic' }).click();
    await expect(page.getByRole('button', { name: 'Activate version 1' })).toBeVisible();
    await page.getByRole('button', { name: 'Activate version 1' }).click();
    await expect(versions.getByText('Active', { exact: true })).toBeVisible();
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

    const trl = await downloadText(page, 'Export for TRL', 2);
    expect([...trl.keys()].sort()).toEqual(['kto.jsonl', 'preference.jsonl']);
    const kto = (trl.get('kto.jsonl') ?? '').trim().split('\n').map((l) => JSON.parse(l) as { label: boolean });
    expect(kto.length).toBeGreaterThanOrEqual(20);
    const pairs = (trl.get('preference.jsonl') ?? '').trim().split('\n').map((l) => JSON.parse(l) as { chosen: string; rejected: string });
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.every((p) => p.chosen !== p.rejected)).toBe(true);
  });
});
