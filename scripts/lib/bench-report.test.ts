import { describe, expect, it } from 'vitest';
import type { BenchPageResult } from '../../src/bench/protocol.ts';
import { checkGoals, formatBenchTable, toBenchJson, type BenchCollected } from './bench-report.ts';

const page: BenchPageResult = {
  environment: { userAgent: 'Mozilla/5.0 HeadlessChrome/156.0.0.0', hardwareConcurrency: 2, crossOriginIsolated: true },
  retrieval: [20000].map((chunks) => ({
    chunks,
    index_p50_ms: 19.2,
    voy_p50_ms: 26,
    flat_p50_ms: 19.2,
    recall_at_5: 1,
    default_recall_at_5: 1,
    voy_build_ms: 12000,
    flat_build_ms: 100,
    default_index: 'flat' as const,
  })),
  lookup: [{ clients: 100000, p50_ms: 0.19, p95_ms: 16, found: 196, lookups: 300, import_ms: 26000 }],
  ingest: { pages_per_s: 52.4, pages: 9 },
  answer: {
    p50_ms: 45.85,
    p95_ms: 186,
    warm_p50_ms: 23.7,
    warm_p95_ms: 121,
    questions: 13,
    passes: 3,
    passed_reflection: 13,
    empty_answers: 0,
    mean_attempts: 1,
    cold_breakdown_ms: { understand: 1, crm_agent: 20, tools: 10, reflection: 5, graph: 10 },
  },
  section_ms: {},
};

describe('toBenchJson', () => {
  it('keeps exactly the contract keys, with null for sections not measured', () => {
    const json = toBenchJson({ page, bundle: { initial_js_gz_kb: 120.5, initial_css_gz_kb: 3, js_files: [], css_files: [] }, errors: {} });
    expect(Object.keys(json)).toEqual([
      'retrieval',
      'client_lookup',
      'ingest',
      'bundle',
      'answer_builtin',
      'startup',
      'retrieval_quality',
      'storage',
      'import',
    ]);
    expect(json.retrieval).toEqual([{ chunks: 20000, index_p50_ms: 19.2, voy_p50_ms: 26, flat_p50_ms: 19.2, recall_at_5: 1 }]);
    expect(json.client_lookup).toEqual([{ clients: 100000, p50_ms: 0.19 }]);
    expect(json.ingest).toEqual({ pages_per_s: 52.4 });
    expect(json.bundle).toEqual({ initial_js_gz_kb: 120.5 });
    expect(json.answer_builtin).toEqual({ p50_ms: 45.85, p95_ms: 186 });
    expect(json.startup).toBeNull();
    expect(json.retrieval_quality).toBeNull();
    expect(json.storage).toBeNull();
    expect(json.import).toBeNull();
  });

  it('reports storage growth per question as kb_per_question', () => {
    const storage = { questions: 20, kb_per_question: 42.5, before_kb: 300, after_kb: 1150, by_family_kb: { checkpoints: 200 }, records: 40 };
    expect(toBenchJson({ storage, errors: {} }).storage).toEqual({ kb_per_question: 42.5 });
    const goal = checkGoals(toBenchJson({ storage: { ...storage, kb_per_question: 1500 }, errors: {} })).find((g) => g.goal.startsWith('storage'));
    expect(goal).toMatchObject({ met: false, detail: expect.stringContaining('over by 1400 KB') });
    expect(formatBenchTable({ storage, errors: {} })).toContain('42.5 KB per question (300 KB → 1150 KB, 40 records)');
  });

  it('reports retrieval quality per embedder, ranking and subset, and checks the paraphrase goals', () => {
    const quality: BenchCollected['quality'] = {
      queries: 99,
      paraphrased: 88,
      embedders: [
        {
          label: 'word-vectors',
          id: 'word-vectors-sif-100d-5',
          available: true,
          dims: 100,
          vector_file_bytes: 5_000_000,
          query_embed_p50_ms: 0.02,
          ingest_pages_per_s: 15,
          index_recall_at_5: 1,
        },
        { label: 'minilm', id: null, available: false, reason: 'not found', vector_file_bytes: 0 },
      ],
      rows: [{ embedder: 'word-vectors', ranking: 'hybrid', subset: 'paraphrase', queries: 88, hitAt1: 0.6, hitAt5: 0.96, mrr: 0.7 }],
    };
    const json = toBenchJson({ quality, errors: {} });
    expect(json.retrieval_quality).toEqual({
      queries: 99,
      paraphrased: 88,
      embedders: [
        {
          embedder: 'word-vectors',
          id: 'word-vectors-sif-100d-5',
          available: true,
          vector_file_bytes: 5_000_000,
          query_embed_p50_ms: 0.02,
          ingest_pages_per_s: 15,
          index_recall_at_5: 1,
        },
        {
          embedder: 'minilm',
          id: null,
          available: false,
          reason: 'not found',
          vector_file_bytes: 0,
          query_embed_p50_ms: null,
          ingest_pages_per_s: null,
          index_recall_at_5: null,
        },
      ],
      rows: [{ embedder: 'word-vectors', ranking: 'hybrid', subset: 'paraphrase', queries: 88, hit_at_1: 0.6, hit_at_5: 0.96, mrr: 0.7 }],
    });
    expect(checkGoals(json).map((g) => [g.goal, g.met])).toEqual([
      ['paraphrased queries: MRR ≥ 0.75', false],
      ['paraphrased queries: hit@5 ≥ 0.95', true],
    ]);
    expect(formatBenchTable({ quality, errors: {} })).toMatch(/not available: not found/);
  });

  it('reports the import section with exactly its contract keys', () => {
    const json = toBenchJson({
      import: {
        rows: 100000,
        seconds: 8.5,
        prepare_s: 4,
        apply_s: 4.5,
        max_main_thread_ms: 40,
        long_tasks: 0,
        peak_mb: 420,
        baseline_mb: 250,
        browser_peak_mb: 900,
        browser_baseline_mb: 640,
        file_mb: 11.2,
      },
      errors: {},
    });
    expect(json.import).toEqual({ rows: 100000, seconds: 8.5, max_main_thread_ms: 40, peak_mb: 420 });
    const goals = checkGoals(json);
    expect(goals.filter((g) => g.goal.startsWith('import')).every((g) => g.met)).toBe(true);
  });
});

describe('goals and table', () => {
  const collected: BenchCollected = {
    page,
    startup: {
      first_run_ms: 2500,
      cold_ms: 1400,
      controlled: true,
      cold_target: 'chat',
      first_run_steps: [{ ms: 120, header: 'Loading clients…' }],
      cold_steps: [],
      notes: [],
    },
    errors: { bundle: 'dist/index.html is missing' },
  };

  it('says which goals are missed and by how much', () => {
    const goals = checkGoals(toBenchJson(collected));
    const byGoal = Object.fromEntries(goals.map((g) => [g.goal, g]));
    expect(byGoal['answer p50 ≤ 30 ms']).toMatchObject({ met: false, detail: expect.stringContaining('over by 15.85 ms') });
    expect(byGoal['cold start ≤ 1.0 s']).toMatchObject({ met: false, detail: expect.stringContaining('over by 400 ms') });
    expect(byGoal['first run ≤ 3 s'].met).toBe(true);
    expect(byGoal['lookup @100k p50 ≤ 2 ms'].met).toBe(true);
    expect(byGoal['retrieval @20k: index ≤ 1.5× flat'].met).toBe(true);
  });

  it('prints the same numbers as the JSON and the sections that were not measured', () => {
    const text = formatBenchTable(collected);
    expect(text).toMatch(/20000\s+19\.200\s+26\s+19\.200\s+1\b/);
    expect(text).toMatch(/cold \(reported\)\s+45\.850\s+186/);
    expect(text).toContain('first run 2500 ms, cold 1400 ms');
    expect(text).toContain('first run header: 120 ms "Loading clients…"');
    expect(text).toContain('bundle: NOT MEASURED: dist/index.html is missing');
  });
});
