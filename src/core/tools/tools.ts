/**
 * The two tools the CRM agent calls, with TTL caches (5 min for clients, 10 min for the
 * playbook, as in the original) keyed by normalized arguments. A bad argument from a model
 * becomes an error message the model can read, never an exception.
 */
import type { Citation } from '../agents/types.ts';
import type { ClientStore, ClientVocabulary, LookupResult } from '../clients/types.ts';
import { toAppError } from '../errors.ts';
import type { PlaybookIndex } from '../playbook/types.ts';
import type { ToolSpec } from '../providers/types.ts';
import { TtlCache, normalizeKey, type Clock } from './cache.ts';
import { clientCitations, clientContexts, playbookCitations, playbookContexts } from './format.ts';
import { TOOL_SPECS, describeIssues, searchClientsSchema, searchPlaybookSchema } from './schemas.ts';
import {
  TOOL_SEARCH_CLIENTS,
  TOOL_SEARCH_PLAYBOOK,
  type CacheStats,
  type SearchClientsArgs,
  type SearchClientsResult,
  type SearchPlaybookArgs,
  type SearchPlaybookResult,
  type ToolData,
} from './types.ts';

export const CLIENTS_TTL_MS = 5 * 60_000;
export const PLAYBOOK_TTL_MS = 10 * 60_000;
const DEFAULT_K = 4;
const DEFAULT_LIMIT = 20;

export interface ToolRunResult {
  /** JSON text for the `tool` message (or an error sentence starting with "Error:"). */
  content: string;
  /** Human-readable text of the result, for display and evaluation. */
  contexts: string[];
  citations: Citation[];
  /** True when the result came from the cache. */
  cached: boolean;
  /** True when the call failed (bad arguments, unknown tool, store failure). */
  isError: boolean;
  /** The typed result (absent on error). */
  data?: ToolData;
}

export interface Tools {
  readonly specs: ToolSpec[];
  run(name: string, argsJson: string): Promise<ToolRunResult>;
  /**
   * Client names mentioned in a question, resolved once through the client cache: each client found
   * also fills the cache entry of its `search_clients` lookup, so the lookup that follows costs nothing.
   */
  mentions(text: string): Promise<{ results: LookupResult[]; cached: boolean }>;
  /** The book's industries, regions, managers and products (cached with the client results). */
  vocabulary(): Promise<ClientVocabulary>;
  stats(): { clients: CacheStats; playbook: CacheStats };
  /** Drops cached results; the app calls it after every import. */
  invalidate(): void;
}

interface Computed {
  content: string;
  contexts: string[];
  citations: Citation[];
  data: ToolData;
}

function toolError(message: string): ToolRunResult {
  return { content: `Error: ${message}`, contexts: [], citations: [], cached: false, isError: true };
}

/** Parses model-supplied JSON arguments; small models sometimes send '' or wrap them in a string. */
export function parseArgs(argsJson: string): unknown {
  const trimmed = argsJson.trim();
  if (trimmed === '') return {};
  const parsed: unknown = JSON.parse(trimmed);
  return typeof parsed === 'string' ? JSON.parse(parsed) : parsed;
}

/**
 * Builds the tool set over a client store and a playbook index. `today` (ISO date) is the date
 * renewal windows count from when a call gives none (the CLI's --today); default the real date.
 */
export function createTools(deps: { clients: ClientStore; playbook: PlaybookIndex; now?: Clock; today?: string }): Tools {
  const clientCache = new TtlCache<Computed>({ ttlMs: CLIENTS_TTL_MS, now: deps.now });
  const playbookCache = new TtlCache<Computed>({ ttlMs: PLAYBOOK_TTL_MS, now: deps.now });

  async function searchClients(args: SearchClientsArgs): Promise<Computed> {
    const { client_name, ...filters } = args;
    let result: SearchClientsResult;
    if (client_name) {
      result = { kind: 'lookup', lookup: await deps.clients.lookup(client_name) };
    } else {
      const query = { limit: DEFAULT_LIMIT, ...filters, today: filters.today ?? deps.today };
      result = { kind: 'query', query, result: await deps.clients.query(query) };
    }
    return {
      content: JSON.stringify(result),
      contexts: clientContexts(result),
      citations: clientCitations(result),
      data: { tool: TOOL_SEARCH_CLIENTS, result },
    };
  }

  async function searchPlaybook(args: SearchPlaybookArgs): Promise<Computed> {
    const hits = await deps.playbook.search(args.query, args.k ?? DEFAULT_K);
    const result: SearchPlaybookResult = {
      query: args.query,
      passages: hits.map((h) => ({
        doc: h.chunk.docName,
        docId: h.chunk.docId,
        chunkId: h.chunk.id,
        page: h.chunk.page,
        heading: h.chunk.heading,
        text: h.chunk.text,
        score: Math.round(h.score * 1000) / 1000,
        ...(h.wins ? { wins: true } : {}),
      })),
    };
    return {
      content: JSON.stringify(result),
      contexts: playbookContexts(result),
      citations: playbookCitations(result),
      data: { tool: TOOL_SEARCH_PLAYBOOK, result },
    };
  }

  const mentionCache = new TtlCache<LookupResult[]>({ ttlMs: CLIENTS_TTL_MS, now: deps.now });
  let vocabulary: Promise<ClientVocabulary> | null = null;

  function lookupComputed(lookup: LookupResult): Computed {
    const result: SearchClientsResult = { kind: 'lookup', lookup };
    return {
      content: JSON.stringify(result),
      contexts: clientContexts(result),
      citations: clientCitations(result),
      data: { tool: TOOL_SEARCH_CLIENTS, result },
    };
  }

  async function mentions(text: string): Promise<{ results: LookupResult[]; cached: boolean }> {
    const { value, cached } = await mentionCache.getOrCompute(normalizeKey({ mentions: text }), () => deps.clients.findMentions(text));
    for (const m of value) {
      if (m.status !== 'found') continue;
      const key = normalizeKey({ client_name: m.client.name });
      if (!clientCache.get(key)) clientCache.set(key, lookupComputed({ ...m, match: 'exact', score: 1 }));
    }
    return { results: value, cached };
  }

  async function run(name: string, argsJson: string): Promise<ToolRunResult> {
    let raw: unknown;
    try {
      raw = parseArgs(argsJson);
    } catch {
      return toolError(`the arguments for ${name} are not valid JSON. Send a JSON object, e.g. {"query": "..."}.`);
    }
    try {
      if (name === TOOL_SEARCH_CLIENTS) {
        const parsed = searchClientsSchema.safeParse(raw);
        if (!parsed.success) return toolError(`invalid arguments for ${name}: ${describeIssues(parsed.error)}.`);
        const { value, cached } = await clientCache.getOrCompute(normalizeKey(parsed.data), () => searchClients(parsed.data));
        return { ...value, cached, isError: false };
      }
      if (name === TOOL_SEARCH_PLAYBOOK) {
        const parsed = searchPlaybookSchema.safeParse(raw);
        if (!parsed.success) return toolError(`invalid arguments for ${name}: ${describeIssues(parsed.error)}.`);
        const args = { k: DEFAULT_K, ...parsed.data };
        const { value, cached } = await playbookCache.getOrCompute(normalizeKey(args), () => searchPlaybook(args));
        return { ...value, cached, isError: false };
      }
    } catch (err) {
      const e = toAppError(err);
      return toolError(`${name} failed (${e.code}): ${e.message}`);
    }
    return toolError(`there is no tool named "${name}". Available tools: ${TOOL_SEARCH_CLIENTS}, ${TOOL_SEARCH_PLAYBOOK}.`);
  }

  return {
    specs: TOOL_SPECS,
    run,
    mentions,
    vocabulary: () =>
      (vocabulary ??= deps.clients.vocabulary().catch((err: unknown) => {
        vocabulary = null;
        throw err;
      })),
    stats: () => ({ clients: clientCache.stats(), playbook: playbookCache.stats() }),
    invalidate: () => {
      clientCache.clear();
      playbookCache.clear();
      mentionCache.clear();
      vocabulary = null;
    },
  };
}
