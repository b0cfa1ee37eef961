/** Loads the word-meaning file once per host (worker or Node) and shares it between the embedder and the agents' API. */
import { AppError, toAppError } from '../errors.ts';
import { SifEmbedder } from './sif-embedder.ts';
import { SifModel } from './sif.ts';
import { SifWordMeaning } from './word-meaning.ts';
import { decodeWordVectors } from './word-vectors.ts';

export interface WordMeaningSource {
  model(): Promise<SifModel>;
  embedder(): Promise<SifEmbedder>;
  meaning(): Promise<SifWordMeaning>;
}

/** Wraps a byte reader (fetch in the browser, readFile in Node) so the file is read and decoded once. */
export function wordMeaningSource(readBytes: () => Promise<Uint8Array>): WordMeaningSource {
  let model: Promise<SifModel> | undefined;
  let embedder: Promise<SifEmbedder> | undefined;
  let meaning: Promise<SifWordMeaning> | undefined;
  const load = () =>
    (model ??= readBytes().then(
      (bytes) => new SifModel(decodeWordVectors(bytes)),
      (err: unknown) => {
        model = undefined; // a later call may retry (e.g. back online)
        throw new AppError('model-unavailable', `The word-meaning file could not be loaded: ${toAppError(err).message}`);
      },
    ));
  return {
    model: load,
    embedder: () => (embedder ??= load().then((m) => new SifEmbedder(m))),
    meaning: () => (meaning ??= load().then((m) => new SifWordMeaning(m))),
  };
}

/** Fetches bytes, turning an HTTP error into an AppError (browser and worker hosts). */
export async function fetchWordVectors(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new AppError('model-unavailable', `HTTP ${res.status} for the word-meaning file.`);
  return new Uint8Array(await res.arrayBuffer());
}
