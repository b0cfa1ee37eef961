import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from './cli-args.ts';

describe('parseEvalArgs', () => {
  it('has offline defaults', () => {
    expect(parseEvalArgs([])).toEqual({
      ok: true,
      options: { provider: 'builtin', judge: 'builtin', dataset: 'data/eval/test_dataset.json', out: 'data/eval/results.json', json: false, help: false },
    });
  });

  it('reads every flag, in both spellings', () => {
    const r = parseEvalArgs([
      '--provider',
      'openai',
      '--model=gpt-4o',
      '--judge',
      'openai',
      '--dataset',
      'd.json',
      '--out=o.json',
      '--min-score',
      '0.6',
      '--json',
    ]);
    expect(r).toEqual({
      ok: true,
      options: { provider: 'openai', model: 'gpt-4o', judge: 'openai', dataset: 'd.json', out: 'o.json', minScore: 0.6, json: true, help: false },
    });
    expect(parseEvalArgs(['--critic', 'models/reflection-critic.json'])).toMatchObject({
      ok: true,
      options: { critic: 'models/reflection-critic.json' },
    });
  });

  it('rejects bad values and unknown flags with a message', () => {
    expect(parseEvalArgs(['--provider', 'claude'])).toMatchObject({ ok: false, message: expect.stringContaining('--provider') });
    expect(parseEvalArgs(['--min-score', '2'])).toMatchObject({ ok: false, message: expect.stringContaining('--min-score') });
    expect(parseEvalArgs(['--dataset'])).toMatchObject({ ok: false, message: '--dataset needs a value' });
    expect(parseEvalArgs(['--critic'])).toMatchObject({ ok: false, message: '--critic needs a value' });
    expect(parseEvalArgs(['--verbose'])).toMatchObject({ ok: false, message: 'Unknown argument: --verbose' });
  });
});
