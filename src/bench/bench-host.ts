/**
 * The object the bench worker exposes: runs each core benchmark in the worker's realm over
 * in-process stores loaded with the demo data. Plain TypeScript: the host injects URLs and
 * the PDF extractor, so tests call it directly in Node.
 */
import { benchAnswers } from '../core/bench/answer-bench.ts';
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
      return benchAnswers({ clients, playbook, today: deps.today ?? '2026-11-24' }, deps.questions, {
        passes: deps.answerPasses,
        onPass: (mode, pass) => log(`answer: ${mode} pass ${pass} done`),
      });
    },
    async environment() {
      return deps.environment();
    },
  };
}
