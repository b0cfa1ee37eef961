/**
 * A tiny hashed bag-of-words Embedder: deterministic, no model, no network. Used by the tests
 * and as the CLI's last-resort fallback when no neural embedder is available; reports from it
 * name it (id 'lexical-bow-256') so its similarity numbers are not mistaken for neural ones.
 */
import type { Embedder } from '../playbook/types.ts';
import { contentTokens } from './text.ts';
import { fnv1a } from '../hash.ts';

export class LexicalEmbedder implements Embedder {
  readonly id: string;
  readonly dims: number;

  constructor(dims = 256) {
    this.dims = dims;
    this.id = `lexical-bow-${dims}`;
  }

  /** Unit-length token-count vectors (zero vector for text without content words). */
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const v = new Float32Array(this.dims);
      for (const t of contentTokens(text)) v[fnv1a(t) % this.dims] += 1;
      let norm = 0;
      for (const x of v) norm += x * x;
      norm = Math.sqrt(norm);
      if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
      return v;
    });
  }
}
