/**
 * Word meaning for the agents: how close two words or phrases are, which of a list of terms a
 * phrase means ("price cut" → "discounts", "influencer campaign" → "Influencer Partnerships"), and
 * sentence vectors. One interface; `SifWordMeaning` runs in process (Node, the playbook worker),
 * the playbook worker proxy runs it off the main thread in the app.
 */
import { STOP_WORDS } from '../playbook/text-features.ts';
import { normalize, type SifModel } from './sif.ts';

export interface TermMatch {
  term: string;
  /** Word-by-word similarity, -1..1 (0 when either side has no known word). */
  score: number;
}

export interface WordMeaning {
  /** Similarity of two words or phrases (cosine for single words). */
  wordSimilarity(a: string, b: string): Promise<number>;
  /** The candidates ranked by closeness to `phrase`, best first, at most `k` (default all). */
  nearestTerms(phrase: string, candidates: readonly string[], k?: number): Promise<TermMatch[]>;
  /** Unit sentence vector (all zeros when no word of the text is known). */
  embedSentence(text: string): Promise<Float32Array>;
  /** True when at least one word of the text has a vector (otherwise scores are 0, not a judgement). */
  knows(text: string): Promise<boolean>;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

interface WordSlot {
  /** Unit vectors of the word's forms (as written, and its singular when that is known too). */
  forms: Float32Array[];
  weight: number;
}

/**
 * Word meaning on a loaded SIF model. Phrases are compared word by word (soft alignment): each
 * content word finds its closest word on the other side, weighted by SIF weight, averaged over
 * both directions. Unlike one averaged vector, this keeps "price cut" close to "Discounts" even
 * when the other words of a heading pull elsewhere; for single words it is plain cosine.
 */
export class SifWordMeaning implements WordMeaning {
  readonly #model: SifModel;
  readonly #slots = new Map<string, WordSlot[]>();

  constructor(model: SifModel) {
    this.#model = model;
  }

  /** Synchronous similarity, for in-process callers in hot loops. */
  similarity(a: string, b: string): number {
    const x = this.#phrase(a);
    const y = this.#phrase(b);
    if (!x.length || !y.length) return 0;
    return (align(x, y) + align(y, x)) / 2;
  }

  /** Synchronous ranking, for in-process callers. */
  rank(phrase: string, candidates: readonly string[], k = candidates.length): TermMatch[] {
    return candidates
      .map((term) => ({ term, score: this.similarity(phrase, term) }))
      .sort((x, y) => y.score - x.score || x.term.localeCompare(y.term))
      .slice(0, k);
  }

  async wordSimilarity(a: string, b: string): Promise<number> {
    return this.similarity(a, b);
  }

  async nearestTerms(phrase: string, candidates: readonly string[], k?: number): Promise<TermMatch[]> {
    return this.rank(phrase, candidates, k);
  }

  async embedSentence(text: string): Promise<Float32Array> {
    return this.#model.embed(text);
  }

  async knows(text: string): Promise<boolean> {
    return this.#model.knownTokens(text).length > 0;
  }

  /** Content words of a phrase with their vectors; stop words only when nothing else is left. */
  #phrase(text: string): WordSlot[] {
    const key = text.toLowerCase();
    const cached = this.#slots.get(key);
    if (cached) return cached;
    const known = this.#model.knownTokens(text);
    const content = known.filter((w) => !STOP_WORDS.has(w));
    const slots = (content.length ? content : known).map((w) => {
      const forms = [w, ...(w.length > 3 && w.endsWith('s') ? [w.slice(0, -1)] : [])]
        .map((f) => this.#model.wordVector(f))
        .filter((v): v is Float32Array => v !== undefined)
        .map((v) => normalize(v));
      return { forms, weight: this.#model.weightOf(w) };
    });
    if (this.#slots.size > 5000) this.#slots.clear();
    this.#slots.set(key, slots);
    return slots;
  }
}

/** Weighted mean over `from` of each word's best cosine with any word of `to`. */
function align(from: WordSlot[], to: WordSlot[]): number {
  let sum = 0;
  let weights = 0;
  for (const a of from) {
    let best = -1;
    for (const b of to) for (const va of a.forms) for (const vb of b.forms) best = Math.max(best, dot(va, vb));
    sum += a.weight * best;
    weights += a.weight;
  }
  return weights ? sum / weights : 0;
}
