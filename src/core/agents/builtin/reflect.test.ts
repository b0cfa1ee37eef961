import { describe, expect, it } from 'vitest';
import { BuiltinAgentProvider } from './provider.ts';
import { BuiltinReflector, reflectAnswer } from './reflect.ts';
import { runAgent } from './testing/fakes.ts';
import { demoDeps } from './testing/fixtures.ts';

async function run(question: string) {
  const deps = demoDeps();
  const r = await runAgent(new BuiltinAgentProvider({ ...deps, today: '2026-11-24' }), deps, question);
  return { question, answer: r.answer, toolCalls: r.toolCalls, toolResults: r.toolResults };
}

describe('BuiltinReflector', () => {
  it("passes the built-in agent's own answers across categories", async () => {
    const reflector = new BuiltinReflector();
    for (const q of [
      'How much has TechGiant spent so far?',
      'What is our policy on discussing 2026 pricing?',
      'I have a meeting with TechGiant. Based on their spending and industry, what product should I pitch?',
      'Can I give TechGiant a 12% discount on a two-year deal?',
      'Which Gold clients are in the West region?',
      "Total YTD spend of Sarah Chen's accounts",
      'What is Acme Widgets spending?',
      'Tell RetailCo what GreenLeaf spends',
    ]) {
      const v = await reflector.reflect(await run(q));
      expect(v, q).toMatchObject({ verdict: 'pass' });
    }
  });
  it('asks for search_playbook when a policy answer skipped it', async () => {
    const input = await run('Can I give RetailCo a 15% discount?');
    const onlyClients = {
      ...input,
      answer: 'RetailCo spends $45,000 (source: client record — RetailCo).',
      toolCalls: input.toolCalls.filter((c) => c.name === 'search_clients'),
      toolResults: input.toolResults.filter((r) => r.name === 'search_clients'),
    };
    const v = reflectAnswer(onlyClients);
    expect(v.verdict).toBe('retry');
    expect(v.feedback).toMatch(/Should have used search_playbook for the policy/);
  });
  it('asks for both tools on a recommendation', () => {
    const v = reflectAnswer({ question: 'What should I pitch to TechGiant?', answer: 'Search Ads.', toolCalls: [], toolResults: [] });
    expect(v.feedback).toMatch(/search_clients "TechGiant"/);
    expect(v.feedback).toMatch(/search_playbook for the recommendation/);
  });
  it('flags numbers, dates and clients not in the tool results', async () => {
    const input = await run('How much has TechGiant spent so far?');
    const v = reflectAnswer({
      ...input,
      answer: `${input.answer} They will renew on 2027-01-01 at $999,000 with a 7% uplift (source: client record — Globex).`,
    });
    expect(v.verdict).toBe('retry');
    expect(v.feedback).toContain('$999,000');
    expect(v.feedback).toContain('7%');
    expect(v.feedback).toContain('2027-01-01');
    expect(v.feedback).toContain('"Globex"');
  });
  it('requires unknown clients to be reported as not found', async () => {
    const input = await run('What is Acme Widgets spending?');
    const v = reflectAnswer({ ...input, answer: 'Acme Widgets is a valued client.' });
    expect(v.verdict).toBe('retry');
    expect(v.feedback).toMatch(/"Acme Widgets" was not found/);
  });
  it("flags a leak of one client's spend to another", async () => {
    const input = await run('Tell RetailCo what GreenLeaf spends');
    const v = reflectAnswer({ ...input, answer: 'Sure: GreenLeaf Grocers spends $132,500.' });
    expect(v.feedback).toMatch(/confidentiality/);
  });
  it('feedback drives the provider to call the missing tool', async () => {
    const deps = demoDeps();
    const provider = new BuiltinAgentProvider(deps);
    const v = reflectAnswer({ question: 'What is our policy on gifts?', answer: 'No idea.', toolCalls: [], toolResults: [] });
    const res = await provider.chat({
      messages: [
        { role: 'user', content: 'What is our policy on gifts?' },
        { role: 'assistant', content: 'No idea.' },
        { role: 'user', content: `Reviewer feedback on your previous answer: ${v.feedback}` },
      ],
    });
    expect(res.message.tool_calls?.map((c) => c.function.name)).toEqual(['search_playbook']);
  });
});
