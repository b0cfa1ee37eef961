/**
 * The real pipeline the Evaluate worker runs, in Node: persisted client-store bytes and a
 * playbook snapshot → fresh store and index → built-in co-pilot → offline metrics.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqlClientStore } from '../clients/sql-client-store.ts';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';
import { PlaybookLibrary } from '../playbook/library.ts';
import { createPdfTextExtractor } from '../playbook/pdf-text.ts';
import { makeCopilot } from './copilot.ts';
import { parseDatasetText } from './dataset.ts';
import { createEvalEngine, type EvalRunOptions } from './host.ts';

const read = (p: string) => readFileSync(new URL(`../../../${p}`, import.meta.url));
const embedder = new BuiltinEmbedder();
const pdf = createPdfTextExtractor();
let options: EvalRunOptions;

beforeAll(async () => {
  const store = await SqlClientStore.create();
  await store.importText(read('data/clients.json').toString('utf8'), 'json', 'replace');
  const library = new PlaybookLibrary({ embedder, pdf });
  await library.addPdf('playbook.pdf', new Uint8Array(read('data/playbook.pdf')));
  options = { clientsBytes: await store.exportBytes(), playbookSnapshot: await library.exportSnapshot() };
});

describe('evaluation over persisted bytes with the built-in co-pilot', () => {
  it('answers from the reopened stores and scores a grounded answer as grounded', async () => {
    const engine = createEvalEngine({
      openClients: (bytes) => SqlClientStore.create({ bytes }),
      openPlaybook: async (snapshot) => {
        const lib = new PlaybookLibrary({ embedder, pdf });
        await lib.loadSnapshot(snapshot);
        return lib;
      },
      makeCopilot: (clients, playbook) => makeCopilot({ clients, playbook }),
      embedder,
    });
    const all = parseDatasetText(read('data/eval/test_dataset.json').toString('utf8'));
    const cases = all.filter((c) => c.question === 'How much has TechGiant spent this year?' || c.question === 'Can I offer a client net 90 payment terms?');
    const report = await engine.run(cases, options);
    expect(report.provider).toBe('builtin/builtin-rules');
    const [spend, policy] = report.cases;
    expect(spend.answer).toContain('$120,000');
    expect(spend).toMatchObject({ tool_match: true, tools_used: ['search_clients'] });
    expect(spend.scores).toMatchObject({ faithfulness: 1, context_precision: 1, context_recall: 1 });
    expect(policy.tools_used).toContain('search_playbook');
    expect(policy.scores.context_recall).toBeGreaterThan(0);
    expect(report.averages.overall).toBeGreaterThan(0.4);
  });
});
