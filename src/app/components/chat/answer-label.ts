/**
 * Who wrote and who checked an answer, in words. The runner fills `written_by` / `reviewed_by`;
 * answers saved before it did are labelled from `provider`, `notice` and the verdicts.
 */
import type { AnswerRecord } from '../../../core/agents/types.ts';

const PROVIDER_NAMES: Record<string, string> = {
  builtin: 'Built-in',
  openai: 'OpenAI-compatible model',
  webllm: 'Local model (WebLLM)',
};

/** "Built-in", "gpt-4o-mini", "Built-in, because the API key was rejected". */
export function writtenBy(record: AnswerRecord): string {
  if (record.written_by?.trim()) return record.written_by.trim();
  const name = PROVIDER_NAMES[record.provider ?? 'builtin'] ?? record.provider ?? 'Built-in';
  const reason = record.notice ? /\bbecause\s+(.+?)\.?$/i.exec(record.notice.trim())?.[1] : undefined;
  return reason ? `${name}, because ${reason}` : name;
}

/** "Built-in checks", "Built-in checks + trained critic", "TinyLlama". */
export function reviewedBy(record: AnswerRecord): string {
  if (record.reviewed_by?.trim()) return record.reviewed_by.trim();
  const critic = record.reflections.some((r) => r.critic_score !== undefined);
  return critic ? 'Built-in checks + trained critic' : 'Built-in checks';
}

/** True when the chosen model did not write the answer (a fallback): the label is shown as a warning. */
export function isFallback(record: AnswerRecord): boolean {
  return /\bbecause\b/i.test(writtenBy(record));
}

/** The one-line label under an answer. */
export function answerLabel(record: AnswerRecord): string {
  return `Written by ${writtenBy(record)} · checked by ${reviewedBy(record)}`;
}
