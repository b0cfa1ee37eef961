import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BuiltinReflector } from '../agents/builtin/index.ts';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';
import { shouldActivate } from './assessment.ts';
import { CriticStore } from './critic-store.ts';
import { MemoryStore } from '../storage/kv.ts';
import { parseFeedbackText, type FeedbackRecord } from './records.ts';
import { checkReadiness } from './assessment.ts';
import { checkCritic } from './check.ts';
import { trainCritic, type CriticModel } from './critic.ts';
import { criticHook } from './critic-hook.ts';
import type { ReviewContext } from './record-review.ts';
import type { TrainOptions } from './critic.ts';
import { FakeClientStore } from '../tools/fakes.ts';
import type { Client } from '../clients/types.ts';

const examples = parseFeedbackText(readFileSync(new URL('../../../data/rlhf/rlhf.json', import.meta.url), 'utf8'));
const book = JSON.parse(readFileSync(new URL('../../../data/clients.json', import.meta.url), 'utf8')) as Client[];
const clients = book;
const store = new FakeClientStore(book);
const review: ReviewContext = {
  tools: { mentions: async (text) => ({ results: await store.findMentions(text), cached: false }), vocabulary: () => store.vocabulary() },
  today: '2026-06-01',
};

/** Trains, then checks against the built-in checks (plus `current`), as the app and the CLI do. */
async function trainAndCheck(records: FeedbackRecord[], o: Omit<TrainOptions, 'embedder'> & { current?: CriticModel }) {
  const { current, ...train } = o;
  const r = await trainCritic(records, { ...train, embedder });
  const critic = await checkCritic(r.critic, r.held_back, {
    embedder,
    rules,
    review,
    current: current ? criticHook(current, embedder) : null,
    fromRatings: r.held_back_from_ratings,
    fromExamples: r.held_back_from_examples,
    needs: checkReadiness(records, train.reference ?? []).needs,
  });
  return { ...r, critic };
}
const embedder = new BuiltinEmbedder();
const rules = new BuiltinReflector();

const usd = (n: number) => `$${n.toLocaleString('en-US')}`;
const lookup = (c: { id: number; name: string; ytd_spend: number }) =>
  JSON.stringify({
    kind: 'lookup',
    lookup: { status: 'found', client: { ...c, industry: 'Retail', products: [] }, match: 'exact', score: 1, alternatives: [] },
  });

/** A spend answer; `rambling` ones pad it with advice nobody asked for (the rules cannot tell). */
function spendRating(c: { id: number; name: string; ytd_spend: number }, i: number, rambling: boolean): FeedbackRecord {
  const core = `${c.name} has ${usd(c.ytd_spend)} in YTD spend.`;
  const padding =
    ' Before you reach out, remember that every relationship is different, timing matters a great deal, and it is usually wise to think about ' +
    'the broader context, the tone of your last conversations, how busy their team might be this season, what else is going on in their market, ' +
    'and whether a short friendly note might land better than a long one, so take a moment to plan what you want to say before you say it.';
  return {
    id: `syn-${i}`,
    user_input: i % 2 ? `How much has ${c.name} spent this year?` : `What is ${c.name}'s YTD spend?`,
    crm_output: rambling ? core + padding : core,
    tool_calls_made: ['search_clients'],
    reflection_output: '',
    tool_results: [lookup(c)],
    correctness: !rambling,
  };
}

describe('checking a trained version against the reviewer in use', () => {
  it('six ratings (three good, three bad with corrections): the version is not switched on, and says why', async () => {
    const mine: FeedbackRecord[] = [
      spendRating(clients[0], 1, false),
      spendRating(clients[1], 2, false),
      spendRating(clients[2], 3, false),
      {
        ...spendRating(clients[3], 4, false),
        crm_output: `${clients[3].name} has $999,999 in YTD spend.`,
        correctness: false,
        correction: 'Use the figure from the record.',
      },
      { ...spendRating(clients[4], 5, false), tool_calls_made: [], tool_results: [], correctness: false, correction: 'Look the client up first.' },
      { ...spendRating(clients[5], 6, false), crm_output: 'I am not sure.', correctness: false, correction: 'Give the YTD spend.' },
    ];
    const r = await trainAndCheck(mine, { reference: examples, epochs: 3, lr: 1e-5, seed: 42 });
    const check = r.critic.check;
    expect(check).toBeDefined();
    expect(check?.from_examples).toBe(20);
    expect(check?.good).toBeGreaterThanOrEqual(8);
    expect(check?.outcome).toBe('not-better');
    expect(r.critic.calibration).toMatchObject({ method: 'platt', n: 22 });

    const store = new CriticStore(new MemoryStore());
    const saved = await store.save(r.critic);
    expect(saved.activated).toBe(false);
    expect(await store.loadActive()).toBeUndefined();
  });

  it('a version that learned what the rules miss is checked better and switched on', async () => {
    const mine = clients.map((c, i) => spendRating(c, i, i % 2 === 1));
    const r = await trainAndCheck(mine, { reference: [], epochs: 3, lr: 1e-5, seed: 42 });
    const check = r.critic.check;
    // The rules pass every answer here; the critic learned the rep's dislike of padded answers.
    expect(check?.current.agreement).toBe(0.5);
    expect(check?.outcome).toBe('better');
    expect(check?.candidate.agreement).toBeGreaterThanOrEqual(0.6);
    expect(shouldActivate(check)).toBe(true);
    expect(check?.ece_after).toBeLessThanOrEqual(check?.ece_before ?? 1);
  });

  it('is compared with the critic in use today, not only with the rules', async () => {
    const mine = clients.map((c, i) => spendRating(c, i, i % 2 === 1));
    const first = await trainAndCheck(mine, { reference: [], epochs: 3, seed: 42 });
    // The same data again: no better than the version already in use.
    const second = await trainAndCheck(mine, { reference: [], epochs: 3, seed: 42, current: first.critic });
    expect(second.critic.check?.current.agreement).toBeGreaterThan(0.5);
    expect(second.critic.check?.outcome).toBe('not-better');
  });
});
