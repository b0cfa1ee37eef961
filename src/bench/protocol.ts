/**
 * The benchmark page's contract with `scripts/bench.ts`: which sections run in the browser, the
 * worker's API, and what the page leaves on `window` when it is done. Plain types, no DOM.
 */
import type { AnswerBenchResult } from '../core/bench/answer-bench.ts';
import type { LookupBenchRow } from '../core/bench/lookup-bench.ts';
import type { RetrievalBenchRow } from '../core/bench/retrieval-bench.ts';
import type { AppErrorData } from '../core/errors.ts';

/** Sections measured inside the bench worker. */
export const WORKER_SECTIONS = ['retrieval', 'lookup', 'ingest', 'answer'] as const;
export type WorkerSection = (typeof WORKER_SECTIONS)[number];

export interface IngestBenchResult {
  pages_per_s: number;
  pages: number;
}

/** What the bench worker exposes (each call runs the benchmark inside the worker). */
export interface BenchApi {
  retrieval(sizes: number[]): Promise<RetrievalBenchRow[]>;
  lookup(sizes: number[]): Promise<LookupBenchRow[]>;
  ingest(): Promise<IngestBenchResult>;
  answer(): Promise<AnswerBenchResult>;
  /** Where the numbers were measured. */
  environment(): Promise<BenchEnvironment>;
}

export interface BenchEnvironment {
  userAgent: string;
  hardwareConcurrency: number;
  /** True when the page is cross-origin isolated (finer performance.now() resolution). */
  crossOriginIsolated: boolean;
}

export interface BenchPageResult {
  environment: BenchEnvironment;
  retrieval?: RetrievalBenchRow[];
  lookup?: LookupBenchRow[];
  ingest?: IngestBenchResult;
  answer?: AnswerBenchResult;
  /** Wall time of each section in the worker, ms. */
  section_ms: Partial<Record<WorkerSection, number>>;
}

/** Globals the page sets for the driver to read. */
export interface BenchWindow {
  __benchResult?: BenchPageResult;
  __benchError?: AppErrorData;
}

export const RETRIEVAL_SIZES = [1000, 5000, 20000];
export const LOOKUP_SIZES = [60, 10_000, 100_000];

/** Parses the page's `?only=` parameter; empty or missing means every worker section. */
export function parseWorkerSections(param: string | null): WorkerSection[] {
  if (!param) return [...WORKER_SECTIONS];
  const wanted = new Set(param.split(',').map((s) => s.trim()));
  return WORKER_SECTIONS.filter((s) => wanted.has(s));
}
