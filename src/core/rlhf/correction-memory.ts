/**
 * Recalls a rep's earlier corrections by the meaning of the question (`CorrectionMemory` in
 * core/agents/types.ts). Works with any Embedder: raw cosines are put on a common scale by
 * subtracting what this embedder gives unrelated questions (its baseline, measured once on a
 * fixed set of unrelated questions), so one threshold — chosen by correction-memory.test.ts over
 * paraphrases and unrelated questions — holds for sparse hashed vectors and dense word vectors
 * alike. Notes that name other clients than the question are never recalled.
 */
import type { CorrectionMemory, RecalledNote } from '../agents/types.ts';
import { AppError } from '../errors.ts';
import type { Embedder } from '../playbook/types.ts';
import type { CorrectionNote } from './corrections.ts';

/** Minimum similarity on the baseline-corrected scale (0 = unrelated, 1 = identical). */
export const RECALL_THRESHOLD = 0.4;
/** At most this many notes per question. */
export const RECALL_LIMIT = 2;

/** Questions about unrelated things, used only to measure an embedder's baseline cosine. */
export const BASELINE_QUESTIONS = [
  'Which clients renew in the next 90 days?',
  'What is the weather like in Chicago tomorrow?',
  'Summarize the payment terms for new accounts.',
  'Who is the account manager for the Northeast region?',
  'How do I export a report to a spreadsheet?',
  'Are free trials available for Programmatic Display?',
  'Draft a thank-you email after a product demo.',
  'What does a quarterly business review cover?',
  'Which industries have the highest average spend?',
  'Can we share a customer logo in a case study?',
  'How long does onboarding usually take?',
  'List the clients with an open support escalation.',
];

export interface CorrectionMemoryOptions {
  embedder: Embedder;
  /** Used instead, for good, when `embedder` fails (e.g. the word-meaning file cannot load). */
  fallback?: Embedder;
  /** The notes to recall from (retired ones are skipped). */
  notes: () => Promise<readonly CorrectionNote[]>;
  /** Client names (or other entities) a text mentions; a note about other names is not recalled. */
  names?: (text: string) => Promise<readonly string[]>;
  threshold?: number;
  limit?: number;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Mean cosine between different unrelated questions: what "unrelated" looks like for this embedder. */
export async function embedderBaseline(embedder: Embedder): Promise<number> {
  const v = await embedder.embed(BASELINE_QUESTIONS);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    for (let j = i + 1; j < v.length; j++) {
      sum += cosine(v[i], v[j]);
      n++;
    }
  }
  // Never below 0 (anti-correlated vectors are as unrelated as orthogonal ones), never near 1.
  return Math.min(Math.max(sum / n, 0), 0.9);
}

/** Baseline-corrected similarity: 0 at the embedder's unrelated level, 1 for the same text. */
export function relativeSimilarity(cos: number, baseline: number): number {
  return Math.min(1, Math.max(0, (cos - baseline) / (1 - baseline)));
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean => {
  const x = new Set(a.map((s) => s.toLowerCase()));
  const y = new Set(b.map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
};

export class EmbeddingCorrectionMemory implements CorrectionMemory {
  readonly #o: CorrectionMemoryOptions;
  #embedder: Embedder;
  #baseline: Promise<number> | null = null;
  /** Question vectors by text (notes are few; the cache is cleared when it grows large). */
  readonly #vectors = new Map<string, Float32Array>();

  constructor(options: CorrectionMemoryOptions) {
    this.#o = options;
    this.#embedder = options.embedder;
  }

  async recall(question: string, signal?: AbortSignal): Promise<RecalledNote[]> {
    const notes = (await this.#o.notes()).filter((n) => !n.retired);
    if (notes.length === 0 || !question.trim()) return [];
    let measured: { baseline: number; vectors: Float32Array[] };
    try {
      measured = await this.#measure([question, ...notes.map((n) => n.question)]);
    } catch (err) {
      const fallback = this.#o.fallback;
      if (!fallback || this.#embedder === fallback || signal?.aborted) throw err;
      // One embedder for every vector: switch for good, and start over with its own baseline.
      this.#embedder = fallback;
      this.#baseline = null;
      this.#vectors.clear();
      measured = await this.#measure([question, ...notes.map((n) => n.question)]);
    }
    const { baseline, vectors } = measured;
    if (signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    const [q, ...rest] = vectors;
    const scored = notes
      .map((note, i) => ({ note, similarity: relativeSimilarity(cosine(q, rest[i]), baseline) }))
      .filter((s) => s.similarity >= (this.#o.threshold ?? RECALL_THRESHOLD));
    const names = this.#o.names;
    const asked = names && scored.length ? await names(question) : [];
    const kept: typeof scored = [];
    for (const s of scored) if (!names || sameNames(asked, await names(s.note.question))) kept.push(s);
    return kept
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, this.#o.limit ?? RECALL_LIMIT)
      .map(({ note, similarity }) => ({ id: note.id, question: note.question, correction: note.correction, similarity: Math.round(similarity * 1000) / 1000 }));
  }

  async #measure(texts: string[]): Promise<{ baseline: number; vectors: Float32Array[] }> {
    const baseline = await (this.#baseline ??= embedderBaseline(this.#embedder).catch((err: unknown) => {
      this.#baseline = null;
      throw err;
    }));
    return { baseline, vectors: await this.#embed(texts) };
  }

  async #embed(texts: string[]): Promise<Float32Array[]> {
    if (this.#vectors.size > 2000) this.#vectors.clear();
    const missing = [...new Set(texts.filter((t) => !this.#vectors.has(t)))];
    if (missing.length) {
      const v = await this.#embedder.embed(missing);
      missing.forEach((t, i) => this.#vectors.set(t, v[i]));
    }
    return texts.map((t) => this.#vectors.get(t) as Float32Array);
  }
}
