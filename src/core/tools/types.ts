/**
 * Arguments and results of the two tools the agents call. Results travel as JSON in `tool`
 * messages, so every provider (OpenAI, WebLLM, built-in) sees the same shapes.
 */
import type { ClientQuery, LookupResult, QueryResult } from '../clients/types.ts';

export const TOOL_SEARCH_CLIENTS = 'search_clients';
export const TOOL_SEARCH_PLAYBOOK = 'search_playbook';
export type ToolName = typeof TOOL_SEARCH_CLIENTS | typeof TOOL_SEARCH_PLAYBOOK;

/** Either a name lookup (`client_name`) or a structured query over the book (filters). */
export interface SearchClientsArgs extends ClientQuery {
  client_name?: string;
}

export type SearchClientsResult = { kind: 'lookup'; lookup: LookupResult } | { kind: 'query'; query: ClientQuery; result: QueryResult };

export interface SearchPlaybookArgs {
  query: string;
  k?: number;
}

export interface PlaybookPassage {
  doc: string;
  /** Document id in the library (opens the document). */
  docId?: string;
  /** Chunk id in the index. */
  chunkId?: number;
  page: number;
  heading: string;
  text: string;
  score: number;
  /** The rep marked this passage's document as the one that wins when documents disagree. */
  wins?: boolean;
}

export interface SearchPlaybookResult {
  query: string;
  passages: PlaybookPassage[];
}

/** A tool's typed result, kept beside its JSON text so later steps never re-parse it. */
export type ToolData = { tool: typeof TOOL_SEARCH_CLIENTS; result: SearchClientsResult } | { tool: typeof TOOL_SEARCH_PLAYBOOK; result: SearchPlaybookResult };

export interface CacheStats {
  hits: number;
  misses: number;
  size: number;
  hitRate: number;
}
