/**
 * The model-free reviewer as a Reflector: runs the typed review over the question's frame, the
 * tool calls and their results. Without the typed view (an old record) it can only check that an
 * answer is there.
 */
import type { ReflectionInput, Reflector } from '../reflection.ts';
import type { ReflectionVerdict } from '../types.ts';
import { findingText, reviewAnswer } from './review.ts';

export const PASS_TEXT =
  'All checks passed: every condition of the question was applied, and every figure, date and source is in the records and passages looked up.';

/** Runs every check and returns the verdict, with typed findings and their sentences. */
export function reflectAnswer(input: ReflectionInput): ReflectionVerdict {
  if (!input.typed) {
    return input.answer.trim()
      ? { verdict: 'pass', feedback: 'The answer could not be checked against the question (no typed record).', problems: [], findings: [] }
      : { verdict: 'retry', feedback: 'The answer is empty.', problems: ['The answer is empty.'], findings: [{ kind: 'empty' }] };
  }
  const t = input.typed;
  const findings = reviewAnswer({
    frame: t.frame,
    answer: input.answer,
    calls: input.toolCalls,
    exchanges: t.exchanges,
    citations: t.citations,
    today: t.today,
    rep: t.rep,
    notes: t.notes,
  });
  if (findings.length === 0) return { verdict: 'pass', feedback: PASS_TEXT, problems: [], findings: [] };
  const problems = findings.map(findingText);
  return { verdict: 'retry', feedback: problems.join(' '), problems, findings };
}

/** Reflector with no model: deterministic checks over the typed answer record. */
export class BuiltinReflector implements Reflector {
  readonly label = 'Built-in checks';
  async reflect(input: ReflectionInput): Promise<ReflectionVerdict> {
    return reflectAnswer(input);
  }
}
