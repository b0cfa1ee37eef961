import { MemorySaver } from '@langchain/langgraph/web';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { ChatRequest } from '../providers/types.ts';
import { FakeClientStore, FakePlaybook } from '../tools/fakes.ts';
import { createTools } from '../tools/tools.ts';
import { ScriptedProvider, type ScriptStep } from '../../test-support/scripted-provider.ts';
import type { CopilotEvent } from './events.ts';
import { FEEDBACK_PREFIX, TOOL_CAP_MESSAGE } from './prompts.ts';
import type { ReflectionInput, Reflector } from './reflection.ts';
import { answerQuestion } from './runner.ts';
import type { ReflectionVerdict } from './types.ts';

class ScriptedReflector implements Reflector {
  inputs: ReflectionInput[] = [];
  constructor(private readonly verdicts: ReflectionVerdict[]) {}
  async reflect(input: ReflectionInput): Promise<ReflectionVerdict> {
    this.inputs.push(input);
    const v = this.verdicts.shift();
    if (!v) throw new Error('reflector ran out of verdicts');
    return v;
  }
}

const PASS: ReflectionVerdict = { verdict: 'pass', feedback: 'Grounded and cited.', problems: [] };
const retry = (feedback: string, problems = 1): ReflectionVerdict => ({
  verdict: 'retry',
  feedback,
  problems: Array.from({ length: problems }, (_, i) => `${feedback} #${i}`),
});

function setup(steps: ScriptStep[], verdicts: ReflectionVerdict[]) {
  const clients = new FakeClientStore();
  const playbook = new FakePlaybook();
  const tools = createTools({ clients, playbook });
  const crm = new ScriptedProvider(steps, 'openai', 'scripted-model');
  const reflector = new ScriptedReflector(verdicts);
  return { deps: { crm, reflector, tools }, crm, reflector, clients, playbook };
}

const bothTools: ScriptStep = {
  toolCalls: [
    { name: 'search_clients', args: { client_name: 'TechGiant' } },
    { name: 'search_playbook', args: { query: 'discount approval' } },
  ],
};

const lastUser = (req: ChatRequest) => [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';

describe('answerQuestion', () => {
  it('passes on the first attempt with tool results, contexts and citations', async () => {
    const answer = 'TechGiant spends **$120,000** [client: TechGiant]; above 15% needs VP approval [doc: playbook.pdf p. 2].';
    const { deps, crm } = setup([bothTools, { content: answer }], [PASS]);
    const events: CopilotEvent[] = [];
    const record = await answerQuestion('Can I give TechGiant 20% off?', deps, { onEvent: (e) => events.push(e) });
    expect(record.answer).toBe(answer);
    expect(record.attempts).toBe(1);
    expect(record.tool_calls).toEqual([
      { name: 'search_clients', args: { client_name: 'TechGiant' } },
      { name: 'search_playbook', args: { query: 'discount approval' } },
    ]);
    expect(record.contexts[0]).toMatch(/^TechGiant — industry Electronics/);
    expect(record.contexts).toContain('playbook.pdf, page 2 (Discounts): Discounts above 15% need VP approval.');
    expect(record.citations).toMatchObject([
      { kind: 'client', source: 'TechGiant', clientId: 1 },
      { kind: 'playbook', source: 'playbook.pdf', page: 2, heading: 'Discounts' },
    ]);
    expect(record.reflections).toEqual([PASS]);
    expect(record.provider).toBe('openai');
    expect(record.written_by).toBe('scripted-model');
    expect(record.frame?.clients.map((c) => c.name)).toEqual(['TechGiant']);
    expect(record.trace?.map((s) => s.node)).toEqual(['understand', 'crm_agent', 'tools', 'crm_agent', 'reflection']);
    // The second model turn sees both tool results, answered to the right call ids.
    const second = crm.requests[1].messages;
    const assistant = second.find((m) => m.role === 'assistant');
    const ids = assistant?.role === 'assistant' ? assistant.tool_calls?.map((c) => c.id) : [];
    expect(second.filter((m) => m.role === 'tool').map((m) => (m.role === 'tool' ? m.tool_call_id : ''))).toEqual(ids);
    expect(crm.requests[0].tools?.length).toBe(2);
    expect(crm.requests[0].messages[0].role).toBe('system');
  });

  it('lists only the sources the answer cites, numbered by first use', async () => {
    const named = setup([bothTools, { content: 'Above 15% needs VP approval [doc: playbook.pdf p. 2].' }], [PASS]);
    const record = await answerQuestion('q', named.deps);
    expect(record.citations).toMatchObject([{ kind: 'playbook', source: 'playbook.pdf', page: 2, heading: 'Discounts' }]);
    const unnamed = setup([bothTools, { content: 'Ask your VP.' }], [PASS]);
    expect((await answerQuestion('q', unnamed.deps)).citations).toEqual([]);
  });

  it('emits events in order', async () => {
    const { deps } = setup([bothTools, { content: 'Done here.' }], [PASS]);
    const events: CopilotEvent[] = [];
    await answerQuestion('q', deps, { onEvent: (e) => events.push(e) });
    const compact = events.map((e) => ('node' in e ? `${e.type}:${e.node}` : e.type));
    expect(compact).toEqual([
      'node.start:understand',
      'understood',
      'node.end:understand',
      'node.start:crm_agent',
      'node.end:crm_agent',
      'node.start:tools',
      'tool.call',
      'tool.call',
      'tool.result',
      'tool.result',
      'node.end:tools',
      'node.start:crm_agent',
      'token',
      'token',
      'node.end:crm_agent',
      'node.start:reflection',
      'reflection',
      'node.end:reflection',
    ]);
    const result = events.find((e) => e.type === 'tool.result');
    expect(result).toMatchObject({ cached: false, error: false });
  });

  it('retries twice with the reviewer feedback, then passes on the third attempt', async () => {
    const { deps, crm } = setup(
      [{ content: 'first' }, { content: 'second' }, { content: 'third' }],
      [retry('Use search_playbook for the discount rule.'), retry('Cite the playbook page.'), PASS],
    );
    const events: CopilotEvent[] = [];
    const record = await answerQuestion('Discount for TechGiant?', deps, { onEvent: (e) => events.push(e) });
    expect(record.answer).toBe('third');
    expect(record.attempts).toBe(3);
    expect(record.reflections.map((r) => r.verdict)).toEqual(['retry', 'retry', 'pass']);
    expect(lastUser(crm.requests[1])).toContain(`${FEEDBACK_PREFIX} Use search_playbook for the discount rule.`);
    expect(lastUser(crm.requests[2])).toContain('Cite the playbook page.');
    expect(events.filter((e) => e.type === 'retry')).toEqual([
      { type: 'retry', attempt: 2, feedback: 'Use search_playbook for the discount rule.' },
      { type: 'retry', attempt: 3, feedback: 'Cite the playbook page.' },
    ]);
  });

  it('after three failures returns the attempt with the fewest problems, with reservations', async () => {
    const { deps } = setup(
      [{ content: 'answer one' }, { content: 'answer two' }, { content: 'answer three' }],
      [retry('Three issues.', 3), retry('Missing page.', 1), retry('Two issues.', 2)],
    );
    const record = await answerQuestion('q', deps);
    expect(record.attempts).toBe(3);
    expect(record.answer).toBe("answer two\n\n> **Reviewer's reservations:** Missing page.");
    expect(record.reflections).toHaveLength(3);
  });

  it('runs the tools of one turn concurrently', async () => {
    const { deps, clients, playbook } = setup([bothTools, { content: 'ok' }], [PASS]);
    let inFlight = 0;
    let maxInFlight = 0;
    const hold = async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => setImmediate(resolve));
      inFlight -= 1;
    };
    clients.delay = hold;
    playbook.delay = hold;
    await answerQuestion('q', deps);
    expect(maxInFlight).toBe(2);
  });

  it('turns bad tool arguments into a tool error the model reads, and caps tool rounds', async () => {
    const loop: ScriptStep = { toolCalls: [{ name: 'search_clients', args: { limit: 'lots' } }] };
    const { deps, crm } = setup([loop, loop, loop, loop, { content: 'final' }], [PASS]);
    const record = await answerQuestion('q', deps);
    expect(record.answer).toBe('final');
    const toolMsg = crm.requests[1].messages.find((m) => m.role === 'tool');
    expect(toolMsg?.content).toMatch(/^Error: invalid arguments for search_clients/);
    expect(crm.requests[4].tools).toBeUndefined();
    expect(lastUser(crm.requests[4])).toBe(TOOL_CAP_MESSAGE);
    expect(record.tool_calls).toHaveLength(4);
  });

  it('resumes a thread from the checkpointer: the second question sees the first turn', async () => {
    const { deps, crm } = setup([{ content: 'TechGiant is in Electronics.' }, { content: 'Sarah Chen manages it.' }], [PASS, PASS]);
    const checkpointer = new MemorySaver();
    await answerQuestion('What industry is TechGiant in?', deps, { threadId: 'th-1', checkpointer });
    const second = await answerQuestion('Who manages it?', deps, { threadId: 'th-1', checkpointer });
    expect(second.answer).toBe('Sarah Chen manages it.');
    expect(second.attempts).toBe(1);
    const contents = crm.requests[1].messages.map((m) => m.content);
    expect(contents).toContain('What industry is TechGiant in?');
    expect(contents).toContain('TechGiant is in Electronics.');
    expect(crm.requests[0].messages.map((m) => m.content)).not.toContain('Who manages it?');
  });

  it('falls back to the built-in provider when the API key is rejected', async () => {
    const { deps } = setup([], [PASS]);
    const openai = new ScriptedProvider([{ error: new AppError('provider-auth', 'The API key was rejected.') }], 'openai', 'gpt-4o-mini');
    const builtin = new ScriptedProvider([{ content: 'built-in answer' }]);
    const events: CopilotEvent[] = [];
    const record = await answerQuestion('q', { ...deps, crm: openai, fallback: builtin }, { onEvent: (e) => events.push(e) });
    expect(record.answer).toBe('built-in answer');
    expect(record.provider).toBe('builtin');
    expect(record.notice).toMatch(/built-in agent because the API key was rejected/);
    expect(record.written_by).toBe('Built-in, because the API key was rejected');
    expect(events.some((e) => e.type === 'notice')).toBe(true);
  });

  it('falls back on the same checkpointed thread without duplicating the turn', async () => {
    const { deps } = setup([], [PASS, PASS]);
    const checkpointer = new MemorySaver();
    const openai = new ScriptedProvider([{ error: new AppError('provider-network', 'down') }], 'openai');
    const builtin = new ScriptedProvider([{ content: 'first answer' }, { content: 'second answer' }]);
    const withFallback = { ...deps, crm: openai, fallback: builtin };
    const first = await answerQuestion('first question', withFallback, { threadId: 'fb', checkpointer });
    expect(first.notice).toMatch(/could not be reached/);
    await answerQuestion('second question', { ...deps, crm: builtin }, { threadId: 'fb', checkpointer });
    const seen = builtin.requests[1].messages.map((m) => m.content);
    expect(seen.filter((c) => c === 'first question')).toHaveLength(1);
    expect(seen).toContain('first answer');
  });

  it('does not fall back on other errors and keeps their code', async () => {
    const { deps } = setup([], []);
    const openai = new ScriptedProvider([{ error: new AppError('provider-bad-response', 'bad') }], 'openai');
    const builtin = new ScriptedProvider([{ content: 'x' }]);
    await expect(answerQuestion('q', { ...deps, crm: openai, fallback: builtin })).rejects.toMatchObject({ code: 'provider-bad-response' });
    expect(builtin.requests).toHaveLength(0);
  });

  it('cancels with the cancelled code', async () => {
    const ctrl = new AbortController();
    const { deps } = setup(
      [
        () => {
          ctrl.abort();
          return { message: { role: 'assistant', content: 'x' }, finish_reason: 'stop' };
        },
      ],
      [PASS],
    );
    await expect(answerQuestion('q', deps, { signal: ctrl.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
