/**
 * Turns collected benchmark results into the `--json` contract (exact keys, null for sections
 * not measured) and a readable table with the goals each number is held against.
 */
import type { BenchPageResult } from '../../src/bench/protocol.ts';
import type { RetrievalQualityResult } from '../../src/core/bench/retrieval-quality-bench.ts';
import type { BundleSize } from './bench-bundle.ts';
import type { ImportBenchResult } from './bench-import.ts';
import type { StartupResult } from './bench-startup.ts';
import type { StorageResult } from './bench-storage.ts';

export interface BenchCollected {
  page?: BenchPageResult;
  bundle?: BundleSize;
  startup?: StartupResult;
  storage?: StorageResult;
  quality?: RetrievalQualityResult;
  import?: ImportBenchResult;
  /** Why a section has no numbers. */
  errors: Partial<Record<string, string>>;
}

export interface BenchJson {
  retrieval: { chunks: number; index_p50_ms: number; voy_p50_ms: number; flat_p50_ms: number; recall_at_5: number }[] | null;
  client_lookup: { clients: number; p50_ms: number }[] | null;
  ingest: { pages_per_s: number } | null;
  bundle: { initial_js_gz_kb: number } | null;
  /** Demo scale; `large`: the same questions at 100,000 clients and 20,000 passages (when measured). */
  answer_builtin: { p50_ms: number; p95_ms: number; large?: { clients: number; chunks: number; p50_ms: number; p95_ms: number } } | null;
  startup: { cold_ms: number; first_run_ms: number } | null;
  storage: { kb_per_question: number } | null;
  retrieval_quality: RetrievalQualityJson | null;
  import: { rows: number; seconds: number; max_main_thread_ms: number; peak_mb: number } | null;
}

export interface RetrievalQualityJson {
  queries: number;
  paraphrased: number;
  embedders: {
    embedder: string;
    id: string | null;
    available: boolean;
    reason?: string;
    vector_file_bytes: number;
    query_embed_p50_ms: number | null;
    ingest_pages_per_s: number | null;
    index_recall_at_5: number | null;
  }[];
  rows: { embedder: string; ranking: string; subset: string; queries: number; hit_at_1: number; hit_at_5: number; mrr: number }[];
}

function qualityJson(q: RetrievalQualityResult): RetrievalQualityJson {
  return {
    queries: q.queries,
    paraphrased: q.paraphrased,
    embedders: q.embedders.map((e) => ({
      embedder: e.label,
      id: e.id,
      available: e.available,
      ...(e.reason ? { reason: e.reason } : {}),
      vector_file_bytes: e.vector_file_bytes,
      query_embed_p50_ms: e.query_embed_p50_ms ?? null,
      ingest_pages_per_s: e.ingest_pages_per_s ?? null,
      index_recall_at_5: e.index_recall_at_5 ?? null,
    })),
    rows: q.rows.map((r) => ({
      embedder: r.embedder,
      ranking: r.ranking,
      subset: r.subset,
      queries: r.queries,
      hit_at_1: r.hitAt1,
      hit_at_5: r.hitAt5,
      mrr: r.mrr,
    })),
  };
}

/** The machine-readable result: exactly the contract's keys. */
export function toBenchJson(c: BenchCollected): BenchJson {
  const p = c.page;
  return {
    retrieval:
      p?.retrieval?.map((r) => ({
        chunks: r.chunks,
        index_p50_ms: r.index_p50_ms,
        voy_p50_ms: r.voy_p50_ms,
        flat_p50_ms: r.flat_p50_ms,
        recall_at_5: r.recall_at_5,
      })) ?? null,
    client_lookup: p?.lookup?.map((r) => ({ clients: r.clients, p50_ms: r.p50_ms })) ?? null,
    ingest: p?.ingest ? { pages_per_s: p.ingest.pages_per_s } : null,
    bundle: c.bundle ? { initial_js_gz_kb: c.bundle.initial_js_gz_kb } : null,
    answer_builtin: p?.answer
      ? {
          p50_ms: p.answer.p50_ms,
          p95_ms: p.answer.p95_ms,
          ...(p.answer.large
            ? { large: { clients: p.answer.large.clients, chunks: p.answer.large.chunks, p50_ms: p.answer.large.p50_ms, p95_ms: p.answer.large.p95_ms } }
            : {}),
        }
      : null,
    startup: c.startup ? { cold_ms: c.startup.cold_ms, first_run_ms: c.startup.first_run_ms } : null,
    retrieval_quality: c.quality ? qualityJson(c.quality) : null,
    storage: c.storage ? { kb_per_question: c.storage.kb_per_question } : null,
    import: c.import ? { rows: c.import.rows, seconds: c.import.seconds, max_main_thread_ms: c.import.max_main_thread_ms, peak_mb: c.import.peak_mb } : null,
  };
}

export interface GoalCheck {
  goal: string;
  met: boolean;
  detail: string;
}

const fmt = (x: number, digits = 2): string => (Number.isInteger(x) ? String(x) : x.toFixed(digits));

/** Checks every measured number against its goal (reported, never asserted). */
export function checkGoals(j: BenchJson): GoalCheck[] {
  const out: GoalCheck[] = [];
  const r20 = j.retrieval?.find((r) => r.chunks === 20000);
  if (r20) {
    const ratio = r20.flat_p50_ms > 0 ? r20.index_p50_ms / r20.flat_p50_ms : 1;
    const voyRatio = r20.flat_p50_ms > 0 ? r20.voy_p50_ms / r20.flat_p50_ms : 1;
    out.push({
      goal: 'retrieval @20k: index ≤ 1.5× flat',
      met: ratio <= 1.5,
      detail: `index ${fmt(ratio)}× flat (voy ${fmt(voyRatio)}× flat)`,
    });
    out.push({ goal: 'retrieval @20k: voy recall@5 ≥ 0.99', met: r20.recall_at_5 >= 0.99, detail: `recall@5 ${fmt(r20.recall_at_5, 3)}` });
  }
  const l100 = j.client_lookup?.find((r) => r.clients === 100000);
  if (l100) out.push(limit('lookup @100k p50 ≤ 2 ms', l100.p50_ms, 2, 'ms'));
  if (j.bundle) out.push(limit('initial JS ≤ 250 KB gzip', j.bundle.initial_js_gz_kb, 250, 'KB'));
  if (j.answer_builtin) out.push(limit('answer p50 ≤ 30 ms', j.answer_builtin.p50_ms, 30, 'ms'));
  if (j.answer_builtin?.large) out.push(limit('answer @100k clients, 20k passages p50 ≤ 100 ms', j.answer_builtin.large.p50_ms, 100, 'ms'));
  if (j.startup) {
    out.push(limit('cold start ≤ 1.0 s', j.startup.cold_ms, 1000, 'ms'));
    out.push(limit('first run ≤ 3 s', j.startup.first_run_ms, 3000, 'ms'));
  }
  if (j.storage) out.push(limit('storage ≤ 100 KB per question', j.storage.kb_per_question, 100, 'KB'));
  const fused = j.retrieval_quality?.rows.find((r) => r.embedder === 'word-vectors' && r.ranking === 'hybrid' && r.subset === 'paraphrase');
  if (fused) {
    out.push({ goal: 'paraphrased queries: MRR ≥ 0.75', met: fused.mrr >= 0.75, detail: `MRR ${fmt(fused.mrr, 3)} (word meaning + keywords)` });
    out.push({ goal: 'paraphrased queries: hit@5 ≥ 0.95', met: fused.hit_at_5 >= 0.95, detail: `hit@5 ${fmt(fused.hit_at_5, 3)}` });
  }
  if (j.import) {
    out.push(limit(`import ${j.import.rows} rows ≤ 10 s`, j.import.seconds, 10, 's'));
    out.push(limit('import: longest main-thread task ≤ 100 ms', j.import.max_main_thread_ms, 100, 'ms'));
    out.push(limit("import: peak memory of the app's tab ≤ 600 MB", j.import.peak_mb, 600, 'MB'));
  }
  return out;
}

function limit(goal: string, value: number, max: number, unit: string): GoalCheck {
  const met = value <= max;
  const detail = met ? `${fmt(value)} ${unit}` : `${fmt(value)} ${unit}: over by ${fmt(value - max)} ${unit} (${fmt(value / max)}×)`;
  return { goal, met, detail };
}

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((x) => (typeof x === 'number' ? fmt(x, 3) : x)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => r.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n');
}

/** The human-readable report (same numbers as the JSON, plus details). */
export function formatBenchTable(c: BenchCollected): string {
  const j = toBenchJson(c);
  const p = c.page;
  const parts: string[] = [];
  if (p)
    parts.push(
      `Measured in a dedicated worker of headless ${p.environment.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? 'browser'}, ${p.environment.hardwareConcurrency} cores, cross-origin isolated: ${p.environment.crossOriginIsolated}.`,
    );
  if (p?.retrieval) {
    parts.push(`Retrieval (${p.retrieval[0]?.default_index ?? 'flat'} is the library's index; 384-d clustered unit vectors, k=5, 50 queries):`);
    parts.push(
      table(
        ['chunks', 'index p50 ms', 'voy p50 ms', 'flat p50 ms', 'voy recall@5', 'voy build ms', 'flat build ms'],
        p.retrieval.map((r) => [r.chunks, r.index_p50_ms, r.voy_p50_ms, r.flat_p50_ms, r.recall_at_5, r.voy_build_ms, r.flat_build_ms]),
      ),
    );
  }
  if (p?.lookup) {
    parts.push('Client lookup (SqlClientStore.lookup: exact / prefix / typo mix, 300 lookups):');
    parts.push(
      table(
        ['clients', 'p50 ms', 'p95 ms', 'found', 'import ms'],
        p.lookup.map((r) => [r.clients, r.p50_ms, r.p95_ms, `${r.found}/${r.lookups}`, r.import_ms]),
      ),
    );
  }
  if (p?.ingest) parts.push(`Ingest (pdf.js text extraction of data/playbook.pdf, ${p.ingest.pages} pages): ${fmt(p.ingest.pages_per_s)} pages/s`);
  if (p?.answer) {
    const a = p.answer;
    parts.push(`Answers (built-in provider + reflection, full graph, ${a.questions} questions × ${a.passes} passes):`);
    const rows: (string | number)[][] = [
      ['demo', 'cold (reported)', a.p50_ms, a.p95_ms],
      ['demo', 'warm', a.warm_p50_ms, a.warm_p95_ms],
    ];
    const l = a.large;
    if (l)
      rows.push(
        [`${l.clients} clients, ${l.chunks} passages`, 'cold (reported)', l.p50_ms, l.p95_ms],
        [`${l.clients} clients, ${l.chunks} passages`, 'warm', l.warm_p50_ms, l.warm_p95_ms],
      );
    parts.push(table(['workspace', 'tool cache', 'p50 ms', 'p95 ms'], rows));
    parts.push(`  reflection passed ${a.passed_reflection}/${a.questions}, empty answers ${a.empty_answers}, mean attempts ${fmt(a.mean_attempts)}`);
    const b = a.cold_breakdown_ms;
    parts.push(`  cold answer, mean ms: crm_agent ${fmt(b.crm_agent)}, tools ${fmt(b.tools)}, reflection ${fmt(b.reflection)}, graph overhead ${fmt(b.graph)}`);
  }
  if (c.bundle) {
    parts.push(
      `Bundle (dist/, gzip -9, before first render): JS ${fmt(c.bundle.initial_js_gz_kb)} KB [${c.bundle.js_files.join(', ')}], CSS ${fmt(c.bundle.initial_css_gz_kb)} KB`,
    );
  }
  if (c.startup) {
    const s = c.startup;
    parts.push(
      `Startup (dist/ served with its service worker, fresh profile): first run ${s.first_run_ms} ms, cold ${s.cold_ms} ms (to ${s.cold_target}; service worker controlling: ${s.controlled})`,
    );
    const steps = (xs: StartupResult['cold_steps']) => xs.map((x) => `${x.ms} ms "${x.header}"`).join(' → ');
    parts.push(`  first run header: ${steps(s.first_run_steps)}`);
    parts.push(`  cold header: ${steps(s.cold_steps)}`);
    for (const n of s.notes) parts.push(`  note: ${n}`);
  }
  if (c.storage) {
    const s = c.storage;
    const families = Object.entries(s.by_family_kb)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${fmt(v, 1)} KB`)
      .join(', ');
    parts.push(
      `Storage (dist/, ${s.questions} questions in one conversation, IndexedDB weighed record by record): ${fmt(s.kb_per_question, 1)} KB per question (${fmt(s.before_kb, 1)} KB → ${fmt(s.after_kb, 1)} KB, ${s.records} records)`,
    );
    parts.push(`  after the run: ${families}`);
  }
  if (j.retrieval_quality) {
    const q = j.retrieval_quality;
    parts.push(`Retrieval quality (Node; ${q.queries} labelled queries, ${q.paraphrased} paraphrased; data/eval/retrieval-quality.json):`);
    parts.push(
      table(
        ['embedder', 'ranking', 'subset', 'n', 'hit@1', 'hit@5', 'MRR'],
        q.rows.map((r) => [r.embedder, r.ranking, r.subset, r.queries, r.hit_at_1, r.hit_at_5, r.mrr]),
      ),
    );
    parts.push(
      table(
        ['embedder', 'id', 'file bytes', 'query p50 ms', 'ingest pages/s', 'int8 recall@5'],
        q.embedders.map((e) => [
          e.embedder,
          e.id ?? `not available: ${e.reason ?? ''}`,
          e.vector_file_bytes,
          e.query_embed_p50_ms ?? '-',
          e.ingest_pages_per_s ?? '-',
          e.index_recall_at_5 ?? '-',
        ]),
      ),
    );
    parts.push('  (The tiny BERT under public/models/fixture/ is a test double with a 34-word vocabulary, not an embedder: it is not measured.)');
  }
  if (c.import) {
    const i = c.import;
    parts.push(
      `Import (dist/, Clients page, ${i.rows} rows, ${i.file_mb} MB CSV): ${i.seconds} s (reading and checking ${i.prepare_s} s, applying and saving ${i.apply_s} s); longest main-thread task ${i.max_main_thread_ms} ms (${i.long_tasks} tasks over 50 ms); memory of the app's tab ${i.baseline_mb} MB at rest, ${i.peak_mb} MB at peak; whole browser (every process) ${i.browser_baseline_mb} MB at rest, ${i.browser_peak_mb} MB at peak`,
    );
  }
  for (const [section, message] of Object.entries(c.errors)) parts.push(`${section}: NOT MEASURED: ${message}`);
  const goals = checkGoals(j);
  if (goals.length) {
    parts.push('Goals (reported, not asserted):');
    for (const g of goals) parts.push(`  ${g.met ? 'met   ' : 'MISSED'}  ${g.goal}: ${g.detail}`);
  }
  return parts.join('\n');
}
