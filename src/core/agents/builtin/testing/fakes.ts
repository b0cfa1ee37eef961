/**
 * In-memory fakes of ClientStore and PlaybookIndex, a tool executor with the real result
 * shapes, and a tiny agent loop, so the built-in agent is tested without other modules.
 */
import { distance } from 'fastest-levenshtein';
import type { Client, ClientQuery, ClientStore, ClientVocabulary, LookupResult, QueryResult } from '../../../clients/types.ts';
import { vocabularyOf } from '../../../clients/vocabulary.ts';
import type { Chunk, PlaybookIndex, SearchHit } from '../../../playbook/types.ts';
import type { ChatMessage, ChatProvider } from '../../../providers/types.ts';
import {
  TOOL_SEARCH_CLIENTS,
  TOOL_SEARCH_PLAYBOOK,
  type SearchClientsArgs,
  type SearchClientsResult,
  type SearchPlaybookResult,
} from '../../../tools/types.ts';
import { keywords, normalize } from '../text.ts';

const key = (s: string): string => normalize(s).replace(/[.$%&]/g, ' ').replace(/\s+/g, ' ').trim();
const ratio = (a: string, b: string): number => 1 - distance(a, b) / Math.max(a.length, b.length, 1);

/** Client store over an array; lookups are exact → normalized → prefix → fuzzy (Levenshtein). */
export class MemoryClientStore implements ClientStore {
  constructor(private readonly clients: Client[]) {}
  async count(): Promise<number> {
    return this.clients.length;
  }
  async vocabulary(): Promise<ClientVocabulary> {
    return vocabularyOf(this.clients);
  }
  async list(opts: { search?: string; offset?: number; limit?: number } = {}): Promise<Client[]> {
    const s = opts.search ? key(opts.search) : '';
    const all = this.clients.filter((c) => !s || key(c.name).includes(s));
    return all.slice(opts.offset ?? 0, (opts.offset ?? 0) + (opts.limit ?? all.length));
  }
  #ranked(q: string): { c: Client; score: number }[] {
    return this.clients
      .map((c) => ({ c, score: ratio(key(q), key(c.name)) }))
      .sort((a, b) => b.score - a.score);
  }
  async lookup(name: string): Promise<LookupResult> {
    const q = key(name);
    const ranked = this.#ranked(name);
    const alternatives = (c: Client) =>
      this.clients.filter((o) => o !== c && (key(o.name).startsWith(key(c.name)) || key(c.name).startsWith(key(o.name)))).map((o) => ({ name: o.name, score: 0.8 }));
    const exact = this.clients.find((c) => c.name === name) ?? this.clients.find((c) => key(c.name) === q);
    if (exact) return { status: 'found', client: exact, match: exact.name === name ? 'exact' : 'normalized', score: 1, alternatives: alternatives(exact) };
    const prefix = this.clients.filter((c) => key(c.name).startsWith(`${q} `));
    if (prefix.length === 1) return { status: 'found', client: prefix[0], match: 'prefix', score: 0.9, alternatives: [] };
    if (ranked[0].score >= 0.8) return { status: 'found', client: ranked[0].c, match: 'fuzzy', score: ranked[0].score, alternatives: alternatives(ranked[0].c) };
    return { status: 'not-found', query: name, suggestions: ranked.filter((r) => r.score >= 0.4).slice(0, 3).map((r) => ({ name: r.c.name, score: r.score })) };
  }
  async findMentions(text: string): Promise<LookupResult[]> {
    const words = key(text).split(' ');
    const hits: { client: Client; start: number; end: number; match: 'exact' | 'prefix' | 'fuzzy'; score: number }[] = [];
    for (const c of this.clients) {
      const n = key(c.name).split(' ');
      for (let len = n.length; len >= 1; len--) {
        const target = n.slice(0, len).join(' ');
        // A single-word prefix must be distinctive ("GreenLeaf", not "Blue").
        if (len < n.length && this.clients.filter((o) => key(o.name).startsWith(`${target} `) || key(o.name) === target).length > 1) continue;
        if (len < n.length && target.length < 5) continue;
        for (let i = 0; i + len <= words.length; i++) {
          const window = words.slice(i, i + len).join(' ');
          const s = ratio(window, target);
          if (s >= (target.length >= 6 ? 0.85 : 1)) hits.push({ client: c, start: i, end: i + len, match: s === 1 ? (len === n.length ? 'exact' : 'prefix') : 'fuzzy', score: s * len });
        }
        if (hits.some((h) => h.client === c)) break;
      }
    }
    hits.sort((a, b) => b.end - b.start - (a.end - a.start) || b.score - a.score);
    const taken: typeof hits = [];
    for (const h of hits) if (!taken.some((t) => h.start < t.end && t.start < h.end)) taken.push(h);
    return taken.sort((a, b) => a.start - b.start).map((h) => ({ status: 'found', client: h.client, match: h.match, score: h.score, alternatives: [] }));
  }
  async query(q: ClientQuery): Promise<QueryResult> {
    const today = q.today ?? new Date().toISOString().slice(0, 10);
    const dayMs = 86_400_000;
    let rows = this.clients.filter(
      (c) =>
        (!q.industry || key(c.industry) === key(String(q.industry))) &&
        (!q.region || key(c.region) === key(String(q.region))) &&
        (!q.account_manager || key(c.account_manager) === key(String(q.account_manager))) &&
        (q.min_spend === undefined || c.ytd_spend >= q.min_spend) &&
        (q.max_spend === undefined || c.ytd_spend < q.max_spend) &&
        (q.open_escalation === undefined || c.open_escalation === q.open_escalation) &&
        (!q.product || c.products.some((p) => key(p) === key(String(q.product ?? '')))) &&
        (q.renewal_within_days === undefined ||
          (Date.parse(c.renewal_date) >= Date.parse(today) && Date.parse(c.renewal_date) <= Date.parse(today) + q.renewal_within_days * dayMs)),
    );
    const sum = rows.reduce((s, c) => s + c.ytd_spend, 0);
    const total = rows.length;
    if (q.order_by) {
      const by = q.order_by === 'spend_change' ? 'ytd_spend' : q.order_by;
      const dir = q.order === 'desc' ? -1 : 1;
      rows = [...rows].sort((a, b) => (a[by] < b[by] ? -dir : a[by] > b[by] ? dir : 0));
    }
    const clients = q.aggregate === 'count' ? [] : rows.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? rows.length));
    const last = rows.reduce((s, c) => s + c.last_year_spend, 0);
    return { clients, total, sum_ytd_spend: sum, avg_ytd_spend: total ? sum / total : 0, sum_last_year_spend: last, avg_last_year_spend: total ? last / total : 0 };
  }
  async importText(): Promise<never> {
    throw new Error('not supported by the fake');
  }
  async exportBytes(): Promise<Uint8Array> {
    return new Uint8Array();
  }
  async loadBytes(): Promise<void> {}
}

/** Splits Markdown into one chunk per "## " section, two sections per "page". */
export function chunksFromMarkdown(md: string, docName = 'playbook.pdf'): Chunk[] {
  const sections = md.split(/^##\s+/m).slice(1);
  return sections.map((s, i) => {
    const [heading, ...rest] = s.split('\n');
    return { id: i + 1, docId: 'doc-1', docName, page: Math.floor(i / 2) + 1, heading: heading.trim(), text: rest.join('\n').trim() };
  });
}

/** Keyword-overlap search over chunks (heading words count double). */
export class MemoryPlaybook implements PlaybookIndex {
  constructor(private readonly chunks: Chunk[]) {}
  async listDocuments() {
    return [];
  }
  async stats() {
    return { documents: 1, chunks: this.chunks.length, embedder: 'keywords', index: 'flat' as const };
  }
  async addPdf(): Promise<never> {
    throw new Error('not supported by the fake');
  }
  async removeDocument(): Promise<void> {}
  async search(query: string, k = 4): Promise<SearchHit[]> {
    const q = [...new Set(keywords(query).map((w) => w.slice(0, 5)))];
    return this.chunks
      .map((chunk) => {
        const body = new Set(keywords(chunk.text).map((w) => w.slice(0, 5)));
        const head = new Set(keywords(chunk.heading).map((w) => w.slice(0, 5)));
        const score = q.reduce((s, w) => s + (body.has(w) ? 1 : 0) + (head.has(w) ? 2 : 0), 0);
        return { chunk, score };
      })
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score || a.chunk.id - b.chunk.id)
      .slice(0, k);
  }
  async exportSnapshot(): Promise<Uint8Array> {
    return new Uint8Array();
  }
  async loadSnapshot(): Promise<void> {}
}

/** Executes a tool call the way src/core/tools does, returning the JSON content. */
export async function runTool(deps: { clients: ClientStore; playbook: PlaybookIndex }, name: string, args: Record<string, unknown>): Promise<string> {
  if (name === TOOL_SEARCH_CLIENTS) {
    const { client_name, ...filters } = args as SearchClientsArgs;
    const result: SearchClientsResult = client_name
      ? { kind: 'lookup', lookup: await deps.clients.lookup(client_name) }
      : { kind: 'query', query: { limit: 20, ...filters }, result: await deps.clients.query({ limit: 20, ...filters }) };
    return JSON.stringify(result);
  }
  if (name === TOOL_SEARCH_PLAYBOOK) {
    const query = String(args.query ?? '');
    const hits = await deps.playbook.search(query, typeof args.k === 'number' ? args.k : 4);
    const result: SearchPlaybookResult = {
      query,
      passages: hits.map((h) => ({ doc: h.chunk.docName, page: h.chunk.page, heading: h.chunk.heading, text: h.chunk.text, score: h.score })),
    };
    return JSON.stringify(result);
  }
  return `Error: unknown tool ${name}`;
}

export interface RunOutcome {
  answer: string;
  tokens: string[];
  rounds: number;
  toolCalls: { name: string; args: Record<string, unknown> }[];
  toolResults: { name: string; content: string }[];
  messages: ChatMessage[];
}

/** Drives a provider like the graph does: call tools until it answers (at most `maxRounds`). */
export async function runAgent(
  provider: ChatProvider,
  deps: { clients: ClientStore; playbook: PlaybookIndex },
  question: string,
  opts: { messages?: ChatMessage[]; maxRounds?: number } = {},
): Promise<RunOutcome> {
  const messages: ChatMessage[] = opts.messages ?? [{ role: 'user', content: question }];
  const out: RunOutcome = { answer: '', tokens: [], rounds: 0, toolCalls: [], toolResults: [], messages };
  for (let round = 0; round < (opts.maxRounds ?? 5); round++) {
    const res = await provider.chat({ messages, onToken: (t) => out.tokens.push(t) });
    messages.push(res.message);
    if (res.finish_reason !== 'tool_calls' || !res.message.tool_calls) {
      out.answer = res.message.content ?? '';
      return out;
    }
    out.rounds++;
    for (const call of res.message.tool_calls) {
      const args = JSON.parse(call.function.arguments) as Record<string, unknown>;
      const content = await runTool(deps, call.function.name, args);
      out.toolCalls.push({ name: call.function.name, args });
      out.toolResults.push({ name: call.function.name, content });
      messages.push({ role: 'tool', tool_call_id: call.id, name: call.function.name, content });
    }
  }
  throw new Error('the provider never answered');
}
