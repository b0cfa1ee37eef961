/**
 * Worker host for the Evaluate page: opens its own client store (sql.js with the bundled wasm)
 * and playbook index from the persisted bytes it is sent, answers with the built-in co-pilot
 * and scores offline. Exposes `run(cases, options, onProgress)` and `cancel()` (EvalEngine).
 */
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import wordVectorsUrl from '../data/word-vectors/word-vectors.bin?url';
import { SqlClientStore } from '../src/core/clients/sql-client-store.ts';
import { AppError } from '../src/core/errors.ts';
import { BlendedEmbedder, WORD_MEANING_SHARE } from '../src/core/eval/blended-embedder.ts';
import { makeCopilot } from '../src/core/eval/copilot.ts';
import { createEvalEngine } from '../src/core/eval/host.ts';
import { fetchWordVectors, wordMeaningSource } from '../src/core/meaning/load.ts';
import { LazyEmbedder } from '../src/core/meaning/sif-embedder.ts';
import { BuiltinEmbedder } from '../src/core/playbook/builtin-embedder.ts';
import { PlaybookLibrary } from '../src/core/playbook/library.ts';
import type { PdfTextExtractor } from '../src/core/playbook/pdf-text.ts';
import { exposeReady } from './rpc.ts';

/** Evaluation only reads the index; adding PDFs happens in the playbook worker. */
const noPdf: PdfTextExtractor = {
  extractPages: () => Promise.reject(new AppError('internal', 'The evaluation worker does not read PDFs.')),
};

// The playbook embedder of the app (word meaning, the hash embedder if it cannot load); the
// metrics' similarity blends keywords with word meaning (src/core/eval/blended-embedder.ts).
const words = new LazyEmbedder(wordMeaningSource(() => fetchWordVectors(wordVectorsUrl)).embedder, new BuiltinEmbedder());
const metricEmbedder = new BlendedEmbedder([
  { embedder: new BuiltinEmbedder(), weight: 1 - WORD_MEANING_SHARE },
  { embedder: words, weight: WORD_MEANING_SHARE },
]);

exposeReady(
  'eval',
  createEvalEngine({
    openClients: (bytes) => SqlClientStore.create({ wasmUrl, bytes }),
    openPlaybook: async (snapshot) => {
      // A snapshot made with another embedder is re-embedded with this one on load.
      const library = new PlaybookLibrary({ embedder: words, pdf: noPdf });
      await library.loadSnapshot(snapshot);
      return library;
    },
    makeCopilot: (clients, playbook, today, critic) => makeCopilot({ clients, playbook, today, critic }),
    embedder: metricEmbedder,
    // Critics are trained on the built-in (hash) embedder's features, in the RLHF worker.
    criticEmbedder: new BuiltinEmbedder(),
  }),
);
