/**
 * Answer latency benchmark: the full co-pilot graph (built-in provider, built-in reflection,
 * real tools) over a client store and a playbook index. Tool caches are dropped before every
 * cold-cache question, so the reported p50/p95 include the real lookups and searches.
 */
import { createCopilot } from '../agents/copilot.ts';
import type { TraceStep } from '../agents/types.ts';
import { answerQuestion } from '../agents/runner.ts';
import type { ClientStore } from '../clients/types.ts';
import type { PdfPageText, PdfTextExtractor } from '../playbook/pdf-text.ts';
import type { PlaybookIndex } from '../playbook/types.ts';
import { mulberry32 } from '../prng.ts';

/** The original README's three example questions. */
export const README_QUESTIONS: readonly string[] = [
  'How much has TechGiant spent so far?',
  'What is our policy on discussing 2026 pricing?',
  'I have a meeting with TechGiant. Based on their spending and industry, what product should I pitch?',
];

/** Ten more, one per other category: approvals, typos, unknown clients, lists, aggregates, renewals, meetings... */
export const EXTRA_QUESTIONS: readonly string[] = [
  'Can I give RetailCo a 15% discount?',
  'How much has Techgiant Lab spent?',
  'What is Acme Widgets spending?',
  'How many Healthcare clients do we have?',
  'Prepare me for my meeting with GreenLeaf Grocers',
  'Which clients in the EMEA region have an open escalation?',
  'Which clients renew in the next 90 days?',
  'Who is the account manager for FinServe Capital and what are their payment terms?',
  'Can we use MediCore Health as a customer reference?',
  'What is the total year-to-date spend of our Logistics clients?',
];

/** Every question the benchmark asks (13). */
export const BENCH_QUESTIONS: readonly string[] = [...README_QUESTIONS, ...EXTRA_QUESTIONS];

export interface AnswerBenchDeps {
  clients: ClientStore;
  playbook: PlaybookIndex;
  /** ISO "today" for renewal windows (fixed so runs are comparable). */
  today?: string;
}

export interface AnswerBenchOptions {
  /** Timed passes over all questions (at least 3). */
  passes?: number;
  /** Called after each timed pass, for progress logs. */
  onPass?: (mode: 'cold' | 'warm', pass: number) => void;
}

export interface AnswerBenchResult {
  /** Cold tool cache: caches are invalidated before every question. */
  p50_ms: number;
  p95_ms: number;
  /** Warm tool cache: the same questions again without invalidation. */
  warm_p50_ms: number;
  warm_p95_ms: number;
  questions: number;
  passes: number;
  /** Answers whose last reflection verdict was "pass" (in the warm-up pass). */
  passed_reflection: number;
  /** Questions that produced an empty answer (in the warm-up pass). */
  empty_answers: number;
  /** Mean graph attempts per question (retries after reflection add to the time). */
  mean_attempts: number;
  /**
   * Where a cold-cache answer's time goes, mean ms per question: each graph node (from the
   * answer's trace) and `graph`, the rest (LangGraph compile, scheduling, checkpoints).
   */
  cold_breakdown_ms: Record<TraceStep['node'] | 'graph', number>;
  /** The same questions over a large workspace (the demo data plus synthetic clients and passages). */
  large?: LargeAnswerBench;
}

/** `answer_builtin` at scale: the demo book and playbook grown with synthetic clients and passages. */
export interface LargeAnswerBench {
  clients: number;
  chunks: number;
  p50_ms: number;
  p95_ms: number;
  warm_p50_ms: number;
  warm_p95_ms: number;
  passed_reflection: number;
}

const TOPIC_WORDS = (
  'account renewal pricing discount trial campaign budget invoice contract proposal approval region manager ' +
  'quarter forecast pipeline audience creative placement reporting analytics onboarding escalation support ' +
  'partner reseller procurement tender compliance privacy data retention security review legal finance ' +
  'travel retail healthcare logistics media electronics software automotive energy education hospitality'
).split(' ');

/**
 * Synthetic playbook pages, one heading and one ~600-character paragraph each (one passage per
 * page after chunking), on mixed sales topics: the bulk a large company handbook adds.
 */
export function syntheticPlaybookPages(count: number, seed = 7): PdfPageText[] {
  const rand = mulberry32(seed);
  const word = () => TOPIC_WORDS[Math.floor(rand() * TOPIC_WORDS.length)];
  const pages: PdfPageText[] = [];
  for (let i = 0; i < count; i++) {
    const heading = `Guideline ${i + 1}: ${word()} ${word()}`;
    const sentences: string[] = [];
    while (sentences.join(' ').length < 600)
      sentences.push(`Reps should ${word()} the ${word()} ${word()} before the ${word()} ${word()} is agreed with the client.`);
    const text = sentences.join(' ');
    pages.push({
      page: i + 1,
      text: `${heading}\n${text}`,
      lines: [heading, text],
      blocks: [
        { kind: 'heading', text: heading },
        { kind: 'text', text },
      ],
    });
  }
  return pages;
}

/** An extractor that returns synthetic pages for `marker` bytes and defers to `real` otherwise. */
export function withSyntheticDocument(real: PdfTextExtractor, marker: Uint8Array, pages: PdfPageText[]): PdfTextExtractor {
  return {
    extractPages: (bytes, opts) =>
      bytes === marker || (bytes.length === marker.length && bytes.every((b, i) => b === marker[i])) ? Promise.resolve(pages) : real.extractPages(bytes, opts),
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * Answers every question once untimed (JIT warm-up), then times `passes` cold-cache passes, fills
 * the caches with one untimed pass and times `passes` warm-cache passes. Times are per question.
 */
export async function benchAnswers(
  deps: AnswerBenchDeps,
  questions: readonly string[] = BENCH_QUESTIONS,
  opts: AnswerBenchOptions = {},
): Promise<AnswerBenchResult> {
  const passes = Math.max(3, opts.passes ?? 3);
  const built = createCopilot({ clients: deps.clients, playbook: deps.playbook, today: deps.today });
  const { tools, deps: copilot } = built;

  let passed = 0;
  let empty = 0;
  let attempts = 0;
  for (const q of questions) {
    const record = await answerQuestion(q, copilot);
    if (record.reflections.at(-1)?.verdict === 'pass') passed++;
    if (!record.answer.trim()) empty++;
    attempts += record.attempts;
  }

  const breakdown = { understand: 0, crm_agent: 0, tools: 0, reflection: 0, graph: 0 };
  const timePasses = async (mode: 'cold' | 'warm'): Promise<number[]> => {
    const times: number[] = [];
    for (let pass = 1; pass <= passes; pass++) {
      for (const q of questions) {
        if (mode === 'cold') tools.invalidate();
        const t0 = performance.now();
        const record = await answerQuestion(q, copilot);
        const ms = performance.now() - t0;
        times.push(ms);
        if (mode === 'cold') {
          let inNodes = 0;
          for (const step of record.trace ?? []) {
            breakdown[step.node] += step.ms;
            inNodes += step.ms;
          }
          breakdown.graph += ms - inNodes;
        }
      }
      opts.onPass?.(mode, pass);
    }
    return times.sort((a, b) => a - b);
  };
  const cold = await timePasses('cold');
  // Fill the caches for every question (cold passes left only the last one's entries), then time.
  for (const q of questions) await answerQuestion(q, copilot);
  const warm = await timePasses('warm');

  return {
    p50_ms: round(percentile(cold, 0.5)),
    p95_ms: round(percentile(cold, 0.95)),
    warm_p50_ms: round(percentile(warm, 0.5)),
    warm_p95_ms: round(percentile(warm, 0.95)),
    questions: questions.length,
    passes,
    passed_reflection: passed,
    empty_answers: empty,
    mean_attempts: questions.length ? round(attempts / questions.length) : 0,
    cold_breakdown_ms: {
      understand: round(breakdown.understand / cold.length),
      crm_agent: round(breakdown.crm_agent / cold.length),
      tools: round(breakdown.tools / cold.length),
      reflection: round(breakdown.reflection / cold.length),
      graph: round(breakdown.graph / cold.length),
    },
  };
}

/** Times the questions over a large workspace (see `LargeAnswerBench`); fewer passes, same method. */
export async function benchLargeAnswers(
  deps: AnswerBenchDeps,
  questions: readonly string[] = BENCH_QUESTIONS,
  opts: AnswerBenchOptions = {},
): Promise<LargeAnswerBench> {
  const r = await benchAnswers(deps, questions, { ...opts, passes: Math.max(3, opts.passes ?? 3) });
  const [clients, stats] = await Promise.all([deps.clients.count(), deps.playbook.stats()]);
  return {
    clients,
    chunks: stats.chunks,
    p50_ms: r.p50_ms,
    p95_ms: r.p95_ms,
    warm_p50_ms: r.warm_p50_ms,
    warm_p95_ms: r.warm_p95_ms,
    passed_reflection: r.passed_reflection,
  };
}
