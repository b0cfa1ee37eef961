/**
 * The embedder corrections are recalled with: keywords (the built-in hash embedder) and word
 * meaning, half each. Keywords keep names and figures apart; word meaning joins paraphrases
 * ("renewal date" / "when does it renew"). correction-memory.test.ts chose the recall threshold
 * for this blend and for keywords alone (the fallback when word meaning cannot load).
 */
import { BlendedEmbedder } from '../eval/blended-embedder.ts';
import type { Embedder } from '../playbook/types.ts';

/** Sentence vectors from any word-meaning host (in process, or the playbook worker's proxy). */
export interface SentenceMeaning {
  embedSentence(text: string): Promise<Float32Array>;
}

/** A word-meaning host as an Embedder; its size is known after the first call. */
export class SentenceEmbedder implements Embedder {
  readonly id = 'word-meaning-sentences';
  #dims = 0;
  constructor(private readonly meaning: SentenceMeaning) {}

  get dims(): number {
    return this.#dims;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out = await Promise.all(texts.map((t) => this.meaning.embedSentence(t)));
    if (out[0]) this.#dims = out[0].length;
    return out;
  }
}

/** Keywords and word meaning, weighted equally. */
export function recallEmbedder(keywords: Embedder, meaning: Embedder): Embedder {
  return new BlendedEmbedder([
    { embedder: keywords, weight: 0.5 },
    { embedder: meaning, weight: 0.5 },
  ]);
}
