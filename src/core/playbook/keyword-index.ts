/** BM25 keyword search over chunks with minisearch: exact terms (no prefix, no fuzzy), light stemming. */
import MiniSearch from 'minisearch';
import type { Chunk } from './types.ts';
import { STOP_WORDS, stem, words } from './text-features.ts';

interface Doc {
  id: number;
  heading: string;
  text: string;
}

export class KeywordIndex {
  #mini = KeywordIndex.#create();

  static #create(): MiniSearch<Doc> {
    return new MiniSearch<Doc>({
      fields: ['heading', 'text'],
      idField: 'id',
      tokenize: (text) => words(text),
      processTerm: (term) => (STOP_WORDS.has(term) ? null : stem(term)),
      searchOptions: { prefix: false, fuzzy: false, combineWith: 'OR', boost: { heading: 2 } },
    });
  }

  get size(): number {
    return this.#mini.documentCount;
  }

  /** Replaces the contents with these chunks. */
  build(chunks: readonly Chunk[]): void {
    const next = KeywordIndex.#create();
    next.addAll(chunks.map((c) => ({ id: c.id, heading: c.heading, text: c.text })));
    this.#mini = next;
  }

  search(query: string, k: number): { id: number; score: number }[] {
    return this.#mini
      .search(query)
      .slice(0, k)
      .map((r) => ({ id: Number(r.id), score: r.score }));
  }
}
