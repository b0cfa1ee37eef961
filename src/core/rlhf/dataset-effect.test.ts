import { describe, expect, it } from 'vitest';
import type { Critic } from '../agents/reflection.ts';
import type { AnswerRecord } from '../agents/types.ts';
import { LexicalEmbedder } from '../eval/lexical-embedder.ts';
import type { AnswerFn, EvalCase } from '../eval/types.ts';
import { measureCriticEffect } from './dataset-effect.ts';

const cases: EvalCase[] = ['TechGiant', 'RetailCo'].map((name) => ({
  question: `How much has ${name} spent?`,
  ground_truth: `${name} has spent $120,000 YTD.`,
  expected_tools: ['search_clients'],
  expected_contexts: [name],
}));

/** A fake co-pilot: with a critic, it asks it about the same answer up to three times, like a graph retrying to no effect. */
function answerWith(critic?: Critic): AnswerFn {
  return async (question) => {
    const answer = `${question.split(' ')[3]} has spent $120,000 YTD.`;
    let attempts = 1;
    if (critic) {
      const input = { question, answer, toolCalls: [], toolResults: [] };
      while ((await critic.score(input)).score < 0.5 && attempts < 3) attempts++;
    }
    const record: AnswerRecord = {
      question,
      answer,
      tool_calls: [{ name: 'search_clients', args: {} }],
      contexts: [answer],
      citations: [],
      reflections: [],
      attempts,
      ms: 1,
    };
    return record;
  };
}

describe('the measured effect of a critic on the evaluation dataset', () => {
  it('scores without and with the critic, and counts doubts and three identical attempts', async () => {
    const doubtsRetailCo: Critic = { score: async (i) => ({ score: i.question.includes('RetailCo') ? 0.2 : 0.9, calibrated: true }) };
    const passes: string[] = [];
    const effect = await measureCriticEffect({
      cases,
      answerWith,
      critic: doubtsRetailCo,
      embedder: new LexicalEmbedder(),
      onProgress: (p) => p.phase === 'done' && passes.push(p.pass),
    });
    expect(effect).toMatchObject({ cases: 2, critic_doubts: 1, three_identical_attempts: 1 });
    expect(effect.overall_with).toBeCloseTo(effect.overall_without, 10);
    expect(passes).toEqual(['without', 'without', 'with', 'with']);
  });

  it('a critic without doubts changes nothing', async () => {
    const content: Critic = { score: async () => ({ score: 0.9, calibrated: false }) };
    const effect = await measureCriticEffect({ cases, answerWith, critic: content, embedder: new LexicalEmbedder() });
    expect(effect).toMatchObject({ critic_doubts: 0, three_identical_attempts: 0 });
    expect(effect.overall_with).toBe(effect.overall_without);
  });
});
