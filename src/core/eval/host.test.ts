import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../agents/types.ts';
import type { ClientStore } from '../clients/types.ts';
import type { PlaybookIndex } from '../playbook/types.ts';
import type { Critic } from '../agents/reflection.ts';
import { readFileSync } from 'node:fs';
import type { Client } from '../clients/types.ts';
import { untrainedCritic } from '../rlhf/critic.ts';
import { parseFeedbackText } from '../rlhf/records.ts';
import { FakeClientStore, FakePlaybook } from '../tools/fakes.ts';
import { HashingEmbedder } from '../rlhf/hashing-embedder.ts';
import { createEvalEngine, type EvalHostDeps } from './host.ts';
import { LexicalEmbedder } from './lexical-embedder.ts';
import type { EvalCase, EvalProgress } from './types.ts';

const CASE: EvalCase = {
  question: 'How much has TechGiant spent?',
  ground_truth: 'TechGiant has spent $120,000 YTD.',
  expected_tools: ['search_clients'],
  expected_contexts: ['TechGiant', '$120,000'],
};

function deps(onAnswer?: () => void): EvalHostDeps & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    openClients: async (bytes) => {
      opened.push(`clients:${bytes.length}`);
      return {} as ClientStore; // the fake co-pilot never touches it
    },
    openPlaybook: async (bytes) => {
      opened.push(`playbook:${bytes.length}`);
      return {} as PlaybookIndex;
    },
    makeCopilot: () => ({
      provider: 'fake/rules',
      answer: async (question): Promise<AnswerRecord> => {
        onAnswer?.();
        return {
          question,
          answer: 'TechGiant has spent $120,000 YTD.',
          tool_calls: [{ name: 'search_clients', args: {} }],
          contexts: ['{"name":"TechGiant","ytd_spend":120000}'],
          citations: [],
          reflections: [],
          attempts: 1,
          ms: 1,
        };
      },
    }),
    embedder: new LexicalEmbedder(),
  };
}

describe('createEvalEngine', () => {
  it('opens the stores from the bytes it is given and reports progress', async () => {
    const d = deps();
    const progress: EvalProgress[] = [];
    const report = await createEvalEngine(d).run([CASE], { clientsBytes: new Uint8Array(3), playbookSnapshot: new Uint8Array(5) }, (p) => progress.push(p));
    expect(d.opened).toEqual(['clients:3', 'playbook:5']);
    expect(report.provider).toBe('fake/rules');
    expect(report.cases[0].scores.context_recall).toBe(1);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 1, total: 1 });
  });

  it('rejects a bad dataset before opening anything', async () => {
    const d = deps();
    const bad = [{ ...CASE, expected_tools: ['search_structured_db'] }] as EvalCase[];
    await expect(createEvalEngine(d).run(bad, { clientsBytes: new Uint8Array(), playbookSnapshot: new Uint8Array() })).rejects.toMatchObject({
      code: 'bad-dataset',
    });
    expect(d.opened).toEqual([]);
  });

  it('cancel() stops a running evaluation with AppError("cancelled")', async () => {
    let engine: ReturnType<typeof createEvalEngine> | undefined;
    const d = deps(() => void engine?.cancel());
    engine = createEvalEngine(d);
    await expect(
      engine.run([CASE, { ...CASE, question: 'Again?' }], { clientsBytes: new Uint8Array(), playbookSnapshot: new Uint8Array() }),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('checkCritic() checks a new version over the opened book, then scores the cases without and with it', async () => {
    const examples = parseFeedbackText(readFileSync(new URL('../../../data/rlhf/rlhf.json', import.meta.url), 'utf8'));
    const book = new FakeClientStore(JSON.parse(readFileSync(new URL('../../../data/clients.json', import.meta.url), 'utf8')) as Client[]);
    const d = deps();
    const given: (Critic | undefined)[] = [];
    const make = d.makeCopilot;
    d.openClients = async () => book;
    d.openPlaybook = async () => new FakePlaybook();
    d.makeCopilot = (clients, playbook, today, critic) => {
      given.push(critic);
      return make(clients, playbook, today, critic);
    };
    const bytes = { clientsBytes: new Uint8Array(1), playbookSnapshot: new Uint8Array(1), today: '2026-06-01' };
    const request = { critic: untrainedCritic(d.embedder), heldBack: examples, fromRatings: 0, fromExamples: 20 };
    const { critic, datasetError } = await createEvalEngine(d).checkCritic(request, [CASE], bytes);
    expect(datasetError).toBeUndefined();
    // The built-in checks judge every example as the rep did; a critic that has learned nothing adds nothing.
    expect(critic.check).toMatchObject({ outcome: 'not-better', good: 10, bad: 10, current: { agreement: 1 }, candidate: { agreement: 1 } });
    expect(critic.check?.dataset).toMatchObject({ cases: 1, critic_doubts: 0, three_identical_attempts: 0 });
    expect(given.map((c) => c !== undefined)).toEqual([false, true]);
    const foreign = { ...request, critic: untrainedCritic(new HashingEmbedder(8)) };
    await expect(createEvalEngine(d).checkCritic(foreign, [CASE], bytes)).rejects.toMatchObject({ code: 'model-unavailable' });
  });
});
