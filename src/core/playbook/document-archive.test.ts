import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { makePdf } from '../../test-support/pdf-fixtures.ts';
import { BuiltinEmbedder } from './builtin-embedder.ts';
import { PlaybookLibrary } from './library.ts';
import { createPdfTextExtractor } from './pdf-text.ts';
import type { Embedder } from './types.ts';

const demo = new Uint8Array(readFileSync(new URL('../../../data/playbook.pdf', import.meta.url)));
const pdf = createPdfTextExtractor();

/** The builtin embedder under another id, to force re-embedding. */
class RenamedEmbedder implements Embedder {
  readonly dims: number;
  texts = 0;
  readonly #inner = new BuiltinEmbedder();
  constructor(readonly id: string) {
    this.dims = this.#inner.dims;
  }
  async embed(texts: string[]): Promise<Float32Array[]> {
    this.texts += texts.length;
    return this.#inner.embed(texts);
  }
}

async function twoDocs() {
  let n = 0;
  const lib = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf, indexKind: 'flat', newId: () => `doc-${++n}` });
  const playbook = await lib.addPdf('Sales Playbook.pdf', demo);
  const guide = await lib.addPdf('Zebra guide.pdf', await makePdf([['Zebra Accounts', 'Zebra accounts renew every spring through the planning council.']]));
  return { lib, playbook, guide };
}

describe('undoing a document removal', () => {
  it('restores the document, its passages and search exactly as before', async () => {
    const { lib, playbook } = await twoDocs();
    const before = await lib.search('discount approval', 3);
    const docsBefore = await lib.listDocuments();
    const saved = await lib.exportDocument(playbook.id);
    await lib.removeDocument(playbook.id);
    expect((await lib.search('discount approval', 3)).every((h) => h.chunk.docId !== playbook.id)).toBe(true);
    const restored = await lib.restoreDocument(saved);
    expect(restored).toEqual(playbook);
    expect(await lib.listDocuments()).toEqual(docsBefore);
    const after = await lib.search('discount approval', 3);
    expect(after.map((h) => [h.chunk.docId, h.chunk.page, h.chunk.heading, h.chunk.text])).toEqual(
      before.map((h) => [h.chunk.docId, h.chunk.page, h.chunk.heading, h.chunk.text]),
    );
    expect(after[0].score).toBeCloseTo(before[0].score, 6);
    // Passage ids stay unique across both documents.
    const ids = (await lib.listChunks()).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps documents added after the removal, and restoring twice does nothing', async () => {
    const { lib, guide } = await twoDocs();
    const saved = await lib.exportDocument(guide.id);
    await lib.removeDocument(guide.id);
    const later = await lib.addPdf('Later.pdf', await makePdf([['Later notes', 'Lighthouse accounts get a yearly review.']]));
    await lib.restoreDocument(saved);
    await lib.restoreDocument(saved);
    expect((await lib.listDocuments()).map((d) => d.name)).toEqual(['Sales Playbook.pdf', 'Zebra guide.pdf', 'Later.pdf']);
    expect((await lib.listDocuments()).find((d) => d.id === later.id)).toBeDefined();
    expect((await lib.search('zebra planning council', 1))[0].chunk.docId).toBe(guide.id);
    expect((await lib.search('lighthouse yearly review', 1))[0].chunk.docId).toBe(later.id);
  });

  it('re-embeds the restored passages when the embedder changed meanwhile', async () => {
    const { lib, guide } = await twoDocs();
    const saved = await lib.exportDocument(guide.id);
    await lib.removeDocument(guide.id);
    const other = new RenamedEmbedder('other-384');
    await lib.setEmbedder(other);
    const embeddedBefore = other.texts;
    await lib.restoreDocument(saved);
    expect(other.texts).toBe(embeddedBefore + guide.chunks);
    expect((await lib.stats()).embedder).toBe('other-384');
    expect((await lib.search('zebra planning council', 1))[0].chunk.docId).toBe(guide.id);
  });

  it('refuses bytes that are not one saved document', async () => {
    const { lib, playbook } = await twoDocs();
    const whole = await lib.exportSnapshot();
    await expect(lib.restoreDocument(whole)).rejects.toBeInstanceOf(AppError);
    await expect(lib.restoreDocument(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'storage-corrupt' });
    await expect(lib.exportDocument('nope')).rejects.toBeInstanceOf(AppError);
    expect((await lib.listDocuments()).some((d) => d.id === playbook.id)).toBe(true);
  });
});
