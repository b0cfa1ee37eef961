/**
 * Headless Chromium for the benchmarks: launch options, and running the bench page (whose
 * worker does the measuring) until it leaves `window.__benchResult` or `__benchError`.
 */
import { access, constants } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';
import type { BenchPageResult, WorkerSection } from '../../src/bench/protocol.ts';
import type { AppErrorData } from '../../src/core/errors.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export class BenchSetupError extends Error {
  override readonly name = 'BenchSetupError';
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Throws a BenchSetupError naming the path when Chromium is not there. */
export async function assertChromium(path = chromiumPath()): Promise<void> {
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new BenchSetupError(`Chromium not found at ${path}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
}

export function launchOptions(): LaunchOptions {
  return { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions());
}

/** Forwards the page's console lines that start with "bench:" (and errors) to `log`. */
export function forwardConsole(context: BrowserContext, log: (line: string) => void): void {
  context.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' || text.startsWith('bench:')) log(`[page] ${text}`);
  });
  context.on('weberror', (err) => log(`[page] uncaught: ${err.error().message}`));
}

type PageOutcome = { result: BenchPageResult } | { error: AppErrorData };

/** Opens the bench page with `?only=` and waits (up to `timeoutMs`) for its result. */
export async function runBenchPage(
  browser: Browser,
  pageUrl: string,
  sections: WorkerSection[],
  log: (line: string) => void,
  timeoutMs = 240_000,
): Promise<BenchPageResult> {
  const context = await browser.newContext();
  forwardConsole(context, log);
  try {
    const page = await context.newPage();
    await page.goto(`${pageUrl}?only=${sections.join(',')}`);
    // A string predicate: tsx-compiled functions may carry helpers the page does not have.
    await page.waitForFunction('window.__benchResult !== undefined || window.__benchError !== undefined', undefined, {
      timeout: timeoutMs,
      polling: 250,
    });
    const outcome = (await page.evaluate('(window.__benchResult ? { result: window.__benchResult } : { error: window.__benchError })')) as PageOutcome;
    if ('error' in outcome) throw new Error(`The bench page failed: ${outcome.error.code}: ${outcome.error.message}`);
    return outcome.result;
  } finally {
    await context.close();
  }
}
