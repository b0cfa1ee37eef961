/**
 * Worker host for the playbook library: wires pdf.js' worker URL, the ONNX runtime wasm files and
 * the word-meaning file bundled by Vite (so nothing comes from a CDN), then exposes the host object.
 */
import pdfWorkerSrc from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import wordVectorsUrl from '../data/word-vectors/word-vectors.bin?url';
import { fetchWordVectors, wordMeaningSource } from '../src/core/meaning/load.ts';
import { LazyEmbedder } from '../src/core/meaning/sif-embedder.ts';
import { BuiltinEmbedder } from '../src/core/playbook/builtin-embedder.ts';
import { createPlaybookHost } from '../src/core/playbook/host.ts';
import { PlaybookLibrary } from '../src/core/playbook/library.ts';
import { createPdfTextExtractor } from '../src/core/playbook/pdf-text.ts';
import { createEmbedder } from '../src/core/playbook/transformers-embedder.ts';
import { Comlink, exposeReady } from './rpc.ts';

// One shared import: `warmUp` starts it early, the first PDF read reuses it.
let pdfjs: Promise<typeof import('pdfjs-dist')> | undefined;
const loadPdfjs = () => (pdfjs ??= import('pdfjs-dist'));

// The default embedder: word meaning, loaded in the background; the hash embedder if it cannot load.
const words = wordMeaningSource(() => fetchWordVectors(wordVectorsUrl));
const library = new PlaybookLibrary({
  embedder: new LazyEmbedder(words.embedder, new BuiltinEmbedder()),
  pdf: createPdfTextExtractor({ load: loadPdfjs, workerSrc: pdfWorkerSrc }),
});

exposeReady(
  createPlaybookHost({
    library,
    createEmbedder: (pref) => createEmbedder(pref, { wordVectors: words.embedder }),
    meaning: words.meaning,
    // Self-hosted models live under /models/ (allowLocalModels is switched on when this is set).
    transformersDefaults: { localModelPath: '/models/', wasmPaths: { mjs: ortMjs, wasm: ortWasm } },
    transfer: Comlink.transfer,
    warmUp: loadPdfjs,
  }),
);
