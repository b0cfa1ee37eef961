/**
 * The critic's check in a rep's words: whether a version was switched on and why, from the typed
 * check stored with it. Plain TypeScript, unit-tested; the numbers behind it sit under "Advanced".
 */
import type { CriticCheck } from '../../../core/rlhf/assessment.ts';

export interface CheckWords {
  headline: string;
  /** Supporting sentences, in order. */
  lines: string[];
  tone: 'good' | 'warn';
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const points = (x: number) => Math.round(x * 100);
const score = (x: number) => x.toFixed(2);

/** Whether the evaluation questions scored lower with the version in the loop. */
export function datasetDropped(check: CriticCheck): boolean {
  return !!check.dataset && check.dataset.overall_with < check.dataset.overall_without - 1e-9;
}

/** What a version's check means for the rep: switched on or not, and why. */
export function describeCheck(check: CriticCheck | null, version: number, active: boolean): CheckWords {
  const name = `Version ${version}`;
  if (!check) {
    return {
      headline: active ? `${name} is on. It was trained before new versions were checked.` : `${name} was trained before new versions were checked.`,
      lines: [],
      tone: 'warn',
    };
  }
  const n = check.good + check.bad;
  const lines = [
    `On ${n} answers it did not learn from (${check.good} you rated good, ${check.bad} bad), it agrees with your ratings ` +
      `${pct(check.candidate.agreement)} of the time; the current reviewer agrees ${pct(check.current.agreement)}.`,
  ];
  if (check.dataset) {
    lines.push(
      `On the ${check.dataset.cases} evaluation questions the co-pilot scores ${score(check.dataset.overall_without)} without it and ` +
        `${score(check.dataset.overall_with)} with it.`,
    );
  }
  lines.push(
    `A new version is switched on by itself only when it agrees with your ratings at least ${points(check.margin)} points more often ` +
      `than the current reviewer and does not lower the evaluation score. Its percentages are calibrated on the answers it did not learn from.`,
  );
  const on = active ? ' You switched it on anyway.' : '';
  if (check.outcome === 'better') {
    return {
      headline: active ? `${name} is switched on: it is better than the current reviewer.` : `${name} was better than the reviewer it was compared with.`,
      lines,
      tone: 'good',
    };
  }
  if (check.outcome === 'too-few') {
    const needs = check.needs ?? { good: 0, bad: 0 };
    return {
      headline: `${name} is not switched on: too few answers it did not learn from to judge it (rate ${needs.good} more good and ${needs.bad} more bad answers).${on}`,
      lines,
      tone: 'warn',
    };
  }
  const gain = check.candidate.agreement - check.current.agreement;
  const reason =
    gain >= check.margin - 1e-9 && datasetDropped(check) && check.dataset
      ? `it would lower the evaluation score (${score(check.dataset.overall_with)} instead of ${score(check.dataset.overall_without)})`
      : `it is not better than the current reviewer (${pct(check.candidate.agreement)} agreement with your ratings against ${pct(check.current.agreement)})`;
  return { headline: `${name} is not switched on: ${reason}.${on}`, lines, tone: 'warn' };
}
