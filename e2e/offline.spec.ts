/**
 * Installable, offline-first PWA: the manifest and icons, the service worker's precache, booting
 * and working with no server at all, the "Update available" prompt, and self-hosted model files.
 */
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { makePdf } from '../src/test-support/pdf-fixtures.ts';
import { clientRows, goTo, importClients, importPdf, openApp, waitReady } from './support/app.ts';
import { ask } from './support/chat.ts';

// These tests need the service worker (precache, offline boot, updates).
test.use({ serviceWorkers: 'allow' });

const SHOTS = process.env.E2E_SHOTS_DIR;

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}
interface Manifest {
  name: string;
  short_name: string;
  description: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: ManifestIcon[];
  shortcuts: { name: string; url: string }[];
}

/** Waits until a service worker controls the page (the precache is complete once it is active). */
async function waitForServiceWorker(page: Page): Promise<string> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  return page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
}

/** No network and no server: every request that reaches the network is aborted. */
async function cutTheNetwork(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}

const DIST = process.env.E2E_DIST_DIR ?? 'dist';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.onnx': 'application/octet-stream',
};

/**
 * A static server for the built app whose sw.js can be changed on demand (vite preview cannot,
 * and the browser fetches service-worker updates outside Playwright's routing).
 */
async function serveBuild(): Promise<{ url: string; swSuffix: { value: string }; server: Server }> {
  const swSuffix = { value: '' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
        res.end(path === '/sw.js' ? Buffer.concat([body, Buffer.from(swSuffix.value)]) : body);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, swSuffix, server };
}

function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('the manifest makes the app installable and the service worker precaches wasm and data', async ({ page }) => {
  await openApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const res = await page.request.get(href!);
  expect(res.ok()).toBe(true);
  const manifest = (await res.json()) as Manifest;
  expect(manifest).toMatchObject({ name: 'CRM Sales Co-Pilot', short_name: 'Co-Pilot', display: 'standalone', start_url: '/#/chat', scope: '/' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.description.length).toBeGreaterThan(20);
  expect(manifest.shortcuts.map((s) => [s.name, s.url])).toEqual([
    ['Chat', '/#/chat'],
    ['Clients', '/#/clients'],
    ['Playbook', '/#/playbook'],
  ]);

  // Every PNG icon exists and has the size it claims; Chromium needs 192 and 512, plus maskable ones.
  const pngs = manifest.icons.filter((i) => i.type === 'image/png');
  for (const icon of pngs) {
    const img = await page.request.get(icon.src);
    expect(img.ok(), icon.src).toBe(true);
    const [w, h] = pngSize(await img.body());
    expect(`${w}x${h}`, icon.src).toBe(icon.sizes);
  }
  const sizes = (purpose: string) => pngs.filter((i) => (i.purpose ?? 'any') === purpose).map((i) => i.sizes);
  expect(sizes('any')).toEqual(expect.arrayContaining(['48x48', '96x96', '192x192', '512x512']));
  expect(sizes('maskable')).toEqual(['192x192', '512x512']);
  expect(manifest.icons.some((i) => i.type === 'image/svg+xml' && i.sizes === 'any')).toBe(true);

  expect(await waitForServiceWorker(page)).toMatch(/\/sw\.js$/);
  const sw = await (await page.request.get('/sw.js')).text();
  for (const asset of [
    /sql-wasm-browser-[\w-]+\.wasm/,
    /ort-wasm-simd-threaded-[\w-]+\.wasm/,
    /pdf\.worker\.min-[\w-]+\.mjs/,
    /clients-[\w-]+\.json/,
    /playbook-[\w-]+\.pdf/,
    /manifest\.webmanifest/,
  ]) {
    expect(sw, String(asset)).toMatch(asset);
  }
  expect(sw).not.toMatch(/asyncify|jsep|jspi/);
  expect(sw).not.toMatch(/"models\//);
});

test('with no network and no server the app boots from the cache, answers, imports and keeps the imports', async ({ page, context }) => {
  await openApp(page);
  await waitForServiceWorker(page);
  // Issue 11: the rep is told when the app is ready to work offline.
  await expect(page.getByRole('banner').getByText('Ready offline', { exact: true })).toBeVisible();
  await cutTheNetwork(context);
  // A URL the precache does not hold must now fail: nothing answers but the service worker.
  expect(
    await page.evaluate(() =>
      fetch('/sw.js?probe=1', { cache: 'no-store' }).then(
        () => 'reached',
        () => 'unreachable',
      ),
    ),
  ).toBe('unreachable');

  await page.reload();
  await waitReady(page);
  await expect(page.getByText('Offline', { exact: true })).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/offline-indicator.png` });

  const answer = await ask(page, 'How much has TechGiant spent so far?');
  await expect(answer).toContainText('$120,000');

  await goTo(page, 'Clients');
  await importClients(
    page,
    'offline.csv',
    'name,industry,ytd_spend,account_manager,region,renewal_date\nOffline Outfitters,Retail,51000,Marcus Lee,West,2027-05-01\n',
  );
  await expect(page.getByRole('status').filter({ hasText: '1 added' })).toBeVisible();

  await goTo(page, 'Playbook');
  await importPdf(page, 'offline-guide.pdf', await makePdf([['Offline guide', 'Glacier accounts are reviewed by the tundra committee.']]));
  await expect(page.getByRole('status').filter({ hasText: 'Indexed offline-guide.pdf' })).toBeVisible();

  await page.reload();
  await waitReady(page);
  await expect(page.getByText(/^61 clients ·/)).toBeVisible();
  await goTo(page, 'Clients');
  await page.getByLabel('Search clients').fill('offline outfitters');
  await expect(clientRows(page).nth(1)).toContainText('Offline Outfitters');
  await goTo(page, 'Playbook');
  await expect(page.getByRole('table', { name: 'Playbook documents' })).toContainText('offline-guide.pdf');
  await page.getByLabel('Search the playbook').fill('glacier accounts tundra committee');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toContainText('offline-guide.pdf, page 1');
});

test('a new service worker shows "Update available" and Reload switches to it', async ({ page }) => {
  const app = await serveBuild();
  try {
    await updateFlow(page, app.url, app.swSuffix);
  } finally {
    app.server.closeAllConnections();
    await new Promise((resolve) => app.server.close(resolve));
  }
});

async function updateFlow(page: Page, url: string, swSuffix: { value: string }): Promise<void> {
  await openApp(page, url);
  const firstSw = await waitForServiceWorker(page);
  const activeBefore = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL);
  expect(activeBefore).toBe(firstSw);
  await expect(page.getByRole('alert').filter({ hasText: 'Update available' })).toHaveCount(0);

  // Deploy a "new version": a byte-different sw.js, then let the browser check for it.
  swSuffix.value = '\n// next version\n';
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
  const prompt = page.getByRole('alert').filter({ hasText: 'Update available' });
  await expect(prompt).toBeVisible({ timeout: 60_000 });
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/update-prompt.png` });

  const reloaded = page.waitForEvent('load');
  await prompt.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await waitReady(page);
  await expect(prompt).toHaveCount(0);
  // The page is now controlled by the new worker and nothing is left waiting.
  const state = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    const text = await (await fetch('/sw.js', { cache: 'no-store' })).text();
    return { waiting: reg?.waiting ?? null, controlled: navigator.serviceWorker.controller === reg?.active, newVersion: text.includes('next version') };
  });
  expect(state).toEqual({ waiting: null, controlled: true, newVersion: true });
}

test('self-hosted model files are used: the tiny fixture model embeds the playbook and search still works', async ({ page }) => {
  await openApp(page);
  await goTo(page, 'Settings');
  await page.getByLabel('Search model').selectOption({ label: 'MiniLM (downloaded)' });
  await page.getByLabel('Model source').selectOption({ label: 'Self-hosted folder' });
  await page.getByLabel('Model folder').fill('/models/fixture/');
  await page.getByLabel('Model id').fill('tiny-bert');
  await page.getByRole('button', { name: 'Apply search model' }).click();
  await expect(page.getByRole('region', { name: 'Playbook search' })).toContainText(/in use: Downloaded model \(tiny-bert\)/, { timeout: 60_000 });

  await goTo(page, 'Playbook');
  await expect(page.getByTestId('embedder')).toHaveText('Downloaded model (tiny-bert)');
  await page.getByLabel('Search the playbook').fill('discount approval');
  const first = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
  await expect(first).toContainText(/page \d+/);
});
