/**
 * What checking a new critic version needs from the app: the shipped example ratings, and the
 * workspace and evaluation questions to score without and with it in the evaluation worker.
 */
import { AppError } from '../../core/errors.ts';
import type { EvalRunOptions } from '../../core/eval/host.ts';
import { parseDatasetText } from '../../core/eval/dataset.ts';
import type { EvalCase } from '../../core/eval/types.ts';
import { parseFeedbackText, type FeedbackRecord } from '../../core/rlhf/records.ts';
import type { EvalEngineWorker } from '../../../workers/eval.ts';
import { workspace } from './workspace.svelte.ts';
import examplesUrl from '../../../data/rlhf/rlhf.json?url';
import datasetUrl from '../../../data/eval/test_dataset.json?url';

async function fetchText(url: string, what: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new AppError('internal', `The ${what} could not be loaded (${res.status}).`);
  return res.text();
}

/** The example ratings shipped with the app (every new version is checked on the ones it did not learn from). */
export async function loadExampleRatings(): Promise<FeedbackRecord[]> {
  return parseFeedbackText(await fetchText(examplesUrl, 'example ratings'));
}

/** The evaluation questions, the workspace bytes to answer them over, and a fresh evaluation worker. */
export async function evaluationInputs(): Promise<{ cases: EvalCase[]; options: EvalRunOptions; engine: EvalEngineWorker }> {
  if (workspace.status !== 'ready') throw new AppError('internal', 'The workspace is still loading.');
  const cases = parseDatasetText(await fetchText(datasetUrl, 'evaluation questions'));
  const { createEvalWorker } = await import('../../../workers/eval.ts');
  const [clientsBytes, playbookSnapshot, engine] = await Promise.all([
    workspace.clients.exportBytes(),
    workspace.playbook.exportSnapshot(),
    createEvalWorker(),
  ]);
  return { cases, options: { clientsBytes, playbookSnapshot }, engine };
}
