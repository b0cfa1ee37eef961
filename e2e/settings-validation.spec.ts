import { test, expect } from '@playwright/test';
import { startMockOpenAIServer } from '../src/test-support/mock-openai-server.ts';
import { goTo, openApp } from './support/app.ts';

test('Settings refuses an OpenAI-compatible agent that cannot work, says why, and offers Test connection', async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Settings');
  const models = page.getByRole('form', { name: 'Models' });
  await models.getByLabel('CRM agent').selectOption({ label: 'OpenAI-compatible endpoint' });
  await expect(models.getByLabel('API key')).toHaveValue('');

  await models.getByRole('button', { name: 'Save settings' }).click();
  await expect(models.getByRole('alert')).toContainText('Not saved: check the API key above');
  await expect(models.getByLabel('API key')).toHaveAttribute('aria-invalid', 'true');
  await expect(models.getByLabel('API key')).toHaveAccessibleDescription(/Enter the API key/);
  await expect(models.getByLabel('API key')).toBeFocused();
  await expect(page.getByText('Settings saved.')).toHaveCount(0);
  await expect(models.getByText('Unsaved changes')).toBeVisible();

  // A plain-http remote endpoint could never be reached from the app: refused too, with the reason.
  // (The key is entered after the address: a key belongs to the address it was entered for.)
  await models.getByLabel('Base URL').fill('http://llm.example.com/v1');
  await models.getByLabel('API key').fill('sk-test-123');
  await models.getByRole('button', { name: 'Save settings' }).click();
  await expect(models.getByRole('alert')).toContainText('Not saved: check the Base URL above');
  await expect(models.getByLabel('Base URL')).toHaveAccessibleDescription(/must use https:\/\//);
  await expect(models.getByLabel('Base URL')).toBeFocused();

  // Test connection says what is missing instead of trying.
  await models.getByLabel('API key').fill('');
  await models.getByRole('button', { name: 'Test connection' }).click();
  await expect(models.getByRole('alert').filter({ hasText: 'Cannot test yet' })).toContainText('API key');

  // Nothing was saved.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByLabel('CRM agent')).toHaveValue('builtin');

  const mock = await startMockOpenAIServer();
  try {
    await models.getByLabel('CRM agent').selectOption({ label: 'OpenAI-compatible endpoint' });
    await models.getByLabel('Base URL').fill(mock.url);
    await models.getByLabel('API key').fill('sk-test-123');
    await models.getByRole('button', { name: 'Save settings' }).click();
    await expect(models.getByRole('status').filter({ hasText: 'Settings saved.' })).toContainText('has not been tested yet');
    await models.getByRole('button', { name: 'Test connection' }).click();
    await expect(models.getByRole('status').filter({ hasText: /^Connected/ })).toBeVisible();
    await models.getByRole('button', { name: 'Save settings' }).click();
    await expect(models.getByRole('status').filter({ hasText: 'Settings saved.' })).not.toContainText('not been tested');
    await page.reload();
    await expect(page.getByLabel('CRM agent')).toHaveValue('openai');
  } finally {
    await mock.close();
  }
});

test('a model that cannot load is explained in words next to the button that tried it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await goTo(page, 'Settings');
  const card = page.getByRole('region', { name: 'Playbook search' });
  await card.getByLabel('Search model').selectOption({ label: 'MiniLM (downloaded)' });
  await card.getByLabel('Model source').selectOption({ label: 'Self-hosted folder' });
  await card.getByLabel('Model folder').fill('/models/missing/');
  await card.getByLabel('Model id').fill('no-such-model');
  await card.getByRole('button', { name: 'Apply search model' }).click();
  const alert = card.getByRole('alert');
  await expect(alert).toContainText('The model files for no-such-model were not found in the folder /models/missing/.', { timeout: 60_000 });
  await expect(alert).toContainText('Word meaning (offline) is used instead');
  await expect(alert).not.toContainText(/token|JSON|doctype/i);
  await expect(alert).toBeInViewport();
});
