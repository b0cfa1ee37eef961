/**
 * Evidence: the typed results of every tool call made for a question, gathered once — clients
 * found and not found, book queries with their results, and playbook passages.
 */
import type { Client, ClientQuery, ClientSuggestion, MatchKind, QueryResult } from '../../clients/types.ts';
import { TOOL_SEARCH_CLIENTS, TOOL_SEARCH_PLAYBOOK, type PlaybookPassage, type ToolData } from '../../tools/types.ts';

export interface FoundClient {
  client: Client;
  match: MatchKind;
  alternatives: ClientSuggestion[];
  /** The name as it was looked up. */
  query: string;
}

export interface Evidence {
  found: FoundClient[];
  notFound: { query: string; suggestions: ClientSuggestion[] }[];
  queries: { query: ClientQuery; result: QueryResult }[];
  passages: PlaybookPassage[];
}

/** A tool call that was made, with its typed result (absent when the call failed). */
export interface ToolExchange {
  name: string;
  args: Record<string, unknown>;
  data?: ToolData;
}

export const EMPTY_EVIDENCE: Evidence = { found: [], notFound: [], queries: [], passages: [] };

/** Collects clients, queries and passages from typed tool results; failed calls are skipped. */
export function gatherEvidence(exchanges: readonly ToolExchange[]): Evidence {
  const ev: Evidence = { found: [], notFound: [], queries: [], passages: [] };
  const seen = new Set<string>();
  for (const x of exchanges) {
    const d = x.data;
    if (!d) continue;
    if (d.tool === TOOL_SEARCH_CLIENTS && d.result.kind === 'lookup') {
      const l = d.result.lookup;
      const query = typeof x.args.client_name === 'string' ? x.args.client_name : '';
      if (l.status === 'found') {
        if (!ev.found.some((f) => f.client.id === l.client.id)) ev.found.push({ client: l.client, match: l.match, alternatives: l.alternatives, query });
      } else if (!ev.notFound.some((n) => n.query.toLowerCase() === l.query.toLowerCase())) {
        ev.notFound.push({ query: l.query, suggestions: l.suggestions });
      }
    } else if (d.tool === TOOL_SEARCH_CLIENTS && d.result.kind === 'query') {
      ev.queries.push({ query: d.result.query, result: d.result.result });
    } else if (d.tool === TOOL_SEARCH_PLAYBOOK) {
      for (const p of d.result.passages) {
        const key = `${p.doc}|${p.page}|${p.text}`;
        if (!seen.has(key)) {
          seen.add(key);
          ev.passages.push(p);
        }
      }
    }
  }
  return ev;
}

/** Every client the evidence names (found, alternatives, suggestions, query results). */
export function knownClientNames(ev: Evidence): Set<string> {
  const out = new Set<string>();
  for (const f of ev.found) {
    out.add(f.client.name);
    for (const a of f.alternatives) out.add(a.name);
  }
  for (const n of ev.notFound) for (const s of n.suggestions) out.add(s.name);
  for (const q of ev.queries) for (const c of q.result.clients) out.add(c.name);
  return out;
}
