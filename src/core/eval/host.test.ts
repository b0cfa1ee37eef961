import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../agents/types.ts';
import type { ClientStore } from '../clients/types.ts';
import type { PlaybookIndex } from '../playbook/types.ts';
import type { Critic } from '../agents/reflection.ts';
import { untrainedCritic } from '../rlhf/critic.ts';
import { HashingEmbedder } from '../rlhf/hashing-embedder.ts';
import { createEvalEngine, type EvalHostDeps } from './host.ts';
import { LexicalEmbedder } from './lexical-embedder.ts';
import type { EvalCase, EvalProgress } from './types.ts';

const CASE: EvalCase = { question: 'How much has TechGiant spent?', ground_truth: 'TechGiant has spent $120,000 YTD.', expected_tools: ['search_clients'], expected_contexts: ['TechGiant', '$120,000'] };

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
        return { question, answer: 'TechGiant has spent $120,000 YTD.', tool_calls: [{ name: 'search_clients', args: {} }], contexts: ['{"name":"TechGiant","ytd_spend":120000}'], citations: [], reflections: [], attempts: 1, ms: 1 };
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
    await expect(createEvalEngine(d).run(bad, { clientsBytes: new Uint8Array(), playbookSnapshot: new Uint8Array() })).rejects.toMatchObject({ code: 'bad-dataset' });
    expect(d.opened).toEqual([]);
  });

  it('cancel() stops a running evaluation with AppError("cancelled")', async () => {
    let engine: ReturnType<typeof createEvalEngine> | undefined;
    const d = deps(() => void engine?.cancel());
    engine = createEvalEngine(d);
    await expect(engine.run([CASE, { ...CASE, question: 'Again?' }], { clientsBytes: new Uint8Array(), playbookSnapshot: new Uint8Array() })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('criticEffect() scores the cases without and then with the critic in the co-pilot', async () => {
    const d = deps();
    const given: (Critic | undefined)[] = [];
    const make = d.makeCopilot;
    d.makeCopilot = (clients, playbook, today, critic) => {
      given.push(critic);
      return make(clients, playbook, today, critic);
    };
    const bytes = { clientsBytes: new Uint8Array(1), playbookSnapshot: new Uint8Array(1) };
    const effect = await createEvalEngine(d).criticEffect([CASE], bytes, untrainedCritic(d.embedder));
    expect(effect).toMatchObject({ cases: 1, critic_doubts: 0, three_identical_attempts: 0 });
    expect(effect.overall_with).toBe(effect.overall_without);
    expect(given.map((c) => c !== undefined)).toEqual([false, true]);
    await expect(createEvalEngine(d).criticEffect([CASE], bytes, untrainedCritic(new HashingEmbedder(8)))).rejects.toMatchObject({ code: 'model-unavailable' });
  });
});
