import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOpenAIServer, type MockOpenAIServer } from '../../test-support/mock-openai-server.ts';
import { OpenAICompatibleProvider } from '../providers/openai.ts';
import { FakeClientStore, FakePlaybook } from '../tools/fakes.ts';
import { createTools } from '../tools/tools.ts';
import type { CopilotEvent } from './events.ts';
import { BuiltinReflector } from './builtin/reflect.ts';
import { LlmReflector } from './reflection.ts';
import { answerQuestion } from './runner.ts';

let server: MockOpenAIServer;
beforeAll(async () => {
  server = await startMockOpenAIServer();
});
afterAll(() => server.close());

const ANSWER = 'Only with VP approval — TechGiant ($120,000 YTD) [client: TechGiant]: above 15% needs VP approval [doc: playbook.pdf p. 2].';

describe('co-pilot over an OpenAI-compatible endpoint', () => {
  it('runs streamed tool calls, tool results and an LLM reflection end to end', async () => {
    server.enqueue(
      {
        toolCalls: [
          { name: 'search_clients', args: { client_name: 'TechGiant' } },
          { name: 'search_playbook', args: { query: 'discount approval' } },
        ],
      },
      { content: ANSWER },
      { content: '```json\n{"verdict": "pass", "feedback": "Both tools used and cited."}\n```' },
    );
    const provider = new OpenAICompatibleProvider({ apiKey: 'sk-x', baseUrl: server.url });
    const tools = createTools({ clients: new FakeClientStore(), playbook: new FakePlaybook() });
    const events: CopilotEvent[] = [];
    const record = await answerQuestion(
      'Can I give TechGiant 20%?',
      { crm: provider, reflector: new LlmReflector(provider, new BuiltinReflector()), tools },
      { onEvent: (e) => events.push(e) },
    );

    expect(record.answer).toBe(ANSWER);
    expect(record.reflections[0]).toMatchObject({ verdict: 'pass', feedback: 'Both tools used and cited.' });
    expect(record.tool_calls.map((c) => c.name)).toEqual(['search_clients', 'search_playbook']);
    expect(record.citations).toMatchObject([
      { kind: 'client', source: 'TechGiant' },
      { kind: 'playbook', source: 'playbook.pdf', page: 2, heading: 'Discounts' },
    ]);
    expect(events.filter((e) => e.type === 'token').length).toBeGreaterThan(3);
    const second = server.requests[1].body as { messages: { role: string; tool_call_id?: string }[] };
    expect(second.messages.filter((m) => m.role === 'tool')).toHaveLength(2);
    const review = server.requests[2].body as { response_format?: unknown };
    expect(review.response_format).toEqual({ type: 'json_object' });
  });
});
