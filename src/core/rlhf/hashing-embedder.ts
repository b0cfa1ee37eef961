/**
 * A tiny deterministic embedder (hashed words and character trigrams). Used by tests and as a
 * stand-in when no model is available; it only needs to be stable, not semantic.
 */
import type { Embedder } from '../playbook/types.ts';
import { fnv1a } from '../hash.ts';

export class HashingEmbedder implements Embedder {
  readonly id: string;
  constructor(readonly dims = 64) {
    this.id = `hashing-${dims}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const v = new Float32Array(this.dims);
      const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      for (const w of words) {
        const features = [w];
        const padded = `#${w}#`;
        for (let i = 0; i + 3 <= padded.length; i++) features.push(padded.slice(i, i + 3));
        for (const f of features) {
          const h = fnv1a(f);
          v[h % this.dims] += h & 0x80000000 ? -1 : 1;
        }
      }
      const norm = Math.hypot(...v);
      if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
      return v;
    });
  }
}
