/**
 * A second document that contradicts the playbook: the built-in answer names both documents and
 * picks neither until the rep marks the one that wins; the reviewer fails an answer that applies
 * one side silently. Run over the demo and the second data set, with their own wording.
 */
import { describe, expect, it } from 'vitest';
import { createCopilot } from '../copilot.ts';
import { makePdf } from '../../../test-support/pdf-fixtures.ts';
import { ALT, DEMO, loadData, TEST_TODAY, type DataSet } from '../testing/harness.ts';
import { ScriptedProvider } from '../../../test-support/scripted-provider.ts';

interface Setup {
  data: DataSet;
  rep: string;
  memo: string[];
  question: string;
  /** The verdict of the main playbook alone. */
  playbookSays: RegExp;
}

const SETUPS: Setup[] = [
  {
    data: DEMO,
    rep: 'Sarah Chen',
    memo: ['Pricing memo', 'Discounts: up to 50%: the rep may give it at their own discretion.'],
    question: 'Can I give RetailCo a 15% discount?',
    playbookSays: /sales manager/i,
  },
  {
    data: ALT,
    rep: 'Priya Nair',
    memo: ['Regional pricing note', 'Price reductions: a seller can agree a reduction of up to 30% without asking anyone.'],
    question: 'Can I agree a 12% price reduction with Telenova?',
    playbookSays: /regional manager/i,
  },
];

async function setUp(s: Setup) {
  const { clients, playbook } = await loadData(s.data);
  const memo = await playbook.addPdf('pricing-memo.pdf', await makePdf([s.memo]));
  const copilot = createCopilot({ clients, playbook, today: TEST_TODAY, rep: s.rep });
  return { playbook, copilot, memo };
}

describe.each(SETUPS)('documents that disagree ($data.playbooks.0)', (s) => {
  it('names both documents and picks neither', async () => {
    const { copilot } = await setUp(s);
    const r = await copilot.answer(s.question);
    expect(r.answer).toMatch(/documents disagree/i);
    expect(r.answer).toContain('pricing-memo.pdf');
    expect(r.answer).toContain(s.data.playbooks[0].split('/').pop());
    expect(r.answer).not.toMatch(/^\*\*(?:Yes|No)\b/);
    expect(r.reflections.at(-1)?.verdict).toBe('pass');
  });

  it('applies the document the rep marked to win, and still names the other', async () => {
    const { copilot, playbook, memo } = await setUp(s);
    const main = (await playbook.listDocuments()).find((d) => d.id !== memo.id);
    await playbook.setWinner(main?.id ?? null);
    const r = await copilot.answer(s.question);
    expect(r.answer).toMatch(/^\*\*Yes, but only with/);
    expect(r.answer).toMatch(s.playbookSays);
    expect(r.answer).toMatch(/Another document disagrees[\s\S]*pricing-memo\.pdf/);
    expect(r.reflections.at(-1)?.verdict).toBe('pass');

    await playbook.setWinner(memo.id);
    copilot.tools.invalidate(); // as the app does after every data change
    const flipped = await copilot.answer(s.question);
    expect(flipped.answer).toMatch(/^\*\*Yes\*\* — .* within your own discretion/);
  });

  it('fails a model answer that applies one side without saying so', async () => {
    const { clients, playbook } = await loadData(s.data);
    await playbook.addPdf('pricing-memo.pdf', await makePdf([s.memo]));
    const model = new ScriptedProvider(
      [
        { toolCalls: [{ name: 'search_playbook', args: { query: s.question } }] },
        { content: `**Yes** — that is within your own discretion: "${s.memo[1]}" [pricing-memo.pdf p.1].` },
      ],
      'openai',
      'test-model',
    );
    const copilot = createCopilot({ clients, playbook, crm: model, today: TEST_TODAY, rep: s.rep, maxAttempts: 1 });
    const r = await copilot.answer(s.question);
    expect(r.reflections[0].verdict).toBe('retry');
    expect(r.reflections[0].findings?.map((f) => f.kind)).toContain('conflict-unmentioned');
  });
});

describe('documents that disagree on another rule (free pilots, second data set)', () => {
  it('names both documents instead of saying yes', async () => {
    const { clients, playbook } = await loadData(ALT);
    await playbook.addPdf(
      'pilot-update.pdf',
      await makePdf([
        ['Pilot update', 'A free pilot of a product the client does not already use can be offered', "only when the client's YTD spend is $100,000 or more."],
      ]),
    );
    const copilot = createCopilot({ clients, playbook, today: TEST_TODAY, rep: 'Priya Nair' });
    const r = await copilot.answer('Could Pinecrest Academy get a free pilot of Audio Spots?');
    expect(r.answer).toMatch(/^\*\*The documents disagree on free trials\*\*/);
    expect(r.answer).toMatch(/pilot-update\.pdf\*\*: No — Pinecrest Academy's YTD spend is \$84,000/);
    expect(r.answer).toMatch(/playbook\.pdf\*\*: Yes — /);
    expect(r.reflections.at(-1)?.verdict).toBe('pass');
  });
});
