/**
 * Retrieval quality per embedder on the labelled queries (`data/eval/retrieval-quality.json`):
 * hit@1, hit@5 and MRR of the vector ranking alone, BM25 alone and the library's fused ranking
 * (the real `PlaybookLibrary.search`), on paraphrased and exact-wording queries, per playbook and
 * per split (tune / test). Plus the cost: vector file size, query embedding time, ingest pages/s,
 * and the int8 index's recall@5 against an exact scan on the real passage vectors.
 */
import { FlatIndex } from '../playbook/flat-index.ts';
import { EQUAL_RRF, fusionFor, type FusionOptions } from '../playbook/hybrid.ts';
import { PlaybookLibrary } from '../playbook/library.ts';
import type { PdfTextExtractor } from '../playbook/pdf-text.ts';
import { QuantizedIndex } from '../playbook/quantized-index.ts';
import { firstHitRank, MRR_DEPTH, scoreRanks, type LabelledQuery, type QualityScores } from '../playbook/retrieval-quality.ts';
import type { Embedder } from '../playbook/types.ts';

export interface QualityCandidate {
  /** Short label: 'hash', 'word-vectors', 'minilm'. */
  label: string;
  /** Loads the embedder; a rejection is reported as "not available" with its reason. */
  load: () => Promise<Embedder>;
  /** Bytes the app ships or downloads for this embedder (0 = none). */
  fileBytes: number;
}

export type Ranking = 'vector' | 'keyword' | 'hybrid';
export type Subset = 'paraphrase' | 'paraphrase-tune' | 'paraphrase-test' | 'paraphrase-fresh' | 'demo-paraphrase' | 'alt-paraphrase' | 'exact';

export interface QualityRow extends QualityScores {
  embedder: string;
  ranking: Ranking;
  subset: Subset;
}

export interface EmbedderCost {
  label: string;
  id: string | null;
  available: boolean;
  reason?: string;
  dims?: number;
  vector_file_bytes: number;
  query_embed_p50_ms?: number;
  ingest_pages_per_s?: number;
  /** The default int8 index's top-5 against an exact scan of the same vectors. */
  index_recall_at_5?: number;
  fusion?: FusionOptions;
}

export interface RetrievalQualityResult {
  queries: number;
  paraphrased: number;
  embedders: EmbedderCost[];
  rows: QualityRow[];
}

export interface PlaybookSource {
  name: string;
  bytes: Uint8Array;
  queries: LabelledQuery[];
}

const SUBSETS: { subset: Subset; test: (q: LabelledQuery, book: string) => boolean }[] = [
  { subset: 'paraphrase', test: (q) => q.kind === 'paraphrase' },
  { subset: 'paraphrase-tune', test: (q) => q.kind === 'paraphrase' && q.split === 'tune' },
  { subset: 'paraphrase-test', test: (q) => q.kind === 'paraphrase' && q.split === 'test' },
  { subset: 'paraphrase-fresh', test: (q) => q.kind === 'paraphrase' && q.split === 'fresh' },
  { subset: 'demo-paraphrase', test: (q, b) => q.kind === 'paraphrase' && b === 'demo' },
  { subset: 'alt-paraphrase', test: (q, b) => q.kind === 'paraphrase' && b === 'alt' },
  { subset: 'exact', test: (q) => q.kind === 'exact' },
];

const RANKINGS: { ranking: Ranking; fusion: (id: string) => FusionOptions }[] = [
  { ranking: 'vector', fusion: () => ({ ...EQUAL_RRF, vectorWeight: 1 }) },
  { ranking: 'keyword', fusion: () => ({ ...EQUAL_RRF, vectorWeight: 0 }) },
  { ranking: 'hybrid', fusion: fusionFor },
];

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 1000) / 1000;
}

/** int8 vs exact top-5 overlap on the library's real passage vectors for these queries. */
function indexRecall(vectors: Float32Array, dims: number, queries: Float32Array[]): number {
  const ids = Int32Array.from({ length: vectors.length / dims }, (_, i) => i);
  const flat = new FlatIndex();
  const int8 = new QuantizedIndex();
  flat.build(ids, vectors, dims);
  int8.build(ids, vectors, dims);
  let found = 0;
  for (const q of queries) {
    const want = new Set(flat.search(q, 5).map((r) => r.id));
    found += int8.search(q, 5).filter((r) => want.has(r.id)).length;
  }
  return Math.round((found / (5 * queries.length)) * 1000) / 1000;
}

/** Measures every candidate on every playbook; never throws for an embedder that cannot load. */
export async function benchRetrievalQuality(books: PlaybookSource[], candidates: QualityCandidate[], pdf: PdfTextExtractor): Promise<RetrievalQualityResult> {
  const all = books.flatMap((b) => b.queries);
  if (books[0]) await pdf.extractPages(books[0].bytes); // load the PDF reader before timing ingest
  const result: RetrievalQualityResult = { queries: all.length, paraphrased: all.filter((q) => q.kind === 'paraphrase').length, embedders: [], rows: [] };
  for (const c of candidates) {
    let embedder: Embedder;
    try {
      embedder = await c.load();
    } catch (err) {
      result.embedders.push({
        label: c.label,
        id: null,
        available: false,
        reason: err instanceof Error ? err.message : 'could not load',
        vector_file_bytes: c.fileBytes,
      });
      continue;
    }
    const ranks = new Map<Ranking, { q: LabelledQuery; book: string; rank: number }[]>(RANKINGS.map((r) => [r.ranking, []]));
    let pages = 0;
    let ingestMs = 0;
    const embedMs: number[] = [];
    const recall: number[] = [];
    for (const book of books) {
      const t0 = performance.now();
      const libs = RANKINGS.map((r) => new PlaybookLibrary({ embedder, pdf, fusion: r.fusion(embedder.id), indexKind: 'flat' }));
      const doc = await libs[0].addPdf(`${book.name}.pdf`, book.bytes);
      ingestMs += performance.now() - t0;
      pages += doc.pages;
      const snapshot = await libs[0].exportSnapshot();
      for (const lib of libs.slice(1)) await lib.loadSnapshot(snapshot);
      const queryVectors: Float32Array[] = [];
      for (const q of book.queries) {
        const e0 = performance.now();
        queryVectors.push((await embedder.embed([q.query]))[0]);
        embedMs.push(performance.now() - e0);
      }
      const chunks = await libs[0].listChunks();
      const vectors = new Float32Array(chunks.length * embedder.dims);
      (await embedder.embed(chunks.map((ch) => `${ch.heading}\n${ch.text}`))).forEach((v, i) => vectors.set(v, i * embedder.dims));
      recall.push(indexRecall(vectors, embedder.dims, queryVectors));
      for (const [i, r] of RANKINGS.entries()) {
        for (const q of book.queries) {
          const hits = await libs[i].search(q.query, MRR_DEPTH);
          ranks.get(r.ranking)?.push({
            q,
            book: book.name,
            rank: firstHitRank(
              hits.map((h) => h.chunk.heading),
              q.headings,
            ),
          });
        }
      }
    }
    result.embedders.push({
      label: c.label,
      id: embedder.id,
      available: true,
      dims: embedder.dims,
      vector_file_bytes: c.fileBytes,
      query_embed_p50_ms: p50(embedMs),
      ingest_pages_per_s: Math.round((pages / (ingestMs / 1000)) * 10) / 10,
      index_recall_at_5: Math.min(...recall),
      fusion: fusionFor(embedder.id),
    });
    for (const { ranking } of RANKINGS) {
      const list = ranks.get(ranking) ?? [];
      for (const { subset, test } of SUBSETS) {
        const picked = list.filter((x) => test(x.q, x.book)).map((x) => x.rank);
        result.rows.push({ embedder: c.label, ranking, subset, ...scoreRanks(picked) });
      }
    }
  }
  return result;
}
