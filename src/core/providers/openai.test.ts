import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockOpenAIServer, type MockOpenAIServer } from '../../test-support/mock-openai-server.ts';
import { AppError } from '../errors.ts';
import { OpenAICompatibleProvider } from './openai.ts';
import type { ChatRequest } from './types.ts';

const KEY = 'sk-secret-test-key-123';
let server: MockOpenAIServer;
let provider: OpenAICompatibleProvider;

beforeAll(async () => {
  server = await startMockOpenAIServer();
  provider = new OpenAICompatibleProvider({ apiKey: KEY, baseUrl: server.url, model: 'mock-small' });
});
afterAll(() => server.close());
beforeEach(() => server.failWith(null));

const ask: ChatRequest = { messages: [{ role: 'user', content: 'Tell me about TechGiant' }] };

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('OpenAICompatibleProvider', () => {
  it('streams tokens and returns the assembled content', async () => {
    server.enqueue({ content: 'TechGiant spends $120,000 this year.' });
    const tokens: string[] = [];
    const res = await provider.chat({ ...ask, onToken: (t) => tokens.push(t) });
    expect(res).toEqual({ message: { role: 'assistant', content: 'TechGiant spends $120,000 this year.' }, finish_reason: 'stop' });
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.join('')).toBe('TechGiant spends $120,000 this year.');
    const sent = server.requests[server.requests.length - 1];
    expect(sent.body).toMatchObject({ model: 'mock-small', stream: true, messages: [{ role: 'user', content: 'Tell me about TechGiant' }] });
    expect(sent.authorization).toBe(`Bearer ${KEY}`);
  });

  it('assembles two streamed tool calls whose arguments arrive in pieces', async () => {
    server.enqueue({
      toolCalls: [
        { name: 'search_clients', args: { client_name: 'TechGiant' }, id: 'call_a' },
        { name: 'search_playbook', args: { query: 'discount approval above fifteen percent' }, id: 'call_b' },
      ],
    });
    const res = await provider.chat({
      ...ask,
      tools: [{ type: 'function', function: { name: 'search_clients', description: 'd', parameters: { type: 'object' } } }],
    });
    expect(res.finish_reason).toBe('tool_calls');
    expect(res.message.tool_calls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'search_clients', arguments: '{"client_name":"TechGiant"}' } },
      { id: 'call_b', type: 'function', function: { name: 'search_playbook', arguments: '{"query":"discount approval above fifteen percent"}' } },
    ]);
    expect((server.requests[server.requests.length - 1].body as { tools: unknown[] }).tools).toHaveLength(1);
  });

  it('sends tool messages in the OpenAI wire shape', async () => {
    server.enqueue({ content: 'done' });
    await provider.chat({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'search_clients', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', name: 'search_clients', content: '{"ok":true}' },
      ],
    });
    const body = server.requests[server.requests.length - 1].body as { messages: Record<string, unknown>[] };
    expect(body.messages[2]).toEqual({ role: 'tool', tool_call_id: 'c1', content: '{"ok":true}' });
  });

  it('cancels a hanging stream through the AbortSignal', async () => {
    server.enqueue({ hang: true, content: 'Partial answer' });
    const ctrl = new AbortController();
    const err = await errorOf(provider.chat({ ...ask, signal: ctrl.signal, onToken: () => ctrl.abort() }));
    expect(err.code).toBe('cancelled');
  });

  it.each([
    [401, 'provider-auth', /API key was rejected/],
    [403, 'provider-auth', /API key was rejected/],
    [429, 'provider-rate-limit', /rate-limiting/],
    [500, 'provider-bad-response', /server error/],
  ] as const)('maps HTTP %i to %s without leaking the key', async (status, code, message) => {
    server.failWith(status);
    const err = await errorOf(provider.chat(ask));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(JSON.stringify(err.toJSON())).not.toContain(KEY);
  });

  it('maps a malformed stream to provider-bad-response', async () => {
    server.enqueue({ malformed: true });
    expect((await errorOf(provider.chat(ask))).code).toBe('provider-bad-response');
  });

  it('maps an unreachable endpoint to provider-network and mentions CORS for custom endpoints', async () => {
    const down = await startMockOpenAIServer();
    const url = down.url;
    await down.close();
    const err = await errorOf(new OpenAICompatibleProvider({ apiKey: KEY, baseUrl: url }).chat(ask));
    expect(err.code).toBe('provider-network');
    expect(err.message).toMatch(/CORS/);
    expect(err.message).not.toContain(KEY);
  });

  it('accepts a non-streamed JSON answer from servers that ignore stream: true', async () => {
    const fetchJson: typeof fetch = async () =>
      new Response(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'plain' }, finish_reason: 'stop' }] }), {
        headers: { 'Content-Type': 'application/json' },
      });
    const res = await new OpenAICompatibleProvider({ apiKey: KEY, fetch: fetchJson }).chat(ask);
    expect(res.message.content).toBe('plain');
  });

  it('testConnection lists models and reports a bad key', async () => {
    expect(await provider.testConnection()).toEqual({ ok: true, models: ['gpt-4o-mini', 'mock-small'] });
    server.failWith(401);
    expect((await errorOf(provider.testConnection())).code).toBe('provider-auth');
  });

  it('only ever sends the key to the configured endpoint, in the Authorization header', () => {
    for (const r of server.requests) {
      expect(r.authorization === undefined || r.authorization === `Bearer ${KEY}`).toBe(true);
      expect(JSON.stringify(r.body ?? '')).not.toContain(KEY);
    }
  });
});
