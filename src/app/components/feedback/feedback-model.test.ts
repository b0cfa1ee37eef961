import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.ts';
import { BuiltinEmbedder } from '../../../core/playbook/builtin-embedder.ts';
import { trainCritic, untrainedCritic } from '../../../core/rlhf/critic.ts';
import { criticHook } from '../../../core/rlhf/critic-hook.ts';
import { HashingEmbedder } from '../../../core/rlhf/hashing-embedder.ts';
import { parseFeedbackText, type FeedbackRecord } from '../../../core/rlhf/records.ts';
import {
  accuracyChange,
  checkSettings,
  chartSeries,
  criticCell,
  critiqueRecords,
  ensureIds,
  excerpt,
  findFeedback,
  mergeById,
  patchRecord,
  plainText,
  readFeedbackDoc,
  trainingReadiness,
} from './feedback-model.ts';

const shipped = parseFeedbackText(readFileSync(new URL('../../../../data/rlhf/rlhf.json', import.meta.url), 'utf8'));
const rec = (id: string | undefined, correctness = true, extra: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  ...(id ? { id } : {}),
  user_input: `Question ${id ?? '?'}`,
  crm_output: `Answer ${id ?? '?'}`,
  tool_calls_made: ['search_clients'],
  reflection_output: '',
  correctness,
  ...extra,
});

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('stored feedback', () => {
  it('reads nothing as empty, a bare array as version 0, and gives every record an id', () => {
    expect(readFeedbackDoc(undefined)).toEqual({ version: 0, records: [] });
    const doc = readFeedbackDoc([rec(undefined)]);
    expect(doc.version).toBe(0);
    expect(doc.records[0].id).toMatch(/^fb-/);
    expect(readFeedbackDoc({ version: 4, records: [rec('a')] })).toEqual({ version: 4, records: [rec('a')] });
  });

  it('reports unreadable data as storage-corrupt instead of silently dropping it', () => {
    expect(caught(() => readFeedbackDoc({ version: 1, records: [{ user_input: 3 }] })).code).toBe('storage-corrupt');
    expect(caught(() => readFeedbackDoc('nonsense')).code).toBe('storage-corrupt');
  });
});

describe('merge and edit', () => {
  it('merges by id: same id replaces in place, new ids append, missing ids are generated', () => {
    const { records, report } = mergeById([rec('a'), rec('b')], [rec('b', false), rec('c'), rec(undefined)]);
    expect(report).toEqual({ added: 2, updated: 1, total: 4 });
    expect(records.map((r) => r.id?.slice(0, 1))).toEqual(['a', 'b', 'c', 'f']);
    expect(records[1].correctness).toBe(false);
  });

  it('importing the example file twice does not duplicate it', () => {
    const once = mergeById([], shipped).records;
    const twice = mergeById(once, shipped);
    expect(twice.report).toEqual({ added: 0, updated: 20, total: 20 });
  });

  it('keeps existing ids and makes unique new ones', () => {
    let n = 0;
    const out = ensureIds([rec('x'), rec(undefined), rec(undefined)], () => `gen-${n++}`);
    expect(out.map((r) => r.id)).toEqual(['x', 'gen-0', 'gen-1']);
  });

  it('toggles correctness, trims a correction and removes an empty one', () => {
    let rs = patchRecord([rec('a')], 'a', { correctness: false, correction: '  Use the playbook.  ' });
    expect(rs[0]).toMatchObject({ correctness: false, correction: 'Use the playbook.' });
    rs = patchRecord(rs, 'a', { correction: '   ' });
    expect('correction' in rs[0]).toBe(false);
    expect(caught(() => patchRecord(rs, 'zzz', { correctness: true })).code).toBe('bad-feedback');
  });

  it('finds the latest rating of the same question and answer', () => {
    const rs = [rec('a', true), rec('b'), { ...rec('c', false), user_input: 'Question a', crm_output: 'Answer a' }];
    expect(findFeedback(rs, 'Question a', 'Answer a')?.id).toBe('c');
    expect(findFeedback(rs, 'Question a', 'Another answer')).toBeUndefined();
  });
});

describe('training readiness', () => {
  it('refuses too few records and a single class, with the counts', () => {
    const few = trainingReadiness([rec('a'), rec('b', false)]);
    expect(few.ok).toBe(false);
    if (!few.ok) expect(few.reason).toBe('Training needs at least 6 feedback records. You have 2 (1 good, 1 bad).');
    const oneClass = trainingReadiness(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => rec(id, true)));
    expect(oneClass.ok).toBe(false);
    if (!oneClass.ok) expect(oneClass.reason).toContain('at least 2 good and 2 bad');
    // The examples alone: 3 good and 3 bad held back is too few to check a version on.
    expect(trainingReadiness(shipped, shipped)).toMatchObject({ ok: false, good: 10, bad: 10 });
  });

  it('six ratings are enough with the shipped examples to check on; without them it says how many more of each', () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => rec(id, i < 3));
    expect(trainingReadiness(six, shipped)).toEqual({ ok: true, good: 3, bad: 3 });
    const alone = trainingReadiness(six, []);
    expect(alone.ok).toBe(false);
    if (!alone.ok) {
      expect(alone.reason).toContain('checked on at least 8 good and 8 bad answers it did not learn from');
      expect(alone.reason).toMatch(/Rate \d+ more good answers and \d+ more bad answers first\.$/);
    }
  });
});

describe('answer text in the table', () => {
  it('drops Markdown syntax and citation markers but keeps the words', () => {
    const md =
      "**TechGiant** has spent **$120,000** YTD [client: TechGiant].\n\n- Tier: *Gold*\n- See [the playbook](https://x.test) & `net 30`\n\n> **Reviewer's reservations:** none";
    expect(plainText(md)).toBe("TechGiant has spent $120,000 YTD. Tier: Gold See the playbook & net 30 Reviewer's reservations: none");
    expect(plainText('Plain words.')).toBe('Plain words.');
  });
});

describe('display helpers', () => {
  it('shortens long text and formats the accuracy change', () => {
    expect(excerpt('a  b\n c')).toBe('a b c');
    expect(excerpt('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(accuracyChange(0.5, 1)).toBe('0.50 → 1.00');
  });

  it('turns epoch history into chart series', () => {
    const h = [1, 2].map((epoch) => ({ epoch, mean_reward: epoch / 4, val_accuracy: epoch / 2, train_accuracy: 0, kl: 0, clip_fraction: 0, value_loss: 0 }));
    expect(chartSeries(h)).toEqual({ labels: ['1', '2'], meanReward: [0.25, 0.5], valAccuracy: [0.5, 1] });
  });
});

describe('critic verdicts per feedback record', () => {
  const embedder = new BuiltinEmbedder();

  it('gives every record the same score reflection would give its answer, and skips records without an id', async () => {
    const { critic } = await trainCritic(shipped, { embedder, epochs: 3, lr: 1e-5, seed: 42 });
    const records = ensureIds(shipped).slice(0, 6);
    const byId = await critiqueRecords(critic, embedder, [...records, { ...records[0], id: undefined }]);
    expect(byId.size).toBe(6);
    const hook = criticHook(critic, embedder);
    if (!hook) throw new Error('expected a hook');
    for (const r of records) {
      const v = byId.get(r.id ?? '');
      if (!v) throw new Error(`no verdict for ${r.id}`);
      const expected = await hook.score({
        question: r.user_input,
        answer: r.crm_output,
        toolCalls: r.tool_calls_made.map((name) => ({ name, args: {} })),
        toolResults: (r.tool_results ?? []).map((content) => ({ name: 'tool', content })),
      });
      expect(v.score).toBeCloseTo(expected.score, 12);
      expect(v.verdict).toBe(v.score >= 0.5 ? 'pass' : 'retry');
    }
  });

  it('scores 0.5 (pass) with the untrained critic and refuses a critic made for another embedder', async () => {
    const records = ensureIds(shipped.slice(0, 2));
    const byId = await critiqueRecords(untrainedCritic(embedder), embedder, records);
    expect([...byId.values()]).toEqual([
      { verdict: 'pass', score: 0.5 },
      { verdict: 'pass', score: 0.5 },
    ]);
    await expect(critiqueRecords(untrainedCritic(new HashingEmbedder(64)), embedder, records)).rejects.toMatchObject({ code: 'model-unavailable' });
  });

  it('shows "untrained", pending, or the verdict with whether it agrees with the rep', () => {
    const good = rec('a', true);
    const bad = rec('b', false);
    expect(criticCell(good, false, { verdict: 'pass', score: 0.9 })).toEqual({ kind: 'untrained', text: 'off' });
    expect(criticCell(good, true, undefined).kind).toBe('pending');
    expect(criticCell(good, true, { verdict: 'pass', score: 0.8234 })).toEqual({
      kind: 'verdict',
      text: 'Pass · 82%',
      verdict: 'pass',
      score: 0.8234,
      agrees: true,
    });
    expect(criticCell(bad, true, { verdict: 'pass', score: 0.61 })).toMatchObject({ text: 'Pass · 61%', agrees: false });
    expect(criticCell(bad, true, { verdict: 'retry', score: 0.31 })).toMatchObject({ text: 'Send back · 31%', agrees: true });
    expect(criticCell(good, true, { verdict: 'retry', score: 0.1 })).toMatchObject({ agrees: false });
  });
});

describe('training settings', () => {
  it('accepts the defaults and names the field that is out of range', () => {
    expect(checkSettings({ epochs: 3, lr: 1e-5, seed: 42 })).toBeNull();
    expect(checkSettings({ epochs: 0, lr: 1e-5, seed: 42 })).toMatch(/^Epochs/);
    expect(checkSettings({ epochs: 2.5, lr: 1e-5, seed: 42 })).toMatch(/^Epochs/);
    expect(checkSettings({ epochs: 3, lr: 0, seed: 42 })).toMatch(/^Learning rate/);
    expect(checkSettings({ epochs: 3, lr: Number.NaN, seed: 42 })).toMatch(/^Learning rate/);
    expect(checkSettings({ epochs: 3, lr: 1e-5, seed: 1.5 })).toMatch(/^Seed/);
  });
});
