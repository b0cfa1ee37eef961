/**
 * A local OpenAI-compatible server for tests (127.0.0.1, random port): `/v1/chat/completions`
 * streamed (SSE, tool-call arguments split across chunks) or not, `/v1/models`, CORS headers,
 * a scripted queue of replies, failure modes (401/429/500) and a record of every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MockReply =
  | { content?: string; toolCalls?: { name: string; args: Record<string, unknown>; id?: string }[] }
  /** Streams `content`'s first token, then never finishes (to test cancellation). */
  | { hang: true; content?: string }
  /** Sends a chunk that is not JSON. */
  | { malformed: true };

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  origin?: string;
  body: unknown;
}

export interface MockOpenAIServer {
  /** Base URL including `/v1`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  enqueue(...replies: MockReply[]): void;
  /** Every request fails with this status until set back to null. */
  failWith(status: 401 | 403 | 429 | 500 | null): void;
  close(): Promise<void>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, Accept, X-Stainless-Lang, X-Stainless-Package-Version, X-Stainless-OS, X-Stainless-Arch, X-Stainless-Runtime, X-Stainless-Runtime-Version, X-Stainless-Retry-Count, X-Stainless-Timeout',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...CORS, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

let counter = 0;

export async function startMockOpenAIServer(opts: { models?: string[] } = {}): Promise<MockOpenAIServer> {
  const models = opts.models ?? ['gpt-4o-mini', 'mock-small'];
  const queue: MockReply[] = [];
  const requests: RecordedRequest[] = [];
  let failure: number | null = null;

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    requests.push({ method: req.method ?? 'GET', path, authorization: req.headers.authorization, origin: req.headers.origin, body });
    if (failure !== null) {
      json(res, failure, { error: { message: `Mock failure ${failure} for key ${req.headers.authorization ?? ''}`, type: 'mock_error' } });
      return;
    }
    if (req.method === 'GET' && path === '/v1/models') {
      json(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'mock' })) });
      return;
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      const reply = queue.shift() ?? { content: 'OK' };
      const request = (body ?? {}) as { stream?: boolean; model?: string };
      const model = request.model ?? models[0];
      const id = `chatcmpl-${++counter}`;
      if (request.stream) streamReply(res, reply, id, model);
      else plainReply(res, reply, id, model);
      return;
    }
    json(res, 404, { error: { message: 'Not found', type: 'invalid_request_error' } });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    failWith: (status) => {
      failure = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function toolCallsOf(reply: MockReply) {
  if ('hang' in reply || 'malformed' in reply) return [];
  return (reply.toolCalls ?? []).map((c, i) => ({ id: c.id ?? `call_mock_${counter}_${i}`, name: c.name, args: JSON.stringify(c.args) }));
}

function plainReply(res: ServerResponse, reply: MockReply, id: string, model: string): void {
  const calls = toolCallsOf(reply);
  const content = 'content' in reply ? (reply.content ?? null) : null;
  json(res, 200, {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: calls.length ? content : (content ?? ''),
          refusal: null,
          ...(calls.length ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } })) } : {}),
        },
        logprobs: null,
        finish_reason: calls.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });
}

function streamReply(res: ServerResponse, reply: MockReply, id: string, model: string): void {
  res.writeHead(200, { ...CORS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  const created = Math.floor(Date.now() / 1000);
  const send = (delta: Record<string, unknown>, finish: string | null = null) =>
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`,
    );
  if ('malformed' in reply) {
    send({ role: 'assistant', content: '' });
    res.write('data: {not json\n\n');
    res.end();
    return;
  }
  const tokens = (reply.content ?? '').match(/\S+\s*|\s+/g) ?? [];
  send({ role: 'assistant', content: '' });
  if ('hang' in reply) {
    if (tokens[0]) send({ content: tokens[0] });
    return; // never ends; the client must abort
  }
  for (const token of tokens) send({ content: token });
  const calls = toolCallsOf(reply);
  calls.forEach((c, index) => {
    send({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] });
    for (const part of pieces(c.args, 7)) send({ tool_calls: [{ index, function: { arguments: part } }] });
  });
  send({}, calls.length ? 'tool_calls' : 'stop');
  res.write('data: [DONE]\n\n');
  res.end();
}
