/**
 * Feedback records in the original project's `rlhf.json` format, with validation that names the
 * offending item and field, plus import/export helpers.
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AnswerRecord } from '../agents/types.ts';

export const feedbackRecordSchema = z.object({
  user_input: z.string().trim().min(1),
  crm_output: z.string(),
  tool_calls_made: z.array(z.string().min(1)),
  reflection_output: z.string(),
  correctness: z.boolean(),
  /** Text of the tool results the answer could draw on (AnswerRecord.contexts). */
  tool_results: z.array(z.string()).optional(),
  /** The rep's corrected answer, when they gave one with a thumbs-down. */
  correction: z.string().optional(),
  /** The built-in reviewer's verdict on this answer when it was rated (a trained critic's doubt not counted). */
  review: z.enum(['pass', 'retry']).optional(),
  id: z.string().optional(),
  created_at: z.string().optional(),
});

export type FeedbackRecord = z.infer<typeof feedbackRecordSchema>;

/** A feedback file: a bare array of records, or `{ "examples": [...] }`. */
export const feedbackFileSchema = z.union([z.array(feedbackRecordSchema), z.object({ examples: z.array(feedbackRecordSchema) })]);

function describeIssue(root: unknown, issue: z.core.$ZodIssue): AppError {
  const path = issue.path.map(String);
  // Paths look like [index, field] for arrays and ['examples', index, field] for the object form.
  const offset = !Array.isArray(root) && path[0] === 'examples' ? 1 : 0;
  const index = path.length > offset ? Number(path[offset]) : NaN;
  const field = path.slice(offset + 1).join('.') || '(record)';
  if (Number.isInteger(index)) {
    return new AppError('bad-feedback', `Feedback item ${index}: field "${field}" ${issue.message.toLowerCase()}.`, {
      index,
      field,
    });
  }
  return new AppError('bad-feedback', `Feedback file must be an array of records or {"examples": [...]}: ${issue.message}.`);
}

/** Validates parsed JSON as a feedback file; throws `bad-feedback` naming item index and field. */
export function parseFeedback(data: unknown): FeedbackRecord[] {
  const candidate = Array.isArray(data) ? data : typeof data === 'object' && data !== null && 'examples' in data ? data : null;
  if (candidate === null) {
    throw new AppError('bad-feedback', 'Feedback file must be an array of records or {"examples": [...]}.');
  }
  const schema = Array.isArray(candidate) ? z.array(feedbackRecordSchema) : z.object({ examples: z.array(feedbackRecordSchema) });
  const result = schema.safeParse(candidate);
  if (!result.success) throw describeIssue(candidate, result.error.issues[0]);
  return Array.isArray(result.data) ? result.data : result.data.examples;
}

/** Parses feedback file text (JSON); bad JSON and bad records both give `bad-feedback`. */
export function parseFeedbackText(text: string): FeedbackRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AppError('bad-feedback', `Feedback file is not valid JSON: ${err instanceof Error ? err.message : 'parse error'}.`);
  }
  return parseFeedback(data);
}

/** Serializes records as the original's file format (a pretty-printed array). */
export function exportFeedback(records: readonly FeedbackRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** Turns an answer plus a rep's thumbs up/down (and optional correction) into a feedback record. */
export function recordFromAnswer(answer: AnswerRecord, feedback: { correct: boolean; correction?: string; id?: string; now?: Date }): FeedbackRecord {
  const last = answer.reflections.at(-1);
  // A critic-only doubt means the checks themselves passed the answer.
  const review = last ? (last.critic?.doubt ? 'pass' : last.verdict) : undefined;
  const record: FeedbackRecord = {
    user_input: answer.question,
    crm_output: answer.answer,
    tool_calls_made: answer.tool_calls.map((c) => c.name),
    reflection_output: last ? `${last.verdict}: ${last.feedback}` : '',
    correctness: feedback.correct,
    tool_results: answer.contexts.slice(),
    created_at: (feedback.now ?? new Date()).toISOString(),
    ...(review ? { review } : {}),
  };
  if (feedback.correction?.trim()) record.correction = feedback.correction.trim();
  if (feedback.id) record.id = feedback.id;
  return record;
}
