/**
 * Feedback as JSONL datasets in TRL's formats: preference pairs `{prompt, chosen, rejected}` for
 * RewardTrainer / DPOTrainer, and unpaired `{prompt, completion, label}` for KTOTrainer.
 */
import type { FeedbackRecord } from './records.ts';

export interface PreferencePair {
  prompt: string;
  chosen: string;
  rejected: string;
}
export interface KtoExample {
  prompt: string;
  completion: string;
  label: boolean;
}

function tokens(s: string): Set<string> {
  return new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Jaccard similarity of word sets, to pair a rejected answer with a correct one to a similar prompt. */
export function promptSimilarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  const union = ta.size + tb.size - inter;
  return union === 0 ? 0 : inter / union;
}

/**
 * One pair per rejected answer: chosen = the rep's correction when given, otherwise the correct
 * answer whose prompt is most similar (at least `minSimilarity`); unpaired rejections are skipped.
 */
export function toPreferencePairs(records: readonly FeedbackRecord[], minSimilarity = 0.3): PreferencePair[] {
  const good = records.filter((r) => r.correctness);
  const pairs: PreferencePair[] = [];
  for (const bad of records.filter((r) => !r.correctness)) {
    if (bad.correction && bad.correction !== bad.crm_output) {
      pairs.push({ prompt: bad.user_input, chosen: bad.correction, rejected: bad.crm_output });
      continue;
    }
    let best: FeedbackRecord | undefined;
    let bestScore = minSimilarity;
    for (const g of good) {
      const s = promptSimilarity(bad.user_input, g.user_input);
      if (s >= bestScore) [best, bestScore] = [g, s];
    }
    if (best) pairs.push({ prompt: bad.user_input, chosen: best.crm_output, rejected: bad.crm_output });
  }
  return pairs;
}

/** Every answer with its thumbs label, plus each correction as a desirable completion. */
export function toKtoExamples(records: readonly FeedbackRecord[]): KtoExample[] {
  const out: KtoExample[] = [];
  for (const r of records) {
    out.push({ prompt: r.user_input, completion: r.crm_output, label: r.correctness });
    if (!r.correctness && r.correction) out.push({ prompt: r.user_input, completion: r.correction, label: true });
  }
  return out;
}

export function toJsonl(rows: readonly object[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

/** Both files, keyed by the file name `--export-trl DIR` writes. */
export function exportTrl(records: readonly FeedbackRecord[]): Record<'preference.jsonl' | 'kto.jsonl', string> {
  return { 'preference.jsonl': toJsonl(toPreferencePairs(records)), 'kto.jsonl': toJsonl(toKtoExamples(records)) };
}
