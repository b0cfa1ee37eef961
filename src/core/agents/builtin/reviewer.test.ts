/**
 * The reviewer never passes a wrong answer of the kinds the issue found: a model-written answer
 * (scripted) goes through the real graph, tools and data, and the built-in reviewer must fail it
 * with typed findings — and a retry acts on those findings, not on their sentences.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ScriptedProvider, type ScriptStep } from '../../../test-support/scripted-provider.ts';
import type { PlaybookLibrary } from '../../playbook/library.ts';
import type { SqlClientStore } from '../../clients/sql-client-store.ts';
import { createCopilot } from '../copilot.ts';
import type { Finding } from '../kinds/kind.ts';
import { DEMO, TEST_TODAY, loadData } from '../testing/harness.ts';
import type { AnswerRecord } from '../types.ts';

let data: { clients: SqlClientStore; playbook: PlaybookLibrary };
beforeAll(async () => {
  data = await loadData(DEMO);
});

const clients = (args: Record<string, unknown>) => ({ name: 'search_clients', args });
const playbook = (query: string) => ({ name: 'search_playbook', args: { query } });

/** One model attempt (no retry), reviewed by the built-in checks. */
async function review(question: string, steps: ScriptStep[], history: string[] = []): Promise<{ record: AnswerRecord; findings: Finding[] }> {
  const model = new ScriptedProvider(steps, 'openai', 'test-model');
  const copilot = createCopilot({ ...data, crm: model, today: TEST_TODAY, maxAttempts: 1 });
  let record: AnswerRecord | undefined;
  const { MemorySaver } = await import('@langchain/langgraph/web');
  const checkpointer = new MemorySaver();
  for (const q of [...history, question]) {
    if (q !== question) {
      const helper = createCopilot({ ...data, today: TEST_TODAY });
      await helper.answer(q, { threadId: 't', checkpointer });
    } else record = await copilot.answer(q, { threadId: 't', checkpointer });
  }
  if (!record) throw new Error('no answer');
  return { record, findings: record.reflections[0].findings ?? [] };
}

const kinds = (f: Finding[]) => f.map((x) => x.kind);

describe('wrong answers the reviewer must fail', () => {
  it("another client's record for the one asked about", async () => {
    const { record, findings } = await review('Which products is TechGiant using right now?', [
      { toolCalls: [clients({ client_name: 'TechGiant Labs' })] },
      { content: 'TechGiant Labs uses Email Sponsorships [client: TechGiant Labs].' },
    ]);
    expect(record.reflections[0].verdict).toBe('retry');
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'missing-call', call: { name: 'search_clients', args: { client_name: 'TechGiant' } } }));
  });

  it('a dropped date condition', async () => {
    const { record, findings } = await review('Which clients renew in December 2026?', [
      { toolCalls: [clients({ aggregate: 'list', limit: 100 })] },
      { content: 'All 60 clients renew soon [client: TechGiant].' },
    ]);
    expect(record.reflections[0].verdict).toBe('retry');
    const f = findings.find((x) => x.kind === 'condition-not-applied');
    expect(f).toMatchObject({
      condition: { kind: 'renewal', from: '2026-12-01', to: '2026-12-31' },
      call: { args: { renewal_from: '2026-12-01', renewal_to: '2026-12-31' } },
    });
    expect(record.answer).toMatch(/Reviewer's reservations/);
  });

  it('a count over the whole book for "spending less than last year"', async () => {
    const { findings } = await review('How many clients are spending less than last year?', [
      { toolCalls: [clients({ aggregate: 'count' })] },
      { content: '60 clients.' },
    ]);
    expect(findings).toContainEqual(
      expect.objectContaining({ kind: 'condition-not-applied', condition: expect.objectContaining({ kind: 'spend-change', direction: 'down' }) }),
    );
  });

  it('"no products yet" answered without the filter', async () => {
    const { findings } = await review('Which clients have no products yet?', [
      { toolCalls: [clients({ aggregate: 'count' })] },
      { content: '63 clients have no products.' },
    ]);
    expect(kinds(findings)).toContain('condition-not-applied');
  });

  it('a follow-up answered with the policy instead of the client record', async () => {
    const { findings } = await review(
      'When is their renewal?',
      [{ toolCalls: [playbook('renewal policy')] }, { content: 'Start renewals 90 days before the renewal date [doc: playbook.pdf p. 4].' }],
      ['How much has RetailCo spent?'],
    );
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'missing-call', call: { name: 'search_clients', args: { client_name: 'RetailCo' } } }));
  });

  it('a yes to a pitch the playbook forbids', async () => {
    const { findings } = await review('Is it ok to propose an influencer campaign to FinServe Capital?', [
      { toolCalls: [clients({ client_name: 'FinServe Capital' }), playbook('product recommendations by industry')] },
      { content: 'Yes, FinServe Capital is a big client [client: FinServe Capital].' },
    ]);
    expect(findings).toContainEqual({ kind: 'wrong-verdict', expected: 'no', found: 'yes' });
  });

  it('a trial of a product the client already runs', async () => {
    const { findings } = await review('Can I offer Keystone Travel a free trial of Connected TV?', [
      { toolCalls: [clients({ client_name: 'Keystone Travel' }), playbook('free trial eligibility')] },
      { content: 'Yes — Keystone Travel spends $124,000 [client: Keystone Travel], above the $25,000 minimum.' },
    ]);
    expect(findings).toContainEqual({ kind: 'wrong-verdict', expected: 'no', found: 'yes' });
  });

  it('a discount that needs approval given as the rep’s own call', async () => {
    const { findings } = await review('Can I give RetailCo a 15% discount?', [
      { toolCalls: [clients({ client_name: 'RetailCo' }), playbook('discount approval thresholds'), playbook('spend tiers')] },
      { content: 'Yes, 15% is within your discretion [client: RetailCo].' },
    ]);
    expect(findings).toContainEqual({ kind: 'wrong-verdict', expected: 'approval', found: 'yes' });
  });

  it('a yes/no question answered without a verdict', async () => {
    const { findings } = await review('Does River Capital have an open escalation?', [
      { toolCalls: [clients({ client_name: 'River Capital' })] },
      { content: 'River Capital is a Finance client [client: River Capital].' },
    ]);
    expect(findings).toContainEqual({ kind: 'no-verdict', expected: 'yes' });
  });

  it('an invented figure and an invented source', async () => {
    const { findings } = await review('How much has TechGiant spent so far?', [
      { toolCalls: [clients({ client_name: 'TechGiant' })] },
      { content: 'TechGiant has spent $150,000 [client: TechGiant], more than [client: Globex].' },
    ]);
    expect(findings).toContainEqual({ kind: 'ungrounded', what: 'amount', value: '$150,000' });
    expect(findings).toContainEqual({ kind: 'ungrounded', what: 'citation', value: 'Globex' });
  });

  it('an unknown client answered as if it existed', async () => {
    const { findings } = await review('How much has Acme Widgets spent?', [
      { toolCalls: [clients({ client_name: 'Acme Widgets' })] },
      { content: 'Acme Widgets has spent a lot this year.' },
    ]);
    expect(findings).toContainEqual({ kind: 'not-found-unreported', name: 'Acme Widgets' });
  });

  it("one client's spend shared with another", async () => {
    const { findings } = await review('Can I tell RetailCo what GreenLeaf Grocers spends with us?', [
      { toolCalls: [clients({ client_name: 'RetailCo' }), clients({ client_name: 'GreenLeaf Grocers' }), playbook('confidentiality')] },
      { content: 'Sure, GreenLeaf Grocers spends $132,500 [client: GreenLeaf Grocers].' },
    ]);
    expect(kinds(findings)).toEqual(expect.arrayContaining(['leak', 'no-verdict']));
  });

  it('a draft that quotes a price', async () => {
    const { findings } = await review('Draft a short email to TechGiant', [
      {
        toolCalls: [
          clients({ client_name: 'TechGiant' }),
          playbook('product recommendations by industry'),
          playbook('spend tiers'),
          playbook('pricing'),
          playbook('confidentiality'),
        ],
      },
      { content: 'Draft:\n\n> Hi TechGiant team,\n> Mobile App Banners are $5,000 a month.\n' },
    ]);
    expect(kinds(findings)).toContain('ungrounded');
  });

  it('rules about something else quoted as if they answered the question', async () => {
    const { findings } = await review('Who has to approve a quote for a very large freight shipment?', [
      { toolCalls: [playbook('quote approval rate card')] },
      { content: 'Quote the current rate card only [doc: playbook.pdf p. 2].' },
    ]);
    expect(findings).toContainEqual({ kind: 'subject-not-covered', words: ['freight', 'shipment'] });
  });
});

describe('right answers pass, and retries act on typed findings', () => {
  it('a correct model answer passes', async () => {
    const { record } = await review('How much has TechGiant spent so far?', [
      { toolCalls: [clients({ client_name: 'TechGiant' })] },
      { content: 'TechGiant has spent **$120,000** this year [client: TechGiant].' },
    ]);
    expect(record.reflections[0].verdict).toBe('pass');
    expect(record.reviewed_by).toBe('Built-in checks');
    expect(record.written_by).toBe('test-model');
  });

  it('a model answer without citation markers still lists the client records it names as sources', async () => {
    const { record } = await review('How much has TechGiant spent so far?', [
      { toolCalls: [clients({ client_name: 'TechGiant' })] },
      { content: 'TechGiant has spent **$120,000** so far this year, according to its client record.' },
    ]);
    expect(record.citations.map((c) => c.source)).toEqual(['TechGiant']);
  });

  it('the built-in agent says when the playbook does not cover what was asked, and who approves is not a client list', async () => {
    const copilot = createCopilot({ ...data, today: TEST_TODAY });
    const record = await copilot.answer('Who has to approve a quote for a very large freight shipment?');
    expect(record.frame?.ask.kind).toBe('policy');
    expect(record.answer).toMatch(/don't mention "freight" or "shipment"/);
    expect(record.reflections.at(-1)?.verdict).toBe('pass');
  });

  it('the built-in agent, told a condition was missed, makes exactly the call the finding names', async () => {
    const copilot = createCopilot({ ...data, today: TEST_TODAY });
    const record = await copilot.answer('Which clients renew in December 2026?');
    expect(record.attempts).toBe(1);
    expect(record.tool_calls[0].args).toMatchObject({ renewal_from: '2026-12-01', renewal_to: '2026-12-31' });
  });

  it('a retry that could not change anything is not made (no identical attempts)', async () => {
    const model = new ScriptedProvider([{ content: 'An answer with no sources.' }, { content: 'An answer with no sources.' }], 'openai', 'm');
    const copilot = createCopilot({ ...data, crm: model, today: TEST_TODAY });
    const record = await copilot.answer('How much has TechGiant spent so far?');
    // The second attempt repeated the first word for word: no third attempt is made.
    expect(record.attempts).toBe(2);
    expect(model.remaining).toBe(0);
    expect(record.answer).toMatch(/Reviewer's reservations/);
  });
});
