import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { makePdf } from '../../test-support/pdf-fixtures.ts';
import { BuiltinEmbedder } from './builtin-embedder.ts';
import { contentHash } from './content-hash.ts';
import { PlaybookLibrary } from './library.ts';
import { createPdfTextExtractor } from './pdf-text.ts';
import { decodeSnapshot, encodeSnapshot } from './snapshot.ts';

const demo = new Uint8Array(readFileSync(new URL('../../../data/playbook.pdf', import.meta.url)));
const pdf = createPdfTextExtractor();
const newLibrary = () => new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf, indexKind: 'flat' });

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
  }
  throw new Error('expected an AppError');
}

describe('re-importing a PDF with the same content', () => {
  it('is refused with the existing document named when asked to check, whatever the file name', async () => {
    const lib = newLibrary();
    const first = await lib.addPdf('Sales Playbook.pdf', demo);
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const err = await rejection(lib.addPdf('copy of playbook.pdf', demo.slice(), undefined, { ifDuplicate: 'ask' }));
    expect(err.code).toBe('duplicate-document');
    expect(err.details).toMatchObject({ id: first.id, name: 'Sales Playbook.pdf' });
    expect((await lib.listDocuments()).length).toBe(1);
  });

  it('a different PDF is not a duplicate; "keep both" adds a second copy', async () => {
    const lib = newLibrary();
    await lib.addPdf('Sales Playbook.pdf', demo);
    await lib.addPdf('guide.pdf', await makePdf([['Field guide', 'Zebra widgets are reviewed every quarter.']]), undefined, { ifDuplicate: 'ask' });
    await lib.addPdf('again.pdf', demo.slice(), undefined, { ifDuplicate: 'keep' });
    expect((await lib.listDocuments()).map((d) => d.name)).toEqual(['Sales Playbook.pdf', 'guide.pdf', 'again.pdf']);
  });

  it('replace swaps the old document for the new one in one write', async () => {
    const lib = newLibrary();
    const old = await lib.addPdf('Sales Playbook.pdf', demo);
    const chunks = (await lib.stats()).chunks;
    const doc = await lib.addPdf('Sales Playbook (2027).pdf', demo.slice(), undefined, { ifDuplicate: 'ask', replaceId: old.id });
    expect((await lib.listDocuments()).map((d) => d.name)).toEqual(['Sales Playbook (2027).pdf']);
    expect((await lib.stats()).chunks).toBe(chunks);
    const hits = await lib.search('discount approval', 3);
    expect(hits.every((h) => h.chunk.docId === doc.id)).toBe(true);
  });

  it('recognises documents saved before fingerprints existed, from their passages', async () => {
    const lib = newLibrary();
    await lib.addPdf('Sales Playbook.pdf', demo);
    const snap = decodeSnapshot(await lib.exportSnapshot());
    const legacy = newLibrary();
    await legacy.loadSnapshot(encodeSnapshot({ ...snap, documents: snap.documents.map(({ contentHash: _, ...d }) => d) }));
    expect((await legacy.listDocuments())[0].contentHash).toBeUndefined();
    expect((await rejection(legacy.addPdf('x.pdf', demo.slice(), undefined, { ifDuplicate: 'ask' }))).code).toBe('duplicate-document');
  });

  it('fingerprints ignore ids and names but not the text', async () => {
    const a = await contentHash([{ page: 1, heading: 'H', text: 'same' }]);
    expect(await contentHash([{ page: 1, heading: 'H', text: 'same' }])).toBe(a);
    expect(await contentHash([{ page: 1, heading: 'H', text: 'other' }])).not.toBe(a);
  });
});
