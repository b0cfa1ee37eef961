/**
 * Retrieval benchmarks: query latency of the int8 (quantized + exact re-rank) index and voy vs
 * the exact flat index on seeded, clustered unit vectors (with each one's recall@5 against exact
 * search), and PDF ingestion speed.
 */
import { FlatIndex } from '../playbook/flat-index.ts';
import { DEFAULT_INDEX_KIND } from '../playbook/library.ts';
import { QuantizedIndex } from '../playbook/quantized-index.ts';
import type { PdfTextExtractor } from '../playbook/pdf-text.ts';
import type { VectorIndex, VectorIndexKind } from '../playbook/types.ts';
import { loadVoyBundled, VoyIndex, type VoyModule } from '../playbook/voy-index.ts';

export interface RetrievalBenchRow {
  chunks: number;
  /** Query p50 of the library's default index kind. */
  index_p50_ms: number;
  voy_p50_ms: number;
  flat_p50_ms: number;
  /** Optional only so older fixtures still type-check; benchRetrieval always fills the int8 fields. */
  int8_p50_ms?: number;
  /** voy's recall@5 against exact (flat) search. */
  recall_at_5: number;
  /** The int8 index's recall@5 against exact search. */
  int8_recall_at_5?: number;
  default_recall_at_5: number;
  voy_build_ms: number;
  flat_build_ms: number;
  int8_build_ms?: number;
  /** Scan loop the int8 index used ('wasm-simd' or 'js'). */
  int8_kernel?: string;
  default_index: VectorIndexKind;
}

export interface RetrievalBenchOptions {
  queries?: number;
  seed?: number;
  clusters?: number;
  defaultIndex?: VectorIndexKind;
  /** Node scripts pass `loadVoyNode`; bundlers use the default. */
  loadVoy?: () => Promise<VoyModule>;
}

/** mulberry32: small, fast, seedable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Unit vectors scattered around random cluster centres, so neighbours are not trivial. */
export function clusteredVectors(n: number, dims: number, clusters: number, seed: number): Float32Array {
  const rand = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dims }, gauss));
  const out = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    const c = centres[Math.floor(rand() * clusters)];
    let norm = 0;
    for (let j = 0; j < dims; j++) norm += (out[i * dims + j] = c[j] + 0.8 * gauss()) ** 2;
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < dims; j++) out[i * dims + j] *= inv;
  }
  return out;
}

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 1000) / 1000;
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

/** Measures build and query time of every vector index kind at each size; `index_p50_ms` is the library default's. */
export async function benchRetrieval(sizes: number[] = [1000, 5000, 20000], dims = 384, opts: RetrievalBenchOptions = {}): Promise<RetrievalBenchRow[]> {
  const nq = opts.queries ?? 50;
  const seed = opts.seed ?? 42;
  const defaultIndex = opts.defaultIndex ?? DEFAULT_INDEX_KIND;
  const voyModule = await (opts.loadVoy ?? loadVoyBundled)();
  const rows: RetrievalBenchRow[] = [];
  for (const n of sizes) {
    const all = clusteredVectors(n + nq, dims, opts.clusters ?? 32, seed + n);
    const vectors = all.subarray(0, n * dims);
    const ids = Int32Array.from({ length: n }, (_, i) => i);
    const flat = new FlatIndex();
    const [, flatBuild] = timed(() => flat.build(ids, vectors, dims));
    const voy = new VoyIndex(voyModule);
    const [, voyBuild] = timed(() => voy.build(ids, vectors, dims));
    const int8 = new QuantizedIndex();
    const [, int8Build] = timed(() => int8.build(ids, vectors, dims));
    const ms: Record<VectorIndexKind, number[]> = { flat: [], voy: [], int8: [] };
    const hits: Record<VectorIndexKind, number> = { flat: 0, voy: 0, int8: 0 };
    for (let q = 0; q < nq; q++) {
      const query = all.subarray((n + q) * dims, (n + q + 1) * dims);
      // Order rotates per query so no index always runs on a warm (or cold) cache.
      const order: [VectorIndexKind, VectorIndex][] = [
        ['flat', flat],
        ['voy', voy],
        ['int8', int8],
      ];
      const results = new Map<VectorIndexKind, { id: number }[]>();
      for (let i = 0; i < order.length; i++) {
        const [kind, index] = order[(i + q) % order.length];
        const [found, t] = timed(() => index.search(query, 5));
        ms[kind].push(t);
        results.set(kind, found);
      }
      const want = new Set((results.get('flat') ?? []).map((h) => h.id));
      for (const kind of ['flat', 'voy', 'int8'] as const) hits[kind] += (results.get(kind) ?? []).filter((h) => want.has(h.id)).length;
    }
    const recall = (kind: VectorIndexKind) => Math.round((hits[kind] / (nq * 5)) * 1000) / 1000;
    rows.push({
      chunks: n,
      index_p50_ms: p50(ms[defaultIndex]),
      voy_p50_ms: p50(ms.voy),
      flat_p50_ms: p50(ms.flat),
      int8_p50_ms: p50(ms.int8),
      recall_at_5: recall('voy'),
      int8_recall_at_5: recall('int8'),
      default_recall_at_5: recall(defaultIndex),
      voy_build_ms: Math.round(voyBuild),
      flat_build_ms: Math.round(flatBuild),
      int8_build_ms: Math.round(int8Build),
      int8_kernel: int8.kernel,
      default_index: defaultIndex,
    });
  }
  return rows;
}

/** Measures text extraction throughput (median of `runs`) for one PDF. */
export async function benchIngest(pdfBytes: Uint8Array, extractor: PdfTextExtractor, runs = 3): Promise<{ pages_per_s: number; pages: number }> {
  const times: number[] = [];
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    pages = (await extractor.extractPages(pdfBytes)).length;
    times.push(performance.now() - t0);
  }
  return { pages, pages_per_s: Math.round((pages / (p50(times) / 1000)) * 10) / 10 };
}
