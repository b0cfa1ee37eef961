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
import type { CriticOpinion, RecalledNote, ReflectionVerdict } from './types.ts';

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

/** A trained critic's score for one answer. */
export interface CriticScore {
  /** Probability that the rep would rate the answer good. */
  score: number;
  /** True when calibrated on held-back ratings. */
  calibrated: boolean;
  version?: number;
}

/** A trained critic giving the probability that an answer deserves a pass. */
export interface Critic {
  score(input: ReflectionInput): Promise<CriticScore>;
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
 * Rules first, then an optional critic. The critic only speaks about answers the rules passed:
 * a failed rule check stays failed whatever the critic says (it is not even asked). When it
 * doubts a passed answer (score below `threshold`) the verdict is 'retry' with `critic.doubt`
 * set and a single problem, so the graph can tell a critic-only doubt from a failed check.
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
    if (!this.critic || verdict.verdict !== 'pass') return verdict;
    const s = await this.critic.score(input);
    const score = Math.round(s.score * 1000) / 1000;
    const doubt = s.score < this.threshold;
    const critic: CriticOpinion = { score, calibrated: s.calibrated, doubt, threshold: this.threshold, ...(s.version ? { version: s.version } : {}) };
    if (!doubt) return { ...verdict, critic_score: score, critic };
    // Worded for the answering agent; the UI words the doubt from `critic` itself.
    const problem = `Reps have rated answers like this one as bad (trained critic: ${Math.round(score * 100)}% likely good): re-read the question and check the tools and figures.`;
    return { ...verdict, verdict: 'retry', feedback: problem, critic_score: score, problems: [problem], critic };
  }
}

/** The critic's doubt in a rep's words, for showing once beside the answer; null when it has none. */
export function criticDoubtText(opinion: CriticOpinion | undefined): string | null {
  if (!opinion?.doubt) return null;
  const pct = Math.round(opinion.score * 100);
  return opinion.calibrated
    ? `The checks passed, but answers like this one were often rated bad: about ${pct}% chance you would rate it good.`
    : `The checks passed, but the trained reviewer doubts this answer (score ${pct} out of 100).`;
}

/** Number of problems in a verdict (explicit list, else a count of sentences in the feedback). */
export function problemCount(v: ReflectionVerdict): number {
  if (v.verdict === 'pass') return 0;
  if (v.problems) return v.problems.length;
  const parts = v.feedback.split(/(?:\n|;|(?<=[.!?])\s+)/).filter((s) => s.trim().length > 0);
  return Math.max(1, parts.length);
}
