import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeWordMeaning } from '../../../scripts/lib/word-vectors-file.ts';
import { BuiltinEmbedder } from './builtin-embedder.ts';
import { createPlaybookHost } from './host.ts';
import { PlaybookLibrary } from './library.ts';
import { createPdfTextExtractor } from './pdf-text.ts';
import { createEmbedder } from './transformers-embedder.ts';
import type { Progress } from './types.ts';

const demo = new Uint8Array(readFileSync(new URL('../../../data/playbook.pdf', import.meta.url)));
const localModelPath = fileURLToPath(new URL('../../../public/models/fixture/', import.meta.url));
const words = nodeWordMeaning();

function makeHost() {
  const transferred: Transferable[][] = [];
  const library = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf: createPdfTextExtractor() });
  const host = createPlaybookHost({
    library,
    createEmbedder: (pref) => createEmbedder(pref, { wordVectors: words.embedder }),
    meaning: words.meaning,
    transformersDefaults: { localModelPath, allowRemote: false, dtype: 'fp32' },
    transfer: (value, list) => (transferred.push(list), value),
  });
  return { host, transferred };
}

describe('playbook worker host', () => {
  it('switches to the tiny transformers model, re-embeds, and still finds sections', async () => {
    const { host } = makeHost();
    await host.addPdf('playbook.pdf', demo);
    const progress: Progress[] = [];
    const status = await host.setEmbedder({ kind: 'transformers', modelId: 'tiny-bert' }, (p) => progress.push(p));
    expect(status).toEqual({ embedder: 'transformers:tiny-bert:fp32', dims: 32, reembedded: true });
    expect(progress.some((p) => p.phase === 'embedding' && p.done === p.total)).toBe(true);
    expect((await host.stats()).embedder).toBe('transformers:tiny-bert:fp32');
    const hits = await host.search('discount approval', 3);
    expect(hits.map((h) => h.chunk.heading)).toContain('Discounts and Approvals');
  });

  it('falls back to word meaning, saying why, when the model cannot load, and keeps working', async () => {
    const { host } = makeHost();
    await host.addPdf('playbook.pdf', demo);
    const status = await host.setEmbedder({ kind: 'transformers', modelId: 'missing-model' });
    expect(status.embedder).toMatch(/^word-vectors-sif-100d-\d+$/);
    expect(status.reembedded).toBe(true);
    expect(status.fallbackReason).toMatch(/missing-model/);
    expect((await host.search('net 60 payment terms', 1))[0].chunk.heading).toBe('Payment Terms');
  });

  it('switches to word meaning and back to basic keywords, re-embedding each time', async () => {
    const { host } = makeHost();
    await host.addPdf('playbook.pdf', demo);
    const words = await host.setEmbedder({ kind: 'word-vectors' });
    expect(words).toMatchObject({ dims: 100, reembedded: true });
    expect(words.fallbackReason).toBeUndefined();
    expect((await host.stats()).embedder).toBe(words.embedder);
    const hits = await host.search('the customer is unhappy about an unresolved problem, should I still pitch them something new', 5);
    expect(hits[0].chunk.heading).toBe('Support Escalations');
    expect(await host.setEmbedder({ kind: 'builtin' })).toMatchObject({ embedder: 'builtin-hash-384', reembedded: true });
  });

  it('answers word-meaning questions for the agents and transfers sentence vectors', async () => {
    const { host, transferred } = makeHost();
    expect(await host.wordSimilarity('price cut', 'discount')).toBeGreaterThan(await host.wordSimilarity('price cut', 'travel'));
    const ranked = await host.nearestTerms('influencer campaign', ['Influencer Partnerships', 'Search Ads', 'Podcast Ads'], 2);
    expect(ranked.map((r) => r.term)).toEqual(['Influencer Partnerships', expect.any(String)]);
    const v = await host.embedSentence('renewal date');
    expect(v).toHaveLength(100);
    expect(transferred.at(-1)).toEqual([v.buffer]);
    expect(await host.knows('zzzq')).toBe(false);
  });

  it('indexes in the background: keyword hits first, hybrid after whenVectorsReady', async () => {
    let warmed = 0;
    const library = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf: createPdfTextExtractor() });
    const host = createPlaybookHost({ library, createEmbedder, meaning: words.meaning, warmUp: async () => void warmed++ });
    await host.warmUp();
    expect(warmed).toBe(1);
    const doc = await host.addPdf('playbook.pdf', demo, undefined, { background: true });
    const early = await host.stats();
    const earlyHits = await host.search('discount approval', 3);
    await host.whenVectorsReady();
    expect(early.chunks).toBe(doc.chunks);
    // Either still building (keyword-only hits) or already done (hybrid): never a mix.
    if (early.vectorsReady === false) expect(earlyHits.every((h) => h.vectorScore === undefined)).toBe(true);
    expect(earlyHits[0].chunk.heading).toBe('Discounts and Approvals');
    expect(await host.stats()).toMatchObject({ vectorsReady: true, index: 'int8' });
    expect((await host.search('discount approval', 3))[0].vectorScore).toBeGreaterThan(0);
  });

  it('transfers the snapshot buffer and restores from it', async () => {
    const { host, transferred } = makeHost();
    await host.addPdf('playbook.pdf', demo);
    const bytes = await host.exportSnapshot();
    expect(transferred).toEqual([[bytes.buffer]]);
    const other = makeHost().host;
    await other.loadSnapshot(bytes);
    expect(await other.listChunks()).toEqual(await host.listChunks());
  });
});
