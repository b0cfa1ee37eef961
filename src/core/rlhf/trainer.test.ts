import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';
import type { EpochStats } from './ppo.ts';
import { parseFeedbackText, type FeedbackRecord } from './records.ts';
import { InProcessTrainer } from './trainer.ts';

const records = parseFeedbackText(readFileSync(new URL('../../../data/rlhf/rlhf.json', import.meta.url), 'utf8'));

// The object the RLHF worker exposes, called directly.
describe('InProcessTrainer', () => {
  it('reports every epoch and returns the trained critic', async () => {
    const trainer = new InProcessTrainer(new BuiltinEmbedder());
    const seen: EpochStats[] = [];
    const r = await trainer.train(records, { epochs: 2 }, (s) => seen.push(s));
    expect(seen.map((s) => s.epoch)).toEqual([1, 2]);
    expect(r.history).toEqual(seen);
    expect(r.critic.embedder_id).toBe('builtin-hash-384');
  });

  it('cancel() stops a running training with code "cancelled", and the trainer can run again', async () => {
    const trainer = new InProcessTrainer(new BuiltinEmbedder());
    const run = trainer.train(records, { epochs: 3 }, () => void trainer.cancel());
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    await expect(trainer.train(records, { epochs: 1 })).resolves.toMatchObject({ history: [expect.objectContaining({ epoch: 1 })] });
  });

  it('validates records that arrive from outside', async () => {
    const trainer = new InProcessTrainer(new BuiltinEmbedder());
    const bad = [...records, { user_input: 'Q' }] as unknown as FeedbackRecord[];
    await expect(trainer.train(bad)).rejects.toMatchObject({ code: 'bad-feedback', message: expect.stringMatching(/item 20/) });
  });
});
