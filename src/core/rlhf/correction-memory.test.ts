import { describe, expect, it } from 'vitest';
import type { Embedder } from '../playbook/types.ts';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';
import { gaussian, mulberry32 } from '../prng.ts';
import { EmbeddingCorrectionMemory, RECALL_THRESHOLD, embedderBaseline, relativeSimilarity } from './correction-memory.ts';
import type { CorrectionNote } from './corrections.ts';
import { mentionedNames } from './text-cues.ts';
import { nodeWordMeaning } from '../../../scripts/lib/word-vectors-file.ts';
import { SentenceEmbedder, recallEmbedder } from './recall-embedder.ts';

/**
 * Questions with the same meaning, each group worded three ways (the note is stored for the first).
 * None of these are the memory's baseline questions.
 */
const GROUPS = [
  ['How much has TechGiant spent so far?', 'How much has TechGiant spent so far this year?', "What is TechGiant's YTD spend?"],
  ['What is our policy on 2026 pricing?', 'What is the policy on pricing for 2026?', 'Are we allowed to discuss 2026 pricing with clients?'],
  ['Can I give RetailCo a 15% discount?', 'Could I give RetailCo a 15 percent discount?', 'Is a 15% discount OK for RetailCo?'],
  ['How many Platinum clients do we have?', 'How many clients are Platinum?', 'Number of Platinum tier clients?'],
  ['What should I pitch to GreenLeaf Grocers?', 'What should I pitch to Greenleaf Grocers next?', 'Which product should I recommend to GreenLeaf Grocers?'],
  ['When does Acme Corp renew?', 'When is Acme Corp up for renewal?', "What is Acme Corp's renewal date?"],
  ['What is the gift limit per contact?', 'What is the limit on gifts per contact?', 'How much can a gift to one contact cost?'],
  ['Who manages the Harbor Motors account?', 'Who is the account manager for Harbor Motors?', 'Which rep looks after Harbor Motors?'],
];
/** Same wording, another client: must never recall the other client's note. */
const OTHER_CLIENT = [
  ['How much has TechGiant spent so far?', 'How much has RetailCo spent so far?'],
  ['Can I give RetailCo a 15% discount?', 'Can I give TechGiant a 15% discount?'],
  ['When does Acme Corp renew?', 'When does Harbor Motors renew?'],
];
const CLIENTS = ['TechGiant', 'RetailCo', 'GreenLeaf Grocers', 'Acme Corp', 'Harbor Motors'];
const names = async (text: string) => mentionedNames(text, CLIENTS);

/** Simulates dense sentence vectors: every vector shares a common direction, so unrelated texts score ~0.5. */
class DenseLikeEmbedder implements Embedder {
  readonly id = 'dense-like-384';
  readonly dims = 384;
  readonly #inner = new BuiltinEmbedder();
  readonly #common: Float32Array;
  constructor() {
    const rand = mulberry32(5);
    const c = Float32Array.from({ length: this.dims }, () => gaussian(rand));
    const n = Math.hypot(...c);
    this.#common = c.map((x) => x / n);
  }
  async embed(texts: string[]): Promise<Float32Array[]> {
    return (await this.#inner.embed(texts)).map((v) => {
      const w = v.map((x, i) => x + this.#common[i]);
      const n = Math.hypot(...w);
      return w.map((x) => x / n);
    });
  }
}

function note(id: string, question: string, correction = `Correction for: ${question}`): CorrectionNote {
  return { id, question, correction, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', retired: false };
}

const meaning = await nodeWordMeaning().meaning();
/** The app recalls with keywords + word meaning; keywords alone when word meaning cannot load. */
const EMBEDDERS: [string, Embedder][] = [
  ['keywords + word meaning (the app)', recallEmbedder(new BuiltinEmbedder(), new SentenceEmbedder(meaning))],
  ['built-in keywords (fallback)', new BuiltinEmbedder()],
  ['dense-like', new DenseLikeEmbedder()],
];

describe('correction recall', () => {
  it.each(EMBEDDERS)('%s embedder: recalls notes for close questions and never for unrelated ones', async (_, embedder) => {
    const notes = GROUPS.map((g, i) => note(`n-${i}`, g[0]));
    const memory = new EmbeddingCorrectionMemory({ embedder, notes: async () => notes, names });
    let recalled = 0;
    let asked = 0;
    for (const [i, group] of GROUPS.entries()) {
      // The very same question always recalls its note, first.
      expect((await memory.recall(group[0]))[0]).toMatchObject({ id: `n-${i}`, similarity: 1 });
      for (const q of group.slice(1)) {
        const got = await memory.recall(q);
        // Whatever comes back belongs to this question's group: never another topic's note.
        expect(
          got.map((r) => r.id).filter((id) => id !== `n-${i}`),
          q,
        ).toEqual([]);
        asked++;
        if (got.length) recalled++;
      }
    }
    // Close rewordings and paraphrases: most are recalled (precision above comes first).
    expect(recalled / asked).toBeGreaterThanOrEqual(0.75);
  });

  it.each(EMBEDDERS)('%s embedder: the same question about another client never recalls the note', async (_, embedder) => {
    for (const [stored, asked] of OTHER_CLIENT) {
      const memory = new EmbeddingCorrectionMemory({ embedder, notes: async () => [note('n-1', stored)], names });
      expect(await memory.recall(asked)).toEqual([]);
    }
  });

  it('the threshold separates paraphrases from unrelated questions on the baseline-corrected scale', async () => {
    // Every pair of questions from different groups (no names gate here: similarity alone).
    for (const [, embedder] of EMBEDDERS) {
      const baseline = await embedderBaseline(embedder);
      const vectors = await Promise.all(GROUPS.map((g) => embedder.embed(g)));
      const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, k) => s + x * b[k], 0);
      let unrelatedMax = 0;
      for (let g = 0; g < GROUPS.length; g++) {
        for (let h = g + 1; h < GROUPS.length; h++) {
          for (const a of vectors[g]) for (const b of vectors[h]) unrelatedMax = Math.max(unrelatedMax, relativeSimilarity(cos(a, b), baseline));
        }
      }
      // A margin below the threshold: a wrongly recalled note is worse than a missed one.
      expect(unrelatedMax, embedder.id).toBeLessThan(RECALL_THRESHOLD - 0.05);
    }
  });

  it('skips retired notes, returns at most two, best first', async () => {
    const q = 'How much has TechGiant spent so far?';
    const notes = [
      note('a', q),
      { ...note('b', q), retired: true },
      note('c', 'How much has TechGiant spent so far this year?'),
      note('d', "What is TechGiant's YTD spend so far?"),
    ];
    const got = await new EmbeddingCorrectionMemory({ embedder: new BuiltinEmbedder(), notes: async () => notes }).recall(q);
    expect(got.map((r) => r.id)).toEqual(['a', 'c']);
    expect(got[0].similarity).toBeGreaterThanOrEqual(got[1].similarity);
    expect(got[0]).toEqual({ id: 'a', question: q, correction: `Correction for: ${q}`, similarity: 1 });
  });

  it('falls back to its second embedder for good when the first one fails', async () => {
    let calls = 0;
    const broken: Embedder = {
      id: 'broken',
      dims: 4,
      embed: async () => {
        calls++;
        throw new Error('word-meaning file missing');
      },
    };
    const q = 'How much has TechGiant spent so far?';
    const memory = new EmbeddingCorrectionMemory({ embedder: broken, fallback: new BuiltinEmbedder(), notes: async () => [note('a', q)] });
    expect((await memory.recall('How much has TechGiant spent so far this year?')).map((r) => r.id)).toEqual(['a']);
    expect((await memory.recall(q)).map((r) => r.id)).toEqual(['a']);
    expect(calls).toBe(1);
  });

  it('with no notes it does not embed anything', async () => {
    let calls = 0;
    const embedder: Embedder = { id: 'spy', dims: 2, embed: async (t) => (calls++, t.map(() => new Float32Array([1, 0]))) };
    expect(await new EmbeddingCorrectionMemory({ embedder, notes: async () => [] }).recall('Anything?')).toEqual([]);
    expect(calls).toBe(0);
  });
});
