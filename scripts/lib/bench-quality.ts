/**
 * The `retrieval-quality` bench section, run in Node (the numbers are the same code on the same
 * data as in the app; timings are Node's): loads the labelled set and both playbooks and measures
 * the hash embedder, word meaning, and MiniLM when its files are present under public/models/.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { benchRetrievalQuality, type RetrievalQualityResult } from '../../src/core/bench/retrieval-quality-bench.ts';
import { BuiltinEmbedder } from '../../src/core/playbook/builtin-embedder.ts';
import { createPdfTextExtractor } from '../../src/core/playbook/pdf-text.ts';
import { parseRetrievalSet } from '../../src/core/playbook/retrieval-quality.ts';
import { DEFAULT_MODEL_ID, TransformersEmbedder } from '../../src/core/playbook/transformers-embedder.ts';
import { nodeWordMeaning, REPO_ROOT, WORD_VECTORS_FILE } from './word-vectors-file.ts';

export const RETRIEVAL_SET_FILE = join(REPO_ROOT, 'data/eval/retrieval-quality.json');

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((n, f) => {
    const p = join(dir, f);
    return n + (statSync(p).isDirectory() ? folderBytes(p) : statSync(p).size);
  }, 0);
}

function standardFontDir(): string {
  const require = createRequire(import.meta.url);
  return `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
}

/** Runs the section; `setFile` defaults to `data/eval/retrieval-quality.json`. */
export async function measureRetrievalQuality(setFile = RETRIEVAL_SET_FILE): Promise<RetrievalQualityResult> {
  const set = parseRetrievalSet(JSON.parse(await readFile(setFile, 'utf8')));
  const books = await Promise.all(
    set.playbooks.map(async (p) => ({ name: p.name, queries: p.queries, bytes: new Uint8Array(await readFile(join(REPO_ROOT, p.file))) })),
  );
  const modelsDir = join(REPO_ROOT, 'public/models/');
  return benchRetrievalQuality(
    books,
    [
      { label: 'hash', load: async () => new BuiltinEmbedder(), fileBytes: 0 },
      { label: 'word-vectors', load: () => nodeWordMeaning().embedder(), fileBytes: statSync(WORD_VECTORS_FILE).size },
      {
        label: 'minilm',
        // Only the real model counts: the tiny fixture under public/models/fixture/ is a test double, not an embedder.
        load: () => TransformersEmbedder.load({ modelId: DEFAULT_MODEL_ID, localModelPath: modelsDir, allowRemote: false }),
        fileBytes: folderBytes(join(modelsDir, DEFAULT_MODEL_ID)),
      },
    ],
    createPdfTextExtractor({ standardFontDataUrl: standardFontDir() }),
  );
}
