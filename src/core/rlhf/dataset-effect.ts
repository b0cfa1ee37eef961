/**
 * The measured effect of a trained critic: the evaluation dataset scored with the co-pilot as it
 * is and again with the critic in its reflection, plus how often the critic doubted an answer and
 * how often it saw the very same answer three times (three identical attempts).
 */
import type { Critic, CriticScore, ReflectionInput } from '../agents/reflection.ts';
import { runEvaluation } from '../eval/run.ts';
import type { AnswerFn, EvalCase, EvalProgress } from '../eval/types.ts';
import type { Embedder } from '../playbook/types.ts';
import type { DatasetEffect } from './assessment.ts';

/** What one pass over the dataset reports, for progress bars ("with" runs second). */
export type EffectProgress = EvalProgress & { pass: 'without' | 'with' };

export interface CriticEffectOptions {
  cases: EvalCase[];
  /** Builds the co-pilot's answer function, with the critic in reflection when one is given. */
  answerWith: (critic?: Critic) => AnswerFn;
  critic: Critic;
  embedder: Embedder;
  signal?: AbortSignal;
  onProgress?: (p: EffectProgress) => void;
}

/** The critic with a tally of what it was shown: doubts, and answers seen again for the same question. */
function tallying(critic: Critic) {
  const seen = new Map<string, number>();
  const tally = { doubted: new Set<string>(), identicalThrice: new Set<string>() };
  const wrapped: Critic = {
    async score(input: ReflectionInput): Promise<CriticScore> {
      const s = await critic.score(input);
      if (s.score < 0.5) tally.doubted.add(input.question);
      const key = `${input.question}\u0000${input.answer}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n >= 3) tally.identicalThrice.add(input.question);
      return s;
    },
  };
  return { wrapped, tally };
}

/** Scores the dataset without, then with, the critic in the loop. */
export async function measureCriticEffect(o: CriticEffectOptions): Promise<DatasetEffect> {
  const without = await runEvaluation({
    cases: o.cases,
    answer: o.answerWith(),
    embedder: o.embedder,
    signal: o.signal,
    onProgress: (p) => o.onProgress?.({ ...p, pass: 'without' }),
  });
  const { wrapped, tally } = tallying(o.critic);
  const withCritic = await runEvaluation({
    cases: o.cases,
    answer: o.answerWith(wrapped),
    embedder: o.embedder,
    signal: o.signal,
    onProgress: (p) => o.onProgress?.({ ...p, pass: 'with' }),
  });
  return {
    cases: o.cases.length,
    overall_without: without.averages.overall,
    overall_with: withCritic.averages.overall,
    critic_doubts: tally.doubted.size,
    three_identical_attempts: tally.identicalThrice.size,
  };
}
