/**
 * Worker host for the playbook library: wires pdf.js' worker URL and the ONNX runtime wasm
 * files bundled by Vite (so nothing comes from a CDN), then exposes the host object.
 */
import pdfWorkerSrc from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { BuiltinEmbedder } from '../src/core/playbook/builtin-embedder.ts';
import { createPlaybookHost } from '../src/core/playbook/host.ts';
import { PlaybookLibrary } from '../src/core/playbook/library.ts';
import { createPdfTextExtractor } from '../src/core/playbook/pdf-text.ts';
import { createEmbedder } from '../src/core/playbook/transformers-embedder.ts';
import { Comlink, exposeReady } from './rpc.ts';

// One shared import: `warmUp` starts it early, the first PDF read reuses it.
let pdfjs: Promise<typeof import('pdfjs-dist')> | undefined;
const loadPdfjs = () => (pdfjs ??= import('pdfjs-dist'));

const library = new PlaybookLibrary({
  embedder: new BuiltinEmbedder(),
  pdf: createPdfTextExtractor({ load: loadPdfjs, workerSrc: pdfWorkerSrc }),
});

exposeReady(
  'playbook',
  createPlaybookHost({
    library,
    createEmbedder,
    // Self-hosted models live under /models/ (allowLocalModels is switched on when this is set).
    transformersDefaults: { localModelPath: '/models/', wasmPaths: { mjs: ortMjs, wasm: ortWasm } },
    transfer: Comlink.transfer,
    warmUp: loadPdfjs,
  }),
);
