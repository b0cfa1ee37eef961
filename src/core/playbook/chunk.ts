/**
 * Splits page blocks into retrievable chunks that respect structure: a heading starts a new
 * chunk, chunks stay within one page (exact page citations), and they break at paragraph or
 * bullet boundaries, falling back to sentence and then word boundaries for very long blocks.
 */
import type { Chunk } from './types.ts';
import type { TextBlock } from './pdf-text.ts';

export interface ChunkOptions {
  /** Chunks grow until adding a block would pass this many characters. */
  maxChars?: number;
  /** Below this size a chunk keeps taking blocks even past maxChars (up to hardMax). */
  minChars?: number;
}

export interface ChunkSource {
  docId: string;
  docName: string;
  pages: { page: number; blocks: TextBlock[] }[];
  /** First chunk id to assign. */
  firstId?: number;
}

const HARD_MAX = 1200;

/** The text that gets embedded and keyword-indexed: the heading first, so section names match. */
export function searchTextOf(chunk: Pick<Chunk, 'heading' | 'text'>): string {
  return chunk.heading ? `${chunk.heading}\n${chunk.text}` : chunk.text;
}

/** Splits a block longer than `max` at sentence ends, then at spaces; never inside a word. */
export function splitLong(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const sentences = text.match(/[^.!?]+(?:[.!?]+["')\]]*\s*|$)/g) ?? [text];
  const out: string[] = [];
  let cur = '';
  const push = () => {
    if (cur.trim()) out.push(cur.trim());
    cur = '';
  };
  for (const s of sentences) {
    if (s.length > max) {
      push();
      for (const word of s.split(/\s+/).filter(Boolean)) {
        if (cur && cur.length + word.length + 1 > max) push();
        cur = cur ? `${cur} ${word}` : word;
      }
      push();
    } else {
      if (cur && cur.length + s.length > max) push();
      cur += s;
    }
  }
  push();
  return out;
}

/** Builds chunks from extracted pages. */
export function chunkPages(src: ChunkSource, opts: ChunkOptions = {}): Chunk[] {
  const maxChars = opts.maxChars ?? 900;
  const minChars = opts.minChars ?? 500;
  const chunks: Chunk[] = [];
  let id = src.firstId ?? 0;
  let heading = '';
  let parts: string[] = [];
  let page = 1;
  const size = () => parts.reduce((n, p) => n + p.length + 1, 0);
  const flush = () => {
    const text = parts.join('\n').trim();
    if (text) chunks.push({ id: id++, docId: src.docId, docName: src.docName, page, heading: heading || src.docName, text });
    parts = [];
  };

  for (const p of src.pages) {
    flush();
    page = p.page;
    for (const block of p.blocks) {
      if (block.kind === 'heading') {
        flush();
        heading = block.text;
        continue;
      }
      for (const piece of splitLong(block.text, maxChars)) {
        const current = size();
        const fits = current + piece.length <= maxChars || (current < minChars && current + piece.length <= HARD_MAX);
        if (parts.length && !fits) flush();
        parts.push(piece);
      }
    }
  }
  flush();
  return chunks;
}
