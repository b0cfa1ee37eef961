/**
 * The reflection step: a Reflector judges an answer. `LlmReflector` asks any ChatProvider for
 * a JSON verdict and falls back to a secondary reflector when the output is unusable;
 * `CombinedReflector` adds an optional trained critic (the RLHF hook).
 */
import { isAppError } from '../errors.ts';
import type { ChatProvider } from '../providers/types.ts';
import { REFLECTION_SYSTEM_PROMPT, reflectionUserPrompt } from './prompts.ts';
import type { Citation } from '../citations.ts';
import type { ToolExchange } from './kinds/evidence.ts';
import type { QuestionFrame } from './question/frame.ts';
import type { RecalledNote, ReflectionVerdict } from './types.ts';

export interface ReflectionInput {
  question: string;
  answer: string;
  toolCalls: { name: string; args: Record<string, unknown> }[];
  toolResults: { name: string; content: string }[];
  /** The typed view, for reviewers that check the question's frame (the built-in one). */
  typed?: {
    frame: QuestionFrame;
    exchanges: ToolExchange[];
    citations: Citation[];
    today: string;
    rep?: string;
    notes: RecalledNote[];
  };
}

export interface Reflector {
  /** Who reviews, in words ("Built-in checks", a model name). */
  readonly label?: string;
  reflect(input: ReflectionInput, signal?: AbortSignal): Promise<ReflectionVerdict>;
}

/** A trained critic giving the probability that an answer deserves a pass. */
export interface Critic {
  score(input: ReflectionInput): Promise<number>;
}

/**
 * Reads a verdict out of sloppy model output: JSON (possibly fenced, with single quotes or
 * trailing commas), or plain words like "Verdict: PASS". Returns undefined when nothing fits.
 */
export function parseVerdict(text: string): ReflectionVerdict | undefined {
  const candidates = [...text.matchAll(/\{[\s\S]*?\}/g)].map((m) => m[0]);
  const greedy = text.match(/\{[\s\S]*\}/);
  if (greedy) candidates.unshift(greedy[0]);
  for (const candidate of candidates) {
    const obj = tryJson(candidate) ?? tryJson(repairJson(candidate));
    if (obj && typeof obj === 'object') {
      const record = obj as Record<string, unknown>;
      const verdict = normalizeVerdict(record.verdict ?? record.decision ?? record.result ?? record.status);
      if (verdict) {
        const fb = record.feedback ?? record.reason ?? record.comment ?? record.explanation;
        return { verdict, feedback: typeof fb === 'string' ? fb.trim() : '' };
      }
    }
  }
  const word = text.match(/\b(?:verdict|decision)\s*[:=-]?\s*["']?(pass|passed|retry|fail|failed)\b/i);
  if (word) {
    const verdict = normalizeVerdict(word[1]);
    const fb = text.match(/feedback\s*[:=-]\s*["']?([^\n"']+)/i);
    if (verdict) return { verdict, feedback: fb ? fb[1].trim() : '' };
  }
  return undefined;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function repairJson(text: string): string {
  return text
    .replace(/[“”]/g, '"')
    .replace(/'([^']*)'/g, '"$1"')
    .replace(/([{,]\s*)([A-Za-z_]\w*)\s*:/g, '$1"$2":')
    .replace(/,\s*([}\]])/g, '$1');
}

function normalizeVerdict(value: unknown): ReflectionVerdict['verdict'] | undefined {
  if (typeof value === 'boolean') return value ? 'pass' : 'retry';
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (['pass', 'passed', 'ok', 'approve', 'approved', 'accept', 'good', 'yes'].includes(v)) return 'pass';
  if (['retry', 'fail', 'failed', 'reject', 'rejected', 'revise', 'no'].includes(v)) return 'retry';
  return undefined;
}

/** Asks a chat model for a JSON verdict; unparseable output or an unreachable provider uses `fallback`. */
export class LlmReflector implements Reflector {
  constructor(
    private readonly provider: ChatProvider,
    private readonly fallback: Reflector,
  ) {}

  get label(): string {
    return this.provider.model;
  }

  async reflect(input: ReflectionInput, signal?: AbortSignal): Promise<ReflectionVerdict> {
    let text: string;
    try {
      const res = await this.provider.chat({
        messages: [
          { role: 'system', content: REFLECTION_SYSTEM_PROMPT },
          { role: 'user', content: reflectionUserPrompt(input) },
        ],
        response_format: { type: 'json_object' },
        temperature: 0,
        max_tokens: 200,
        signal,
      });
      text = res.message.content ?? '';
    } catch (err) {
      if (isAppError(err) && err.code === 'cancelled') throw err;
      if (signal?.aborted) throw err;
      return this.fallback.reflect(input, signal);
    }
    const verdict = parseVerdict(text);
    if (!verdict) return this.fallback.reflect(input, signal);
    // The model's opinion never hides what the typed checks found.
    const rules = input.typed ? await this.fallback.reflect(input, signal) : undefined;
    if (rules && rules.verdict === 'retry') return { ...rules, feedback: `${rules.feedback} ${verdict.verdict === 'retry' ? verdict.feedback : ''}`.trim() };
    return { ...verdict, problems: verdict.verdict === 'pass' ? [] : [verdict.feedback || 'The reviewer asked for a retry.'] };
  }
}

/**
 * Rules first, then an optional critic: passes only when the rules pass and the critic's
 * score is at least `threshold` (0.5). The critic's score is recorded as `critic_score`.
 */
export class CombinedReflector implements Reflector {
  constructor(
    private readonly rules: Reflector,
    private readonly critic?: Critic,
    private readonly threshold = 0.5,
  ) {}

  get label(): string {
    const base = this.rules.label ?? 'Built-in checks';
    return this.critic ? `${base} + trained critic` : base;
  }

  async reflect(input: ReflectionInput, signal?: AbortSignal): Promise<ReflectionVerdict> {
    const verdict = await this.rules.reflect(input, signal);
    if (!this.critic) return verdict;
    const score = await this.critic.score(input);
    const criticScore = Math.round(score * 1000) / 1000;
    if (verdict.verdict === 'pass' && score < this.threshold) {
      const problem = `The trained critic rates this answer ${criticScore.toFixed(2)} (below ${this.threshold}).`;
      return { verdict: 'retry', feedback: verdict.feedback ? `${verdict.feedback} ${problem}` : problem, critic_score: criticScore, problems: [...(verdict.problems ?? []), problem] };
    }
    return { ...verdict, critic_score: criticScore };
  }
}

/** Number of problems in a verdict (explicit list, else a count of sentences in the feedback). */
export function problemCount(v: ReflectionVerdict): number {
  if (v.verdict === 'pass') return 0;
  if (v.problems) return v.problems.length;
  const parts = v.feedback.split(/(?:\n|;|(?<=[.!?])\s+)/).filter((s) => s.trim().length > 0);
  return Math.max(1, parts.length);
}
