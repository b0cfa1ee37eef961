/**
 * Client import at scale, measured in the real app (dist/) the way a rep does it: choose a
 * 100,000-row CSV on the Clients page, wait for the review, click Import, wait for the saved
 * message. Measured meanwhile: the longest main-thread task (Long Tasks API, plus a timer probe
 * for tasks under its 50 ms floor) and the peak memory of the whole browser (sum of the
 * proportional set size of the browser process and its children, sampled every 100 ms from /proc).
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { chromium, type Page } from 'playwright-core';
import { syntheticClients } from '../../src/core/bench/lookup-bench.ts';
import { ALL_FIELDS } from '../../src/core/clients/import-fields.ts';
import { forwardConsole, launchOptions } from './bench-browser.ts';

export interface ImportBenchResult {
  rows: number;
  /** File chosen → review shown, plus Import clicked → saved message. */
  seconds: number;
  prepare_s: number;
  apply_s: number;
  max_main_thread_ms: number;
  long_tasks: number;
  peak_mb: number;
  /** Browser memory just before the file was chosen. */
  baseline_mb: number;
  file_mb: number;
}

/** The app's own CSV format for `rows` synthetic clients (seeded, so every run imports the same file). */
export function syntheticCsv(rows: number): string {
  const fields = ALL_FIELDS.filter((f) => f !== 'id');
  const data = syntheticClients(rows).map((c) => [
    c.name,
    c.industry,
    c.ytd_spend,
    c.last_year_spend,
    c.account_manager,
    c.region,
    c.renewal_date,
    c.products.join('; '),
    c.open_escalation ? 'yes' : 'no',
    c.payment_terms,
    c.reference_consent ? 'yes' : 'no',
  ]);
  return Papa.unparse({ fields: [...fields], data });
}

/** Sum of PSS (kB) over a process and all its descendants (the browser and its renderers, GPU, utility processes). */
async function treePssKb(root: number): Promise<number> {
  const parent = new Map<number, number>();
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid …": comm may hold spaces, so split after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parent.set(Number(pid), ppid);
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = parent.get(p), hops++) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    total += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  }
  return total;
}

const PROBE_SCRIPT = `(() => {
  const state = { longest: 0, count: 0, probe: 0, running: true };
  window.__importBench = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { state.count++; state.longest = Math.max(state.longest, e.duration); }
  }).observe({ type: 'longtask' });
  // MessageChannel ticks are not clamped like nested timers: a gap between two is a task in between.
  const ch = new MessageChannel();
  let last = performance.now();
  ch.port1.onmessage = () => {
    const now = performance.now();
    state.probe = Math.max(state.probe, now - last);
    last = now;
    if (state.running) setTimeout(() => ch.port2.postMessage(0), 1);
  };
  ch.port2.postMessage(0);
})();`;

/** Resolves once `test()` holds, checked on every DOM change (no polling). */
const waitFor = (test: string) => `new Promise((resolve) => {
  const check = () => { if (${test}) { obs.disconnect(); resolve(true); } };
  const obs = new MutationObserver(check);
  obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  check();
})`;
const IMPORT_BUTTON = `[...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent.trim() === 'Import' && !b.disabled)`;
const WAIT_FOR_IMPORT_BUTTON = waitFor(`${IMPORT_BUTTON}`);
const CLICK_IMPORT_BUTTON = `${IMPORT_BUTTON}.click()`;
const waitForText = (text: string) => waitFor(`document.body.textContent.includes(${JSON.stringify(text)})`);

/** Imports `rows` clients through the Clients page of the app served at `appUrl`. */
export async function measureImport(appUrl: string, log: (line: string) => void, rows = 100_000): Promise<ImportBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
  const file = join(dir, `clients-${rows}.csv`);
  const csv = syntheticCsv(rows);
  await writeFile(file, csv);
  // launchServer (not launch) gives the browser's process id, the root of the memory sampling.
  const server = await chromium.launchServer(launchOptions());
  const root = server.process().pid ?? 0;
  const browser = await chromium.connect(server.wsEndpoint());
  const context = await browser.newContext();
  let sampling = true;
  let peak = 0;
  try {
    forwardConsole(context, log);
    const page: Page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${appUrl}/#/clients`);
    await page
      .getByText(/\d+ clients · \d+ passages/)
      .first()
      .waitFor({ timeout: 120_000 });
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    const baseline = await treePssKb(root);
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await treePssKb(root));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await page.evaluate(PROBE_SCRIPT);
    log(`import: ${rows} rows, ${(csv.length / 1e6).toFixed(1)} MB CSV`);
    const t0 = performance.now();
    await page.getByLabel('Import clients (CSV or JSON)').setInputFiles(file);
    // Waits run in the page (a MutationObserver), not as Playwright polling of the accessibility
    // tree, whose work on the main thread would count against the app.
    await page.evaluate(WAIT_FOR_IMPORT_BUTTON);
    const prepared = performance.now();
    await page.evaluate(CLICK_IMPORT_BUTTON);
    const clicked = performance.now();
    await page.evaluate(waitForText(`${rows} added`));
    const done = performance.now();
    const probe = (await page.evaluate('(() => { const s = window.__importBench; s.running = false; return s; })()')) as {
      longest: number;
      count: number;
      probe: number;
    };
    sampling = false;
    await sampler;
    // Without long tasks (> 50 ms) the probe's largest gap bounds the longest task from above.
    const maxTask = probe.count > 0 ? probe.longest : Math.min(probe.probe, 50);
    const result: ImportBenchResult = {
      rows,
      seconds: Math.round((prepared - t0 + (done - clicked)) / 10) / 100,
      prepare_s: Math.round((prepared - t0) / 10) / 100,
      apply_s: Math.round((done - clicked) / 10) / 100,
      max_main_thread_ms: Math.round(maxTask),
      long_tasks: probe.count,
      peak_mb: Math.round(peak / 1024),
      baseline_mb: Math.round(baseline / 1024),
      file_mb: Math.round(csv.length / 1e5) / 10,
    };
    log(`import: ${result.seconds} s, longest main-thread task ${result.max_main_thread_ms} ms, peak ${result.peak_mb} MB`);
    return result;
  } finally {
    sampling = false;
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
