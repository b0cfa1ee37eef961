/**
 * The benchmark page: starts the bench worker, runs the requested sections in it one after the
 * other (so they do not compete for the two cores) and leaves the result on `window`.
 */
import { toAppError } from '../core/errors.ts';
import { wrap } from '../../workers/rpc.ts';
import { LOOKUP_SIZES, RETRIEVAL_SIZES, parseWorkerSections, type BenchApi, type BenchPageResult, type BenchWindow, type WorkerSection } from './protocol.ts';

const out = window as Window & BenchWindow;
const logEl = document.getElementById('log');

function log(message: string): void {
  console.log(`bench: ${message}`);
  if (logEl) logEl.textContent += `${message}\n`;
}

async function runSection(api: BenchApi, section: WorkerSection, result: BenchPageResult): Promise<void> {
  switch (section) {
    case 'retrieval':
      result.retrieval = await api.retrieval(RETRIEVAL_SIZES);
      return;
    case 'lookup':
      result.lookup = await api.lookup(LOOKUP_SIZES);
      return;
    case 'ingest':
      result.ingest = await api.ingest();
      return;
    case 'answer':
      result.answer = await api.answer();
      return;
  }
}

async function main(): Promise<void> {
  const sections = parseWorkerSections(new URLSearchParams(location.search).get('only'));
  const worker = new Worker(new URL('../../workers/bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' });
  try {
    const api = await wrap(worker, 'bench');
    const result: BenchPageResult = { environment: await api.environment(), section_ms: {} };
    for (const section of sections) {
      log(`${section}: running`);
      const t0 = performance.now();
      await runSection(api, section, result);
      result.section_ms[section] = Math.round(performance.now() - t0);
      log(`${section}: done in ${result.section_ms[section]} ms`);
    }
    out.__benchResult = result;
  } finally {
    worker.terminate();
  }
}

main().catch((err: unknown) => {
  const e = toAppError(err);
  log(`failed: ${e.code}: ${e.message}`);
  out.__benchError = e.toJSON();
});
