import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { ScriptedProvider } from '../../test-support/scripted-provider.ts';
import { CombinedReflector, LlmReflector, criticDoubtText, parseVerdict, problemCount, type Reflector } from './reflection.ts';
import type { ReflectionVerdict } from './types.ts';

const input = { question: 'q', answer: 'a', toolCalls: [], toolResults: [] };
const fixed = (v: ReflectionVerdict): Reflector & { calls: number } => ({
  calls: 0,
  async reflect() {
    this.calls += 1;
    return v;
  },
});

describe('parseVerdict', () => {
  it.each([
    ['{"verdict":"pass","feedback":"Good."}', 'pass', 'Good.'],
    ['```json\n{"verdict": "RETRY", "feedback": "Use search_playbook."}\n```', 'retry', 'Use search_playbook.'],
    ["Sure! Here is my review: {'verdict': 'retry', 'feedback': 'No citation',}", 'retry', 'No citation'],
    ['{verdict: "approved", reason: "fine"}', 'pass', 'fine'],
    ['Verdict: FAIL\nFeedback: the answer invents a client', 'retry', 'the answer invents a client'],
  ])('reads %j', (text, verdict, feedback) => {
    expect(parseVerdict(text)).toEqual({ verdict, feedback });
  });

  it('returns undefined for text without a verdict', () => {
    expect(parseVerdict('I think the answer is okay-ish')).toBeUndefined();
    expect(parseVerdict('{"score": 3}')).toBeUndefined();
  });
});

describe('LlmReflector', () => {
  it('asks for a JSON object and uses the parsed verdict', async () => {
    const provider = new ScriptedProvider([{ content: '{"verdict":"retry","feedback":"Cite the page."}' }], 'webllm');
    const fallback = fixed({ verdict: 'pass', feedback: 'fallback' });
    const v = await new LlmReflector(provider, fallback).reflect(input);
    expect(v).toEqual({ verdict: 'retry', feedback: 'Cite the page.', problems: ['Cite the page.'] });
    expect(provider.requests[0].response_format).toEqual({ type: 'json_object' });
    expect(fallback.calls).toBe(0);
  });

  it('falls back on unparseable output and on provider failure, but not on cancel', async () => {
    const fallback = fixed({ verdict: 'pass', feedback: 'rules say fine' });
    const garbage = new ScriptedProvider([{ content: '<|assistant|> hmm' }], 'webllm');
    expect((await new LlmReflector(garbage, fallback).reflect(input)).feedback).toBe('rules say fine');
    const down = new ScriptedProvider([{ error: new AppError('provider-network', 'down') }], 'openai');
    expect((await new LlmReflector(down, fallback).reflect(input)).feedback).toBe('rules say fine');
    const cancelled = new ScriptedProvider([{ error: new AppError('cancelled', 'Cancelled.') }], 'openai');
    await expect(new LlmReflector(cancelled, fallback).reflect(input)).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('CombinedReflector', () => {
  const critic = (score: number, calibrated = true) => ({
    asked: 0,
    async score() {
      this.asked += 1;
      return { score, calibrated };
    },
  });

  it('passes when the rules pass and the critic has no doubt, recording its opinion as data', async () => {
    const pass = fixed({ verdict: 'pass', feedback: 'ok', problems: [] });
    const high = await new CombinedReflector(pass, critic(0.8)).reflect(input);
    expect(high).toMatchObject({ verdict: 'pass', critic_score: 0.8, critic: { score: 0.8, calibrated: true, doubt: false, threshold: 0.5 } });
    const noCritic = await new CombinedReflector(pass).reflect(input);
    expect(noCritic.critic_score).toBeUndefined();
    expect(noCritic.critic).toBeUndefined();
  });

  it('a critic-only doubt is typed: retry with critic.doubt and exactly one problem', async () => {
    const pass = fixed({ verdict: 'pass', feedback: 'ok', problems: [] });
    const low = await new CombinedReflector(pass, critic(0.2, false)).reflect(input);
    expect(low.verdict).toBe('retry');
    expect(low.critic).toEqual({ score: 0.2, calibrated: false, doubt: true, threshold: 0.5 });
    expect(low.problems).toHaveLength(1);
    expect(criticDoubtText(low.critic)).toMatch(/checks passed/);
    expect(criticDoubtText({ score: 0.3, calibrated: true, doubt: true, threshold: 0.5 })).toMatch(/30% chance you would rate it good/);
    expect(criticDoubtText({ score: 0.9, calibrated: true, doubt: false, threshold: 0.5 })).toBeNull();
  });

  it('never overrides a failed rule check, however sure the critic is', async () => {
    const failed: ReflectionVerdict = { verdict: 'retry', feedback: 'Should have used search_playbook.', problems: ['Should have used search_playbook.'] };
    const sure = critic(0.99);
    const v = await new CombinedReflector(fixed(failed), sure).reflect(input);
    expect(v).toEqual(failed);
    expect(v.critic?.doubt).toBeUndefined();
    expect(sure.asked).toBe(0);
  });

  it('counts problems from the list or the feedback sentences', () => {
    expect(problemCount({ verdict: 'pass', feedback: 'x' })).toBe(0);
    expect(problemCount({ verdict: 'retry', feedback: 'x', problems: ['a', 'b'] })).toBe(2);
    expect(problemCount({ verdict: 'retry', feedback: 'No citation. Wrong tool; invented number.' })).toBe(3);
  });
});
