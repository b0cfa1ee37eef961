/**
 * OpenAI-compatible chat provider over plain fetch with SSE streaming (OpenAI, Azure-style
 * gateways, Ollama, LM Studio, vLLM...). Failures become AppErrors with stable codes; the API
 * key is only ever sent in the Authorization header and never appears in an error message.
 */
import { AppError } from '../errors.ts';
import { StreamAssembler, readSse, type ToolCallDelta } from './stream-assembler.ts';
import type { ChatMessage, ChatProvider, ChatRequest, ChatResponse } from './types.ts';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

export interface OpenAIProviderOptions {
  apiKey: string;
  /**
   * The origin the key was entered for. When set, the key is never sent anywhere else: a base URL
   * on another origin fails with provider-auth before any request.
   */
  keyOrigin?: string;
  baseUrl?: string;
  model?: string;
  fetch?: typeof fetch;
}

type WireMessage = Record<string, unknown>;

interface NonStreamedBody {
  choices?: { message?: { content?: string | null; tool_calls?: ToolCallDelta[] }; finish_reason?: string }[];
}

function toWire(m: ChatMessage): WireMessage {
  if (m.role === 'tool') return { role: 'tool', tool_call_id: m.tool_call_id, content: m.content };
  if (m.role === 'assistant')
    return m.tool_calls?.length ? { role: 'assistant', content: m.content, tool_calls: m.tool_calls } : { role: 'assistant', content: m.content ?? '' };
  return { role: m.role, content: m.content };
}

export class OpenAICompatibleProvider implements ChatProvider {
  readonly id = 'openai' as const;
  readonly model: string;
  readonly baseUrl: string;
  readonly #apiKey: string;
  readonly #keyOrigin?: string;
  readonly #fetch: typeof fetch;

  constructor(opts: OpenAIProviderOptions) {
    this.#apiKey = opts.apiKey.trim();
    this.#keyOrigin = opts.keyOrigin;
    this.baseUrl = (opts.baseUrl?.trim() || DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, '');
    this.model = opts.model?.trim() || DEFAULT_OPENAI_MODEL;
    this.#fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  #headers(json: boolean): Record<string, string> {
    const headers: Record<string, string> = { Accept: json ? 'application/json' : 'text/event-stream' };
    if (this.#apiKey) headers.Authorization = `Bearer ${this.#apiKey}`;
    return headers;
  }

  async #request(path: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    if (this.#apiKey && this.#keyOrigin !== undefined && originOf(this.baseUrl) !== this.#keyOrigin) {
      throw new AppError('provider-auth', `The API key was entered for another endpoint, not ${hostOf(this.baseUrl)}; it was not sent.`);
    }
    let res: Response;
    try {
      res = await this.#fetch(`${this.baseUrl}${path}`, { ...init, signal });
    } catch (err) {
      if (signal?.aborted || (err instanceof Error && err.name === 'AbortError')) throw new AppError('cancelled', 'Cancelled.');
      const custom = this.baseUrl !== DEFAULT_OPENAI_BASE_URL;
      throw new AppError(
        'provider-network',
        `Could not reach ${hostOf(this.baseUrl)}. Check the address and your connection.` +
          (custom ? ' A custom endpoint must also allow requests from this page (CORS).' : ''),
      );
    }
    if (res.ok) return res;
    await res.body?.cancel().catch(() => undefined);
    throw statusError(res.status, hostOf(this.baseUrl));
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    const body: Record<string, unknown> = {
      model: this.model,
      messages: req.messages.map(toWire),
      stream: true,
    };
    if (req.tools?.length) body.tools = req.tools;
    if (req.response_format) body.response_format = req.response_format;
    if (req.temperature !== undefined) body.temperature = req.temperature;
    if (req.max_tokens !== undefined) body.max_tokens = req.max_tokens;
    const res = await this.#request(
      '/chat/completions',
      { method: 'POST', headers: { ...this.#headers(false), 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      req.signal,
    );
    const assembler = new StreamAssembler(req.onToken);
    try {
      if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
        // Some servers ignore `stream: true` and answer with one JSON body.
        const json = (await res.json()) as NonStreamedBody;
        const choice = json.choices?.[0];
        if (!choice?.message) throw new AppError('provider-bad-response', 'The model endpoint sent an answer without a message.');
        assembler.push({
          choices: [
            {
              delta: { content: choice.message.content, tool_calls: choice.message.tool_calls?.map((c, index) => ({ ...c, index })) },
              finish_reason: choice.finish_reason,
            },
          ],
        });
      } else if (res.body) {
        for await (const chunk of readSse(res.body)) assembler.push(chunk);
      }
    } catch (err) {
      if (req.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
      if (err instanceof AppError) throw err;
      throw new AppError('provider-bad-response', 'The model endpoint sent a response that could not be read.');
    }
    return assembler.result();
  }

  /** Checks the endpoint and key: GET /models, or a 1-token completion where /models is missing. */
  async testConnection(signal?: AbortSignal): Promise<{ ok: true; models: string[] }> {
    try {
      const res = await this.#request('/models', { method: 'GET', headers: this.#headers(true) }, signal);
      const json = (await res.json().catch(() => ({}))) as { data?: { id?: unknown }[] };
      const models = (json.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
      return { ok: true, models };
    } catch (err) {
      if (!(err instanceof AppError) || err.details?.status !== 404) throw err;
    }
    await this.chat({ messages: [{ role: 'user', content: 'ping' }], max_tokens: 1, signal });
    return { ok: true, models: [this.model] };
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the model endpoint';
  }
}

/** Maps an HTTP status to an AppError; never includes the server's text (it may echo the key). */
export function statusError(status: number, host: string): AppError {
  const details = { status };
  if (status === 401 || status === 403) return new AppError('provider-auth', `The API key was rejected by ${host} (HTTP ${status}).`, details);
  if (status === 429) return new AppError('provider-rate-limit', `${host} is rate-limiting requests or the quota is used up (HTTP 429).`, details);
  if (status === 404) return new AppError('provider-bad-response', `${host} does not know this model or path (HTTP 404).`, details);
  if (status >= 500) return new AppError('provider-bad-response', `${host} had a server error (HTTP ${status}).`, details);
  return new AppError('provider-bad-response', `${host} refused the request (HTTP ${status}).`, details);
}
