import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { openApp } from './support/app.ts';

/** Three cases in the shipped dataset's format: two client facts and one playbook policy. */
const SMALL_DATASET = [
  {
    question: 'How much has TechGiant spent this year?',
    ground_truth: 'TechGiant has spent $120,000 year-to-date (YTD).',
    expected_tools: ['search_clients'],
    expected_contexts: ['TechGiant', '$120,000'],
    category: 'client-fact',
  },
  {
    question: 'Who is the account manager for FinServe Capital?',
    ground_truth: 'Priya Patel is the account manager for FinServe Capital.',
    expected_tools: ['search_clients'],
    expected_contexts: ['FinServe Capital', 'Priya Patel'],
    category: 'client-fact',
  },
  {
    question: 'Can I share 2026 list prices with a client?',
    ground_truth: 'No. Reps must not quote 2026 list prices until 2026 pricing is announced at the Sales Kickoff; quote the current rate card only.',
    expected_tools: ['search_playbook'],
    expected_contexts: ['announced at the Sales Kickoff', 'current rate card only'],
    category: 'policy',
  },
];

async function writeDataset(testInfo: TestInfo, name: string, data: unknown): Promise<string> {
  await mkdir(testInfo.outputDir, { recursive: true });
  const path = join(testInfo.outputDir, name);
  await writeFile(path, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return path;
}

async function openEvaluate(page: Page): Promise<void> {
  await openApp(page, '/#/evaluate');
  await expect(page.getByRole('heading', { level: 1, name: 'Evaluate' })).toBeVisible();
}

async function useSmallDataset(page: Page, testInfo: TestInfo): Promise<void> {
  await page.getByLabel('Use a dataset file').setInputFiles(await writeDataset(testInfo, 'small.json', SMALL_DATASET));
  await expect(page.getByText('small.json')).toBeVisible();
  await expect(page.getByText('(3 cases)')).toBeVisible();
}

/** Starts a run and waits for its success notice. */
async function runEvaluation(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run evaluation' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Evaluated 3 cases: overall \d\.\d\d/ })).toBeVisible({ timeout: 60_000 });
}

function historyRuns(page: Page) {
  return page.getByRole('list', { name: 'Evaluation runs' }).getByRole('listitem');
}

test.describe('evaluate page', () => {
  test('scores a small dataset file and keeps the run across a reload', async ({ page }, testInfo) => {
    await openEvaluate(page);
    await expect(page.getByText('test_dataset.json')).toBeVisible();
    await useSmallDataset(page, testInfo);
    await runEvaluation(page);

    const result = page.getByRole('region', { name: 'Result' });
    await expect(result.getByLabel('Overall score')).toHaveText(/^[01]\.\d{3}$/);
    await expect(result.getByText(/^(Excellent|Good|Fair|Poor)$/)).toBeVisible();
    await expect(result.getByText(/\d+% \(\d of 3 questions checked exactly the expected sources\)/)).toBeVisible();

    const metrics = page.getByRole('region', { name: 'Average per metric' });
    await expect(metrics.getByLabel('Metric averages chart')).toBeVisible();
    const averages = page.getByRole('table', { name: 'Metric averages' });
    await expect(averages.getByRole('row')).toHaveCount(6);
    // How each score was computed is a developer detail, one click away under "Advanced".
    await metrics.getByText('Advanced', { exact: true }).click();
    const variants = metrics.getByRole('list', { name: 'How each score was computed' });
    await expect(variants.getByText('deterministic stand-in').first()).toBeVisible();
    await expect(variants.getByText('non-LLM string').first()).toBeVisible();

    const cases = page.getByRole('table', { name: 'Evaluated cases' });
    await expect(cases.getByRole('row')).toHaveCount(4);
    const first = cases.getByRole('row').filter({ hasText: 'How much has TechGiant spent this year?' });
    await first.getByText('Answer and checks', { exact: true }).click();
    await expect(first.getByText(/^Checked \d times? before answering/)).toBeVisible();
    await first.getByText('Advanced', { exact: true }).click();
    await expect(first.getByText('search_clients(', { exact: false })).toBeVisible();
    await expect(first.getByText(/Reflections · \d attempts? · \d+ ms/)).toBeVisible();

    await expect(historyRuns(page)).toHaveCount(1);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Evaluate' })).toBeVisible();
    await expect(historyRuns(page)).toHaveCount(1);
    await expect(page.getByRole('table', { name: 'Evaluated cases' }).getByRole('row')).toHaveCount(4);
  });

  test('two runs compare side by side, and a deleted run leaves the history', async ({ page }, testInfo) => {
    await openEvaluate(page);
    await useSmallDataset(page, testInfo);
    await runEvaluation(page);
    await runEvaluation(page);
    await expect(historyRuns(page)).toHaveCount(2);

    const picker = page.getByLabel('Compare the shown run with');
    const other = await picker.locator('option').nth(1).getAttribute('value');
    await picker.selectOption(other ?? '');
    const comparison = page.getByRole('table', { name: 'Run comparison' });
    await expect(comparison.getByRole('columnheader', { name: /^Before · / })).toBeVisible();
    await expect(comparison.getByRole('columnheader', { name: /^After · / })).toBeVisible();
    await expect(comparison.getByRole('row', { name: /^Overall / })).toBeVisible();
    // The same data and co-pilot twice: every case is unchanged.
    await expect(page.getByText('No case changed by more than 0.005 (3 unchanged).')).toBeVisible();

    await historyRuns(page)
      .nth(1)
      .getByRole('button', { name: /^View run / })
      .click();
    await expect(page.getByRole('heading', { level: 2, name: 'Saved run' })).toBeVisible();
    await expect(comparison.getByRole('columnheader', { name: /^After · / })).toBeVisible();

    await historyRuns(page)
      .nth(1)
      .getByRole('button', { name: /^Delete run / })
      .click();
    await expect(historyRuns(page)).toHaveCount(1);
    await expect(comparison).toHaveCount(0);
  });

  test('runs the full shipped dataset', async ({ page }) => {
    const shipped = JSON.parse(await readFile(new URL('../data/eval/test_dataset.json', import.meta.url), 'utf8')) as unknown[];
    await openEvaluate(page);
    await expect(page.getByText(`${shipped.length} cases, shipped with the app`)).toBeVisible();
    await page.getByRole('button', { name: 'Run evaluation' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Evaluated ${shipped.length} cases` })).toBeVisible({ timeout: 60_000 });
    const result = page.getByRole('region', { name: 'Result' });
    await expect(result.getByText(/^(Excellent|Good|Fair|Poor)$/)).toBeVisible();
    await expect(result.getByText(new RegExp(`\\d+% \\(\\d+ of ${shipped.length} questions checked exactly the expected sources\\)`))).toBeVisible();
    await expect(page.getByRole('table', { name: 'Evaluated cases' }).getByRole('row')).toHaveCount(shipped.length + 1);
    await expect(historyRuns(page)).toHaveCount(1);
  });

  test('cancelling a run of the shipped dataset saves nothing', async ({ page }) => {
    await openEvaluate(page);
    await expect(page.getByText(/\d+ cases, shipped with the app/)).toBeVisible();
    await page.getByRole('button', { name: 'Run evaluation' }).click();
    await expect(page.getByRole('progressbar', { name: 'Evaluation progress' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The evaluation was cancelled; nothing was saved.' })).toBeVisible();
    await expect(page.getByRole('progressbar', { name: 'Evaluation progress' })).toHaveCount(0);
    await expect(page.getByText('No saved runs yet.')).toBeVisible();
  });

  test('a bad dataset file is refused naming the case and field', async ({ page }, testInfo) => {
    await openEvaluate(page);
    const bad = [SMALL_DATASET[0], { ...SMALL_DATASET[1], expected_tools: ['search_structured_db'] }];
    await page.getByLabel('Use a dataset file').setInputFiles(await writeDataset(testInfo, 'bad.json', bad));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('bad.json was not used.');
    await expect(alert).toContainText('case 1, expected_tools[0]');
    await expect(alert).toContainText('entry 2 of the file');
    await expect(page.getByText('test_dataset.json')).toBeVisible();
  });
});
