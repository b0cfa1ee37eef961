import { test, expect, type Page } from '@playwright/test';
import { makeInjectionPdf, makePdf } from '../src/test-support/pdf-fixtures.ts';
import { startMockOpenAIServer } from '../src/test-support/mock-openai-server.ts';
import { clientRows, goTo, importClients, importPdf, openApp } from './support/app.ts';
import { answers, ask, conversationList, openTrace, toolsCalled } from './support/chat.ts';
import { dumpIndexedDb, exportWorkspace, useOpenAIEndpoint } from './support/settings.ts';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const JS_LINK = '[click](javascript:window.__xss=1)';

/** Fails if any payload ran or left a live element behind. */
async function expectNoXss(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    imgs: document.querySelectorAll('img[src="x"]').length,
    scripts: Array.from(document.scripts).filter((s) => s.textContent?.includes('__xss')).length,
    jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
    handlers: document.querySelectorAll('[onerror]').length,
  }));
  expect(found).toEqual({ xss: undefined, imgs: 0, scripts: 0, jsLinks: 0, handlers: 0 });
}

test('XSS payloads in client names and playbook PDFs are shown as text and never run', async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Clients');
  const csv = [
    'name,industry,ytd_spend,account_manager,region,renewal_date',
    `"${IMG.replaceAll('"', '""')}",Retail,4321,Mallory Vance,West,2027-03-01`,
    `${SCRIPT},Retail,8765,Mallory Vance,East,2027-04-01`,
  ].join('\n');
  await importClients(page, 'payloads.csv', `${csv}\n`);
  await expect(page.getByRole('status').filter({ hasText: '2 added' })).toBeVisible();
  await page.getByLabel('Search clients').fill('xss');
  await expect(clientRows(page)).toHaveCount(3);
  await expect(clientRows(page).filter({ hasText: IMG })).toHaveCount(1);
  await expect(clientRows(page).filter({ hasText: SCRIPT })).toHaveCount(1);
  await expectNoXss(page);

  await goTo(page, 'Playbook');
  const pdf = await makePdf([['Quokka escalation notes', `Quokka rule one: ${IMG}`, `Quokka rule two: ${SCRIPT}`, `Quokka rule three: ${JS_LINK}`]]);
  await importPdf(page, 'quokka.pdf', pdf);
  await expect(page.getByRole('status').filter({ hasText: 'Indexed quokka.pdf' })).toBeVisible();
  await page.getByLabel('Search the playbook').fill('quokka escalation rule');
  const hit = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
  await expect(hit).toContainText('quokka.pdf, page 1');
  await expect(hit).toContainText('onerror');
  await expectNoXss(page);

  await goTo(page, 'Chat');
  const a1 = await ask(page, `How much has ${IMG} spent so far?`);
  const a2 = await ask(page, `What is the ytd spend of ${SCRIPT}?`);
  for (const a of [a1, a2]) await openTrace(a);
  await expect(page.getByLabel('Your question').first()).toHaveText(`How much has ${IMG} spent so far?`);
  // The payload passage was retrieved, quoted in the Markdown answer and shown in the trace.
  await expect(a1.getByText(/quokka\.pdf, (p\.|page) 1/).first()).toBeVisible();
  const ruleThree = a1.getByRole('listitem').filter({ hasText: 'Quokka rule three: [click](javascript:window.__xss=1)' });
  await expect(ruleThree).toBeVisible();
  await expect(a1.locator('pre').filter({ hasText: 'javascript:window.__xss=1' }).first()).toBeAttached();
  await expectNoXss(page);

  // The Markdown link survives only as inert text: no link at all, and clicking it runs nothing.
  await expect(ruleThree.getByRole('link')).toHaveCount(0);
  await ruleThree.click();
  await expectNoXss(page);
  await goTo(page, 'Clients');
  await expectNoXss(page);
});

test('a prompt-injection PDF does not change which tools run for normal questions', async ({ page }) => {
  await openApp(page);
  const questions = ['How much has TechGiant spent so far?', 'What is our policy on discussing 2026 pricing?'];
  const baseline: string[][] = [];
  for (const q of questions) baseline.push(await toolsCalled(await ask(page, q)));
  expect(baseline[0]).toContain('search_clients');
  expect(baseline[1]).toContain('search_playbook');

  await goTo(page, 'Playbook');
  await importPdf(page, 'vendor-notes.pdf', await makeInjectionPdf());
  await expect(page.getByRole('status').filter({ hasText: 'Indexed vendor-notes.pdf' })).toBeVisible();

  await goTo(page, 'Chat');
  await conversationList(page).getByRole('button', { name: 'New conversation' }).click();
  await expect(answers(page)).toHaveCount(0);
  for (const [i, q] of questions.entries()) {
    const answer = await ask(page, q);
    expect(await toolsCalled(answer)).toEqual(baseline[i]);
  }
  await expect(answers(page).first()).toContainText('$120,000');
  await expect(answers(page).nth(1)).toContainText(/Sales Kickoff/i);
});

test('the API key stays out of storage, the workspace export, the console and other hosts', async ({ page, context }) => {
  const apiKey = `sk-e2e-secret-${Date.now().toString(36)}Zq9`;
  const mock = await startMockOpenAIServer();
  const endpointOrigin = new URL(mock.url).origin;
  const leaks: string[] = [];
  let keyedRequestsToEndpoint = 0;
  context.on('request', (request) => {
    void (async () => {
      const headers = await request.allHeaders().catch(() => request.headers());
      const seen = [request.url(), JSON.stringify(headers), request.postData() ?? ''].join('\n');
      if (new URL(request.url()).origin === endpointOrigin) {
        if (headers.authorization === `Bearer ${apiKey}`) keyedRequestsToEndpoint++;
      } else if (seen.includes(apiKey)) {
        leaks.push(`request to ${request.url()}`);
      }
    })();
  });
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('pageerror', (e) => consoleLines.push(`${e.name}: ${e.message}\n${e.stack ?? ''}`));

  try {
    await openApp(page);
    await useOpenAIEndpoint(page, { apiKey, baseUrl: mock.url, model: 'gpt-4o-mini' });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Connected/ })).toBeVisible();

    mock.enqueue(
      { toolCalls: [{ name: 'search_clients', args: { client_name: 'TechGiant' } }] },
      { content: 'TechGiant has spent $120,000 so far this year, according to its client record.' },
    );
    await goTo(page, 'Chat');
    await expect(await ask(page, 'How much has TechGiant spent so far?')).toContainText('$120,000');
    // The mock echoes the key in its 401 error body: it must not reach the page's output either.
    mock.failWith(401);
    const fallback = await ask(page, 'How much has TechGiant spent so far?');
    await expect(fallback.getByText(/^Written by Built-in, because .*key/i)).toBeVisible();
    await expect(page.locator('body')).not.toContainText(apiKey);
    expect(keyedRequestsToEndpoint).toBeGreaterThan(0);

    const entries = await dumpIndexedDb(page);
    const withKey = entries.filter(([, text]) => text.includes(apiKey)).map(([where]) => where);
    expect(withKey).toEqual(['crm-copilot/kv/v2/secrets']);
    expect(entries.some(([where]) => where.startsWith('crm-copilot/kv/v2/conversation/'))).toBe(true);

    const exported = await exportWorkspace(page);
    expect(exported).toContain('TechGiant');
    expect(exported).not.toContain(apiKey);
    expect(exported).not.toContain(apiKey.slice(-12));

    expect(consoleLines.filter((l) => l.includes(apiKey))).toEqual([]);
    expect(leaks).toEqual([]);
  } finally {
    await mock.close();
  }
});
