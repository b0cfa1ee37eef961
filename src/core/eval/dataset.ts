/** Loading and validating the evaluation dataset (`data/eval/test_dataset.json`). */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { EvalCase } from './types.ts';

export const KNOWN_TOOLS = ['search_clients', 'search_playbook'] as const;

const CaseSchema = z.object({
  question: z.string().trim().min(1, 'must be a non-empty string'),
  ground_truth: z.string().trim().min(1, 'must be a non-empty string'),
  expected_tools: z.array(z.enum(KNOWN_TOOLS, { message: `must list only ${KNOWN_TOOLS.join(' / ')}` })),
  expected_contexts: z.array(z.string().trim().min(1, 'must not contain empty strings')).min(1, 'needs at least one string'),
  category: z.string().optional(),
  history: z.array(z.string().trim().min(1, 'must not contain empty questions')).optional(),
});

const DatasetSchema = z.array(CaseSchema).min(1, 'the dataset has no cases');

/**
 * Validates parsed JSON as a dataset; throws AppError('bad-dataset') naming the first bad case
 * index and field (e.g. "case 3, expected_tools[0]: must list only ...").
 */
export function parseDataset(data: unknown): EvalCase[] {
  const parsed = DatasetSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const [index, ...field] = issue.path;
  if (typeof index !== 'number') {
    throw new AppError('bad-dataset', `The dataset must be a JSON array of cases: ${issue.message}.`);
  }
  const fieldPath = field.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  throw new AppError('bad-dataset', `Bad dataset: case ${index}, ${fieldPath || 'case'}: ${issue.message}.`, {
    case: index,
    field: fieldPath || null,
  });
}

/** Parses dataset JSON text; malformed JSON is AppError('bad-dataset') too. */
export function parseDatasetText(text: string): EvalCase[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AppError('bad-dataset', `The dataset is not valid JSON: ${err instanceof Error ? err.message : 'parse error'}.`);
  }
  return parseDataset(data);
}
