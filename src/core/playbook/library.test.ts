import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { makeCorruptPdf, makePdf } from '../../test-support/pdf-fixtures.ts';
import { BuiltinEmbedder } from './builtin-embedder.ts';
import { DEFAULT_INDEX_KIND, PlaybookLibrary } from './library.ts';
import { createPdfTextExtractor } from './pdf-text.ts';
import type { Embedder, Progress, VectorIndexKind } from './types.ts';

const demo = new Uint8Array(readFileSync(new URL('../../../data/playbook.pdf', import.meta.url)));
const pdf = createPdfTextExtractor();

/** Wraps an embedder to count calls, with a configurable id and an optional failure. */
class CountingEmbedder implements Embedder {
  readonly dims: number;
  calls = 0;
  texts = 0;
  failAfter = Infinity;
  constructor(
    readonly id: string,
    private readonly inner = new BuiltinEmbedder(),
  ) {
    this.dims = inner.dims;
  }
  async embed(texts: string[]): Promise<Float32Array[]> {
    if (++this.calls > this.failAfter) throw new AppError('model-unavailable', 'Embedder died.');
    this.texts += texts.length;
    return this.inner.embed(texts);
  }
}

async function demoLibrary(indexKind: VectorIndexKind = 'flat') {
  const lib = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf, indexKind });
  await lib.addPdf('playbook.pdf', demo);
  return lib;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'no error',
    (e: unknown) => (e instanceof AppError ? e.code : 'other'),
  );
}

describe('PlaybookLibrary search on the demo playbook', () => {
  const cases: [string, string][] = [
    ['policy on discussing 2026 pricing', '2026 Pricing Policy'],
    ['discount approval', 'Discounts and Approvals'],
    ['what to pitch to electronics clients', 'Product Recommendations by Industry'],
    ['can I give a gift during an RFP', 'Gifts and Entertainment'],
    ['payment terms net 60', 'Payment Terms'],
    ['upsell during open escalation', 'Support Escalations'],
  ];
  for (const kind of ['flat', 'voy', 'int8'] as const) {
    it(`ranks the right section first (${kind})`, async () => {
      const lib = await demoLibrary(kind);
      for (const [query, heading] of cases) {
        const hits = await lib.search(query, 3);
        expect(hits[0].chunk.heading, query).toBe(heading);
        expect(hits[0].vectorScore).toBeGreaterThan(0);
        expect(hits[0].keywordScore).toBeGreaterThan(0);
      }
      expect(await lib.stats()).toEqual({ documents: 1, chunks: expect.any(Number), embedder: 'builtin-hash-384', index: kind, vectorsReady: true });
    });
  }

  it('uses the int8 index unless told otherwise', async () => {
    expect(DEFAULT_INDEX_KIND).toBe('int8');
    expect((await new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf }).stats()).index).toBe('int8');
  });

  it('returns nothing for an empty library or blank query', async () => {
    const lib = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf });
    expect(await lib.search('discounts')).toEqual([]);
    expect(await (await demoLibrary()).search('   ')).toEqual([]);
  });
});

describe('PlaybookLibrary writes', () => {
  it('reports progress and lists documents; removing a document drops its chunks', async () => {
    const lib = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf, newId: () => `doc-${Math.random()}` });
    const phases = new Set<Progress['phase']>();
    const doc = await lib.addPdf('playbook.pdf', demo, (p) => phases.add(p.phase));
    expect([...phases]).toEqual(['reading', 'chunking', 'embedding', 'indexing']);
    const extra = await lib.addPdf('memo.pdf', await makePdf([['Memo', 'Quarterly parking lot rules for visitors.']]));
    expect((await lib.listDocuments()).map((d) => d.name)).toEqual(['playbook.pdf', 'memo.pdf']);
    expect((await lib.search('parking lot visitors', 1))[0].chunk.docName).toBe('memo.pdf');
    await lib.removeDocument(extra.id);
    expect((await lib.stats()).chunks).toBe(doc.chunks);
    expect((await lib.search('parking lot visitors', 5)).every((h) => h.chunk.docId === doc.id)).toBe(true);
  });

  it('leaves the index unchanged when a PDF is bad or embedding fails', async () => {
    const embedder = new CountingEmbedder('counting');
    const lib = new PlaybookLibrary({ embedder, pdf, batchSize: 4 });
    await lib.addPdf('playbook.pdf', demo);
    const before = await lib.exportSnapshot();
    expect(await codeOf(lib.addPdf('broken.pdf', makeCorruptPdf()))).toBe('bad-pdf');
    embedder.failAfter = embedder.calls + 1; // the second batch of the next document fails
    const long = await makePdf(Array.from({ length: 6 }, (_, i) => [`Page ${i} about visitor parking rules and badges.`]));
    expect(await codeOf(lib.addPdf('long.pdf', long))).toBe('model-unavailable');
    expect(await lib.exportSnapshot()).toEqual(before);
    expect((await lib.listDocuments()).map((d) => d.name)).toEqual(['playbook.pdf']);
  });

  it('re-embeds every chunk when the embedder changes, and not when it stays the same', async () => {
    const first = new CountingEmbedder('model-a');
    const lib = new PlaybookLibrary({ embedder: first, pdf });
    await lib.addPdf('playbook.pdf', demo);
    const { chunks } = await lib.stats();
    expect(await lib.setEmbedder(new CountingEmbedder('model-a'))).toEqual({ reembedded: false });
    const second = new CountingEmbedder('model-b');
    expect(await lib.setEmbedder(second)).toEqual({ reembedded: true });
    expect(second.texts).toBe(chunks);
    expect((await lib.stats()).embedder).toBe('model-b');
    expect((await lib.search('discount approval', 1))[0].chunk.heading).toBe('Discounts and Approvals');
  });
});

/** An embedder whose calls wait until `release()`, to observe the library mid-build. */
class GatedEmbedder extends CountingEmbedder {
  #release: () => void = () => undefined;
  readonly #open = new Promise<void>((resolve) => (this.#release = resolve));
  release(): void {
    this.#release();
  }
  override async embed(texts: string[]): Promise<Float32Array[]> {
    await this.#open;
    return super.embed(texts);
  }
}

describe('PlaybookLibrary background vectors', () => {
  it('answers from keywords with page references first, then hybrid once vectors are built', async () => {
    const embedder = new GatedEmbedder('gated');
    const lib = new PlaybookLibrary({ embedder, pdf });
    const doc = await lib.addPdf('playbook.pdf', demo, undefined, { background: true });
    expect(doc.chunks).toBeGreaterThan(0);
    expect(await lib.stats()).toMatchObject({ documents: 1, chunks: doc.chunks, vectorsReady: false });
    const early = await lib.search('discount approval', 3);
    expect(early[0].chunk.heading).toBe('Discounts and Approvals');
    expect(early[0].chunk.page).toBeGreaterThan(0);
    expect(early.every((h) => h.vectorScore === undefined && h.keywordScore !== undefined)).toBe(true);
    expect(embedder.texts).toBe(0);

    embedder.release();
    await lib.whenVectorsReady();
    expect((await lib.stats()).vectorsReady).toBe(true);
    expect(embedder.texts).toBe(doc.chunks);
    const late = await lib.search('discount approval', 3);
    expect(late[0].chunk.heading).toBe('Discounts and Approvals');
    expect(late[0].vectorScore).toBeGreaterThan(0);
  });

  it('exports the snapshot only after the background build, identical to a foreground add', async () => {
    const embedder = new GatedEmbedder('builtin-hash-384');
    const lib = new PlaybookLibrary({ embedder, pdf, newId: () => 'doc', now: () => new Date(0) });
    await lib.addPdf('playbook.pdf', demo, undefined, { background: true });
    const exported = lib.exportSnapshot();
    embedder.release();
    const fg = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf, newId: () => 'doc', now: () => new Date(0) });
    await fg.addPdf('playbook.pdf', demo);
    expect(await exported).toEqual(await fg.exportSnapshot());
  });

  it('rolls the document back when the background embedding fails', async () => {
    const embedder = new CountingEmbedder('counting');
    const lib = new PlaybookLibrary({ embedder, pdf, batchSize: 4 });
    await lib.addPdf('playbook.pdf', demo);
    const before = await lib.exportSnapshot();
    embedder.failAfter = embedder.calls + 1;
    const long = await makePdf(Array.from({ length: 6 }, (_, i) => [`Page ${i} about visitor parking rules and badges.`]));
    const added = await lib.addPdf('long.pdf', long, undefined, { background: true });
    expect(added.name).toBe('long.pdf');
    expect(await codeOf(lib.whenVectorsReady())).toBe('model-unavailable');
    expect((await lib.listDocuments()).map((d) => d.name)).toEqual(['playbook.pdf']);
    expect(await lib.exportSnapshot()).toEqual(before);
    expect((await lib.stats()).vectorsReady).toBe(true);
  });

  it('still rejects a bad PDF before publishing anything', async () => {
    const lib = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf });
    expect(await codeOf(lib.addPdf('broken.pdf', makeCorruptPdf(), undefined, { background: true }))).toBe('bad-pdf');
    expect(await lib.stats()).toMatchObject({ documents: 0, chunks: 0, vectorsReady: true });
  });
});

describe('PlaybookLibrary snapshots', () => {
  it('round-trips chunks, documents and vectors', async () => {
    const lib = await demoLibrary();
    const bytes = await lib.exportSnapshot();
    const restored = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf });
    await restored.loadSnapshot(bytes);
    expect(await restored.listDocuments()).toEqual(await lib.listDocuments());
    expect(await restored.listChunks()).toEqual(await lib.listChunks());
    expect(await restored.exportSnapshot()).toEqual(bytes);
    expect(await restored.search('free trial eligibility', 3)).toEqual(await lib.search('free trial eligibility', 3));
  });

  it('re-embeds a snapshot made by another embedder', async () => {
    const bytes = await (await demoLibrary()).exportSnapshot();
    const other = new CountingEmbedder('model-b');
    const lib = new PlaybookLibrary({ embedder: other, pdf });
    await lib.loadSnapshot(bytes);
    expect(other.texts).toBe((await lib.stats()).chunks);
    expect((await lib.stats()).embedder).toBe('model-b');
  });

  it('rejects damaged snapshots with storage-corrupt and keeps the current index', async () => {
    const lib = await demoLibrary();
    const good = await lib.exportSnapshot();
    const truncated = good.slice(0, good.length - 4);
    const badMagic = good.slice();
    badMagic[0] = 0;
    const badJson = good.slice();
    badJson[20] = 0xff;
    for (const bad of [truncated, badMagic, badJson, new Uint8Array(3)]) {
      expect(await codeOf(lib.loadSnapshot(bad))).toBe('storage-corrupt');
    }
    expect(await lib.exportSnapshot()).toEqual(good);
  });
});
