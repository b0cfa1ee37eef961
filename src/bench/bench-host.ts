/**
 * The object the bench worker exposes: runs each core benchmark in the worker's realm over
 * in-process stores loaded with the demo data. Plain TypeScript: the host injects URLs and
 * the PDF extractor, so tests call it directly in Node.
 */
import { benchAnswers, benchLargeAnswers, syntheticPlaybookPages, withSyntheticDocument } from '../core/bench/answer-bench.ts';
import { syntheticClients } from '../core/bench/lookup-bench.ts';
import { benchLookup } from '../core/bench/lookup-bench.ts';
import { benchIngest, benchRetrieval } from '../core/bench/retrieval-bench.ts';
import { SqlClientStore } from '../core/clients/sql-client-store.ts';
import { AppError } from '../core/errors.ts';
import { BuiltinEmbedder } from '../core/playbook/builtin-embedder.ts';
import { PlaybookLibrary } from '../core/playbook/library.ts';
import type { PdfTextExtractor } from '../core/playbook/pdf-text.ts';
import type { VoyModule } from '../core/playbook/voy-index.ts';
import type { BenchApi, BenchEnvironment } from './protocol.ts';

export interface BenchHostDeps {
  /** sql.js wasm URL (omit in Node). */
  wasmUrl?: string;
  pdf: PdfTextExtractor;
  /** The demo client book (JSON text) and playbook PDF. */
  readClients: () => Promise<string>;
  readPlaybook: () => Promise<Uint8Array>;
  /** voy loader for Node; the bundled default otherwise. */
  loadVoy?: () => Promise<VoyModule>;
  environment: () => BenchEnvironment;
  /** "Today" for the answer bench, fixed so runs compare. */
  today?: string;
  /** Timed answer passes (default 3) and questions (default: the 13 bench questions). */
  answerPasses?: number;
  questions?: readonly string[];
  /** The large answer row's size (default 100,000 clients and 20,000 passages; 0 clients skips it). */
  large?: { clients: number; chunks: number };
  log?: (message: string) => void;
}

/** Builds the exposed bench API. */
export function createBenchHost(deps: BenchHostDeps): BenchApi {
  const log = deps.log ?? (() => undefined);
  return {
    async retrieval(sizes) {
      return benchRetrieval(sizes, 384, { loadVoy: deps.loadVoy });
    },
    async lookup(sizes) {
      return benchLookup(sizes, 300, { wasmUrl: deps.wasmUrl });
    },
    async ingest() {
      return benchIngest(await deps.readPlaybook(), deps.pdf);
    },
    async answer() {
      const clients = await SqlClientStore.create({ wasmUrl: deps.wasmUrl });
      await clients.importText(await deps.readClients(), 'json', 'replace');
      const playbook = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf: deps.pdf });
      await playbook.addPdf('playbook.pdf', await deps.readPlaybook());
      if ((await clients.count()) === 0 || (await playbook.stats()).chunks === 0) {
        throw new AppError('internal', 'The demo workspace is empty: the answer bench needs clients and passages.');
      }
      const today = deps.today ?? '2026-11-24';
      const demo = await benchAnswers({ clients, playbook, today }, deps.questions, {
        passes: deps.answerPasses,
        onPass: (mode, pass) => log(`answer: ${mode} pass ${pass} done`),
      });
      const size = deps.large ?? { clients: 100_000, chunks: 20_000 };
      if (size.clients <= 0) return demo;
      // The demo book and playbook grown to size, so the bench questions still name real clients and rules.
      const demoClients = JSON.parse(await deps.readClients()) as unknown[];
      const big = await SqlClientStore.create({ wasmUrl: deps.wasmUrl });
      await big.importText(JSON.stringify([...demoClients, ...syntheticClients(Math.max(0, size.clients - demoClients.length))]), 'json', 'replace');
      const marker = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x73, 0x79, 0x6e]);
      const demoChunks = (await playbook.stats()).chunks;
      const pdf = withSyntheticDocument(deps.pdf, marker, syntheticPlaybookPages(Math.max(0, size.chunks - demoChunks)));
      const bigPlaybook = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf });
      await bigPlaybook.addPdf('playbook.pdf', await deps.readPlaybook());
      await bigPlaybook.addPdf('handbook-extra.pdf', marker);
      log(`answer: large workspace ready (${await big.count()} clients, ${(await bigPlaybook.stats()).chunks} passages)`);
      const large = await benchLargeAnswers({ clients: big, playbook: bigPlaybook, today }, deps.questions, {
        passes: deps.answerPasses,
        onPass: (mode, pass) => log(`answer (large): ${mode} pass ${pass} done`),
      });
      return { ...demo, large };
    },
    async environment() {
      return deps.environment();
    },
  };
}
