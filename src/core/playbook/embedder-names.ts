/**
 * Embedders named in a sales rep's words. The technical id stays available for an "Advanced"
 * detail; everything else on screen uses these names.
 */
import { isWordVectorsEmbedder } from '../meaning/sif-embedder.ts';
import { BUILTIN_EMBEDDER_ID } from './builtin-embedder.ts';

export interface EmbedderName {
  /** Short name, e.g. "Word meaning (offline)". */
  name: string;
  /** One sentence on what it does for the rep. */
  about: string;
}

export const EMBEDDER_NAMES = {
  'word-vectors': { name: 'Word meaning (offline)', about: 'Finds passages that say the same thing in other words. Built in, works offline.' },
  transformers: { name: 'MiniLM (downloaded)', about: 'A small language model, downloaded once; the best at paraphrases where it can load.' },
  builtin: { name: 'Basic keywords (offline)', about: 'Matches shared words and word pieces only. Built in, always works.' },
} as const satisfies Record<string, EmbedderName>;

/** The rep-facing name of an embedder id ('' or unknown ids get a neutral name). */
export function embedderName(id: string): EmbedderName {
  if (id.startsWith('blend(') && id.includes('word-vectors')) {
    return { name: 'Keywords + word meaning (offline)', about: 'Similarity that counts shared words most and related words too.' };
  }
  if (isWordVectorsEmbedder(id)) return EMBEDDER_NAMES['word-vectors'];
  if (id === BUILTIN_EMBEDDER_ID || id.startsWith('builtin-hash')) return EMBEDDER_NAMES.builtin;
  if (id.startsWith('transformers:')) {
    const model = id.split(':')[1] ?? '';
    if (/all-MiniLM-L6-v2$/.test(model)) return EMBEDDER_NAMES.transformers;
    return { name: `Downloaded model (${model.split('/').pop() || 'custom'})`, about: 'A language model loaded from the model folder you chose.' };
  }
  return { name: id ? 'Custom search model' : '…', about: '' };
}
