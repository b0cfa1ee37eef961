/**
 * Worker host for the benchmarks: the same wiring as the app's workers (bundled sql.js wasm,
 * pdf.js with its own worker, bundled voy) plus the demo data URLs, then exposes the bench host.
 */
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import pdfWorkerSrc from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import clientsUrl from '../data/clients.json?url';
import playbookUrl from '../data/playbook.pdf?url';
import { createBenchHost } from '../src/bench/bench-host.ts';
import { AppError } from '../src/core/errors.ts';
import { createPdfTextExtractor } from '../src/core/playbook/pdf-text.ts';
import { exposeReady } from './rpc.ts';

async function get(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new AppError('internal', `Could not load ${url} (${res.status}).`);
  return res;
}

exposeReady(
  'bench',
  createBenchHost({
    wasmUrl,
    pdf: createPdfTextExtractor({ load: () => import('pdfjs-dist'), workerSrc: pdfWorkerSrc }),
    readClients: async () => (await get(clientsUrl)).text(),
    readPlaybook: async () => new Uint8Array(await (await get(playbookUrl)).arrayBuffer()),
    environment: () => ({
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency,
      crossOriginIsolated: self.crossOriginIsolated,
    }),
    log: (message) => console.log(`bench: ${message}`),
  }),
);
