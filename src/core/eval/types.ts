/**
 * Shapes of the evaluation: dataset cases, metric results, per-case results and the run report
 * (`npm run eval -- --json`, the Evaluate page and the run history all use these).
 */
import type { AnswerRecord } from '../agents/types.ts';

/** One test case in the original project's `test_dataset.json` format. */
export interface EvalCase {
  question: string;
  ground_truth: string;
  /** Tool names the co-pilot should call: `search_clients` and/or `search_playbook`. */
  expected_tools: string[];
  /** Short strings that appear in the client record text or playbook passage the answer needs. */
  expected_contexts: string[];
  /** Optional label used to group cases in reports (e.g. 'policy', 'typo'). */
  category?: string;
  /** Earlier questions of the same conversation, asked first (for follow-ups like "when is their renewal?"). */
  history?: string[];
}

export const METRIC_NAMES = ['faithfulness', 'answer_relevancy', 'context_precision', 'context_recall', 'answer_correctness'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * Which implementation produced a number:
 * - 'llm': the RAGAS LLM-judge formula (judge asked for JSON);
 * - 'non-llm-string': RAGAS' non-LLM string-similarity form (normalized Levenshtein vs `expected_contexts`);
 * - 'deterministic-standin': our offline stand-in where RAGAS has no non-LLM form.
 */
export type MetricVariant = 'llm' | 'non-llm-string' | 'deterministic-standin';

export interface MetricResult {
  score: number;
  variant: MetricVariant;
  /** Small human-readable breakdown (counts, verdicts) so a number can be explained. */
  details?: Record<string, string | number | boolean | null>;
  /** Why an LLM variant fell back to the offline one for this case. */
  fallback_reason?: string;
}

export type CaseScores = Record<MetricName, number>;

export interface CaseResult {
  question: string;
  ground_truth: string;
  answer: string;
  expected_tools: string[];
  tools_used: string[];
  /** Same set of tools as expected (every expected tool used, no unexpected one). */
  tool_match: boolean;
  scores: CaseScores;
  variants: Record<MetricName, MetricVariant>;
  details: Partial<Record<MetricName, MetricResult['details']>>;
  /** Mean of the five metric scores of this case. */
  overall: number;
  ms: number;
  category?: string;
  /** The co-pilot's full answer record (absent when answering failed). */
  record?: AnswerRecord;
  /** Set when answering failed; every score of the case is then 0. */
  error?: { code: string; message: string };
}

export type Quality = 'Excellent' | 'Good' | 'Fair' | 'Poor';

export interface EvalAverages extends CaseScores {
  /** Mean of the five metric averages. */
  overall: number;
}

export interface EvalReport {
  averages: EvalAverages;
  /** Variant that produced each metric's numbers; 'mixed' when some cases fell back from 'llm'. */
  variants: Record<MetricName, MetricVariant | 'mixed'>;
  quality: Quality;
  /** Fraction of cases whose tools_used matched expected_tools. */
  tool_selection_accuracy: number;
  /** Fraction of answers that applied every condition of their question (vacuously true without one). */
  conditions_applied?: number;
  /** Answers whose question carried at least one condition over the client book. */
  answers_with_conditions?: number;
  cases: CaseResult[];
  started_at: string;
  finished_at: string;
  /** Provider (and model) that answered, e.g. 'builtin/rules'. */
  provider: string;
  /** Judge that scored, e.g. 'openai/gpt-4o-mini', or 'offline' for the non-LLM variants. */
  judge: string;
  /** Embedder behind the similarity numbers (answer relevancy, answer correctness). */
  embedder: string;
}

export interface EvalProgress {
  phase: 'answering' | 'scoring' | 'done';
  /** Cases fully scored so far. */
  done: number;
  total: number;
  question: string;
  /** The case just finished (phase 'done'). */
  result?: CaseResult;
}
export type EvalProgressCallback = (p: EvalProgress) => void;

/** The function that answers one question (the graph runner, a worker proxy, or a fake in tests). */
export type AnswerFn = (question: string, signal?: AbortSignal, history?: readonly string[]) => Promise<AnswerRecord>;
