/** The built-in agent over the real SQL client store, the real playbook library (data/playbook.pdf) and the real tools. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqlClientStore } from '../../clients/sql-client-store.ts';
import { BuiltinEmbedder } from '../../playbook/builtin-embedder.ts';
import { PlaybookLibrary } from '../../playbook/library.ts';
import { createPdfTextExtractor } from '../../playbook/pdf-text.ts';
import type { ChatMessage } from '../../providers/types.ts';
import { createTools, type Tools } from '../../tools/tools.ts';
import { BuiltinAgentProvider } from './provider.ts';
import { reflectAnswer } from './reflect.ts';

let provider: BuiltinAgentProvider;
let tools: Tools;

beforeAll(async () => {
  const clients = await SqlClientStore.create();
  await clients.importText(readFileSync(new URL('../../../../data/clients.json', import.meta.url), 'utf8'), 'json', 'replace');
  const playbook = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf: createPdfTextExtractor() });
  await playbook.addPdf('playbook.pdf', new Uint8Array(readFileSync(new URL('../../../../data/playbook.pdf', import.meta.url))));
  provider = new BuiltinAgentProvider({ clients, playbook, today: '2026-11-24' });
  tools = createTools({ clients, playbook });
});

async function ask(question: string) {
  const messages: ChatMessage[] = [{ role: 'user', content: question }];
  const toolCalls: { name: string; args: Record<string, unknown> }[] = [];
  const toolResults: { name: string; content: string }[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await provider.chat({ messages });
    messages.push(res.message);
    if (res.finish_reason !== 'tool_calls') {
      const answer = res.message.content ?? '';
      return { answer, verdict: reflectAnswer({ question, answer, toolCalls, toolResults }) };
    }
    for (const call of res.message.tool_calls ?? []) {
      const out = await tools.run(call.function.name, call.function.arguments);
      toolCalls.push({ name: call.function.name, args: JSON.parse(call.function.arguments) as Record<string, unknown> });
      toolResults.push({ name: call.function.name, content: out.content });
      messages.push({ role: 'tool', tool_call_id: call.id, name: call.function.name, content: out.content });
    }
  }
  throw new Error('no answer');
}

describe('built-in agent on the real stack', () => {
  it('answers the three README examples and passes its own reflection', async () => {
    const spend = await ask('How much has TechGiant spent so far?');
    expect(spend.answer).toContain('$120,000');
    const policy = await ask('What is our policy on discussing 2026 pricing?');
    expect(policy.answer).toMatch(/2026 list prices/);
    expect(policy.answer).toMatch(/\(source: playbook\.pdf, p\. \d+/);
    const rec = await ask('I have a meeting with TechGiant. Based on their spending and industry, what product should I pitch?');
    expect(rec.answer).toContain('Mobile App Banners and Online Display Ads');
    expect(rec.answer).toContain('Gold');
    for (const r of [spend, policy, rec]) expect(r.verdict.verdict).toBe('pass');
  });
  it('handles approvals, typos, unknown clients and lists', async () => {
    expect((await ask('Can I give RetailCo a 15% discount?')).answer).toMatch(/sales manager/);
    expect((await ask('How much has Techgiant Lab spent?')).answer).toContain('$18,500');
    expect((await ask('What is Acme Widgets spending?')).answer).toMatch(/couldn't find a client named "Acme Widgets"/);
    expect((await ask('How many Healthcare clients do we have?')).answer).toMatch(/\*\*6\*\*/);
    expect((await ask('Prepare me for my meeting with GreenLeaf Grocers')).answer).toMatch(/Do not pitch right now/);
  });
});
