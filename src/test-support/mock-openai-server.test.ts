import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOpenAIServer, type MockOpenAIServer } from './mock-openai-server.ts';

let server: MockOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockOpenAIServer();
  client = new OpenAI({ apiKey: 'sk-mock-key', baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());

describe('mock OpenAI server (checked with the official openai client)', () => {
  it('lists models', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(['gpt-4o-mini', 'mock-small']);
  });

  it('answers non-streamed with tool calls', async () => {
    server.enqueue({ toolCalls: [{ name: 'search_clients', args: { client_name: 'TechGiant' } }] });
    const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    const call = res.choices[0].message.tool_calls?.[0];
    expect(res.choices[0].finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('search_clients');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ client_name: 'TechGiant' });
  });

  it('streams content and tool-call deltas the client can reassemble', async () => {
    server.enqueue({ content: 'Hello there rep', toolCalls: [{ name: 'search_playbook', args: { query: 'discount rules for renewals' } }] });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    let args = '';
    let argChunks = 0;
    let name = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      text += delta?.content ?? '';
      for (const tc of delta?.tool_calls ?? []) {
        name += tc.function?.name ?? '';
        if (tc.function?.arguments) {
          args += tc.function.arguments;
          argChunks += 1;
        }
      }
    }
    expect(text).toBe('Hello there rep');
    expect(name).toBe('search_playbook');
    expect(JSON.parse(args)).toEqual({ query: 'discount rules for renewals' });
    expect(argChunks).toBeGreaterThan(1);
  });

  it('fails with the configured status and records the key only in the header', async () => {
    server.failWith(401);
    await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    server.failWith(429);
    await expect(client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'q' }] })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    server.failWith(null);
    const last = server.requests[server.requests.length - 1];
    expect(last.authorization).toBe('Bearer sk-mock-key');
    expect(JSON.stringify(last.body)).not.toContain('sk-mock-key');
  });

  it('answers CORS preflight', async () => {
    const res = await fetch(`${server.url}/chat/completions`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
  });
});
