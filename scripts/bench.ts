/**
 * `npm run bench -- [--json] [--build] [--only retrieval,lookup,ingest,answer,bundle,startup,retrieval-quality,storage,import]`
 * Measures the app as deployed: retrieval, client lookup, PDF ingest and built-in answers run
 * in a worker of the built bench page (dist-bench/) in headless Chromium; the initial bundle is
 * weighed from dist/; startup is timed on dist/ served with its service worker; retrieval quality
 * (labelled queries, per embedder) runs in Node; storage weighs IndexedDB after a 20-question
 * conversation in dist/; a 100,000-row client import is run through the Clients page of dist/.
 * Logs go to stderr; with --json the last stdout line is the result object.
 * Exit codes: 0 ok, 1 a section failed (its value is null), 2 bad arguments, 3 cannot run.
 */
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { WORKER_SECTIONS, type WorkerSection } from '../src/bench/protocol.ts';
import { BENCH_USAGE, BenchArgsError, parseBenchArgs, type BenchArgs } from './lib/bench-args.ts';
import { assertChromium, BenchSetupError, launchBrowser, runBenchPage } from './lib/bench-browser.ts';
import { hasBuild, viteBuild } from './lib/bench-build.ts';
import { measureBundle } from './lib/bench-bundle.ts';
import { measureRetrievalQuality } from './lib/bench-quality.ts';
import { formatBenchTable, toBenchJson, type BenchCollected } from './lib/bench-report.ts';
import { measureImport } from './lib/bench-import.ts';
import { measureStartup } from './lib/bench-startup.ts';
import { measureStorage } from './lib/bench-storage.ts';
import { serveStatic, type StaticServer } from './lib/static-server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const DIST_BENCH = join(ROOT, 'dist-bench');
const BENCH_PAGE = '/src/bench/index.html';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const message = (err: unknown): string => (err instanceof Error ? err.message : 'unknown error');

/** Everything that must be closed on the way out, newest first. */
const cleanups: (() => Promise<void>)[] = [];
async function cleanup(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch((err: unknown) => log(`cleanup: ${message(err)}`));
}

async function run(args: BenchArgs): Promise<BenchCollected> {
  const collected: BenchCollected = { errors: {} };
  const want = new Set(args.sections);
  const workerSections = WORKER_SECTIONS.filter((s): s is WorkerSection => want.has(s));
  const needsBrowser = workerSections.length > 0 || want.has('startup') || want.has('storage');
  if (needsBrowser) await assertChromium();

  if (workerSections.length > 0) {
    log('build: bench page (vite.bench.config.ts)…');
    await viteBuild(ROOT, 'vite.bench.config.ts');
  }
  if ((want.has('bundle') || want.has('startup') || want.has('storage') || want.has('import')) && (args.build || !(await hasBuild(DIST)))) {
    log('build: main app (vite.config.ts)…');
    await viteBuild(ROOT);
  }

  if (want.has('bundle')) {
    try {
      collected.bundle = await measureBundle(DIST);
      log(`bundle: ${collected.bundle.initial_js_gz_kb} KB gzip initial JS`);
    } catch (err) {
      collected.errors.bundle = message(err);
    }
  }

  let browser: Browser | undefined;
  if (workerSections.length > 0) {
    // Cross-origin isolation gives workers a 5 µs performance.now() instead of 100 µs.
    const server = await serveStatic(DIST_BENCH, {
      headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
    });
    cleanups.push(() => server.close());
    browser = await launchBrowser();
    const b = browser;
    cleanups.push(() => b.close());
    try {
      collected.page = await runBenchPage(browser, `${server.url}${BENCH_PAGE}`, workerSections, log);
    } catch (err) {
      for (const s of workerSections) collected.errors[s] = message(err);
    }
    await cleanup();
  }

  if (want.has('retrieval-quality')) {
    try {
      log('retrieval-quality: labelled queries over the demo and alt playbooks…');
      collected.quality = await measureRetrievalQuality();
    } catch (err) {
      collected.errors['retrieval-quality'] = message(err);
    }
  }

  if (want.has('startup')) {
    let server: StaticServer | undefined;
    try {
      server = await serveStatic(DIST);
      collected.startup = await measureStartup(server.url, log);
    } catch (err) {
      collected.errors.startup = message(err);
    } finally {
      await server?.close();
    }
  }
  if (want.has('storage')) {
    let server: StaticServer | undefined;
    try {
      server = await serveStatic(DIST);
      collected.storage = await measureStorage(server.url, log);
    } catch (err) {
      collected.errors.storage = message(err);
    } finally {
      await server?.close();
    }
  }
  if (want.has('import')) {
    let server: StaticServer | undefined;
    try {
      server = await serveStatic(DIST);
      collected.import = await measureImport(server.url, log);
    } catch (err) {
      collected.errors.import = message(err);
    } finally {
      await server?.close();
    }
  }
  return collected;
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof BenchArgsError)) throw err;
    log(`${err.message}\n${BENCH_USAGE}`);
    return 2;
  }
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const t0 = performance.now();
  try {
    const collected = await run(args);
    log(`bench: done in ${Math.round((performance.now() - t0) / 1000)} s`);
    if (args.json) process.stdout.write(`${JSON.stringify(toBenchJson(collected))}\n`);
    else process.stdout.write(`${formatBenchTable(collected)}\n`);
    const failed = Object.entries(collected.errors);
    for (const [section, why] of failed) log(`${section}: failed: ${why}`);
    return failed.length ? 1 : 0;
  } catch (err) {
    log(err instanceof BenchSetupError ? err.message : `bench: cannot run: ${message(err)}`);
    return 3;
  } finally {
    await cleanup();
  }
}

process.exitCode = await main();
