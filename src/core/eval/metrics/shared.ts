/** Inputs and helpers shared by every metric. */
import type { Embedder } from '../../playbook/types.ts';
import type { ChatProvider } from '../../providers/types.ts';

/** One answered case, as the metrics see it (RAGAS: user_input, response, retrieved_contexts, reference...). */
export interface MetricInput {
  question: string;
  answer: string;
  /** Retrieved contexts, in retrieval order (the tool results of the answer). */
  contexts: string[];
  ground_truth: string;
  /** Reference contexts from the dataset. */
  expected_contexts: string[];
}

export interface LlmDeps {
  judge: ChatProvider;
  embedder: Embedder;
  signal?: AbortSignal;
}

/** Relevance threshold of the non-LLM string-similarity metrics (RAGAS default). */
export const STRING_THRESHOLD = 0.5;

/**
 * RAGAS average precision over ranked relevance verdicts:
 * Σ_k (precision@k × v_k) / Σ_k v_k, and 0 when nothing is relevant.
 */
export function averagePrecision(verdicts: readonly (0 | 1)[]): number {
  let relevant = 0;
  let sum = 0;
  verdicts.forEach((v, i) => {
    relevant += v;
    if (v) sum += relevant / (i + 1);
  });
  return relevant === 0 ? 0 : sum / relevant;
}

/** Caps prompt inputs so a huge tool result cannot blow the judge's context. */
export function clip(text: string, max = 4000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
