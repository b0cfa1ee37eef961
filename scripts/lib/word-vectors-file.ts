/** Where the word-meaning file lives on disk, and a Node loader for tests and command-line tools. */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wordMeaningSource, type WordMeaningSource } from '../../src/core/meaning/load.ts';
import { decodeWordVectors, type WordVectorsData } from '../../src/core/meaning/word-vectors.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The committed output of `npm run data:word-vectors` (the browser imports the same file). */
export const WORD_VECTORS_FILE = join(REPO_ROOT, 'data/word-vectors/word-vectors.bin');

/** Reads and decodes the word-meaning file (default: the committed one). */
export async function loadWordVectorsFile(path = WORD_VECTORS_FILE): Promise<WordVectorsData> {
  return decodeWordVectors(new Uint8Array(await readFile(path)));
}

/** The word-meaning source for Node hosts (CLI, bench, eval, tests): reads the file from disk once. */
export function nodeWordMeaning(path = WORD_VECTORS_FILE): WordMeaningSource {
  return wordMeaningSource(async () => new Uint8Array(await readFile(path)));
}
