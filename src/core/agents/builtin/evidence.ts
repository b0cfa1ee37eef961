/** Parses tool-result messages (JSON of SearchClientsResult / SearchPlaybookResult) into evidence. */
import type { Client, ClientQuery, ClientSuggestion, MatchKind, QueryResult } from '../../clients/types.ts';
import { TOOL_SEARCH_CLIENTS, TOOL_SEARCH_PLAYBOOK, type PlaybookPassage } from '../../tools/types.ts';
import { isInjection } from './intent.ts';
import { escapeRegExp, keywords, sentences, stem } from './text.ts';

export interface ToolResultMessage {
  name: string;
  content: string;
}

export interface FoundClient {
  client: Client;
  match: MatchKind;
  alternatives: ClientSuggestion[];
}

export interface Evidence {
  found: FoundClient[];
  notFound: { query: string; suggestions: ClientSuggestion[] }[];
  queries: { query: ClientQuery; result: QueryResult }[];
  passages: PlaybookPassage[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isClient(v: unknown): v is Client {
  return isRecord(v) && typeof v.name === 'string' && typeof v.ytd_spend === 'number' && Array.isArray(v.products);
}

function suggestionsOf(v: unknown): ClientSuggestion[] {
  return Array.isArray(v) ? v.filter((s): s is ClientSuggestion => isRecord(s) && typeof s.name === 'string') : [];
}

/** Collects clients, queries and passages from tool results; malformed or error results are skipped. */
export function gatherEvidence(results: ToolResultMessage[]): Evidence {
  const ev: Evidence = { found: [], notFound: [], queries: [], passages: [] };
  const seenPassages = new Set<string>();
  for (const r of results) {
    const data = parseJson(r.content);
    if (!isRecord(data)) continue;
    if (r.name === TOOL_SEARCH_CLIENTS && data.kind === 'lookup' && isRecord(data.lookup)) {
      const l = data.lookup;
      if (l.status === 'found' && isClient(l.client)) {
        const client = l.client;
        if (!ev.found.some((f) => f.client.id === client.id)) {
          ev.found.push({ client, match: (l.match as MatchKind) ?? 'exact', alternatives: suggestionsOf(l.alternatives) });
        }
      } else if (l.status === 'not-found' && typeof l.query === 'string') {
        const query = l.query;
        if (!ev.notFound.some((n) => n.query.toLowerCase() === query.toLowerCase())) {
          ev.notFound.push({ query, suggestions: suggestionsOf(l.suggestions) });
        }
      }
    } else if (r.name === TOOL_SEARCH_CLIENTS && data.kind === 'query' && isRecord(data.result) && isRecord(data.query)) {
      const res = data.result;
      if (Array.isArray(res.clients) && typeof res.total === 'number') {
        ev.queries.push({
          query: data.query as ClientQuery,
          result: {
            clients: res.clients.filter(isClient),
            total: res.total,
            sum_ytd_spend: typeof res.sum_ytd_spend === 'number' ? res.sum_ytd_spend : 0,
            avg_ytd_spend: typeof res.avg_ytd_spend === 'number' ? res.avg_ytd_spend : 0,
            sum_last_year_spend: typeof res.sum_last_year_spend === 'number' ? res.sum_last_year_spend : 0,
            avg_last_year_spend: typeof res.avg_last_year_spend === 'number' ? res.avg_last_year_spend : 0,
          },
        });
      }
    } else if (r.name === TOOL_SEARCH_PLAYBOOK && Array.isArray(data.passages)) {
      for (const p of data.passages) {
        if (!isRecord(p) || typeof p.text !== 'string') continue;
        const passage: PlaybookPassage = {
          doc: typeof p.doc === 'string' ? p.doc : 'playbook',
          page: typeof p.page === 'number' ? p.page : 0,
          heading: typeof p.heading === 'string' ? p.heading : '',
          text: p.text,
          score: typeof p.score === 'number' ? p.score : 0,
        };
        const key = `${passage.doc}|${passage.page}|${passage.text}`;
        if (!seenPassages.has(key)) {
          seenPassages.add(key);
          ev.passages.push(passage);
        }
      }
    }
  }
  return ev;
}

/** Inline citation of a client record. */
export function clientCite(name: string): string {
  return `(source: client record — ${name})`;
}

/** Inline citation of a playbook passage. */
export function passageCite(p: PlaybookPassage): string {
  return `(source: ${p.doc}, p. ${p.page}${p.heading ? `, ${p.heading}` : ''})`;
}

/** Passage text without sentences that try to instruct the agent. */
export function cleanText(p: PlaybookPassage): string {
  return p.text
    .split(/\r?\n/)
    .filter((line) => !isInjection(line))
    .join('\n');
}

const RULE_WORDS = /\b(?:never|must|only|needs?|requires?|at most|no more than|do not|may)\b/i;

export interface ScoredSentence {
  sentence: string;
  passage: PlaybookPassage;
  score: number;
}

/** The passage sentences that share the most words with `query`, best first (ties keep passage order). */
export function bestSentences(passages: PlaybookPassage[], query: string, n: number, must?: RegExp, extra = ''): ScoredSentence[] {
  const words = [...new Set(keywords(query).map(stem))];
  // Words only in `extra` (topic vocabulary) count half as much as the question's own words.
  const extraWords = [...new Set(keywords(extra).map(stem))].filter((w) => !words.includes(w));
  const scored: ScoredSentence[] = [];
  let order = 0;
  const orderOf = new Map<ScoredSentence, number>();
  for (const p of passages) {
    for (const s of sentences(cleanText(p))) {
      if (s.split(/\s+/).length < 4 || isInjection(s)) continue;
      if (must && !must.test(s)) continue;
      const sw = new Set(keywords(s).map(stem));
      const overlap = words.filter((w) => sw.has(w)).length + extraWords.filter((w) => sw.has(w)).length / 2;
      if (overlap === 0 && !must) continue;
      // Rules (bullet lines, "never", "only", "needs ... approval") beat scene-setting prose.
      const bullet = new RegExp(`^\\s*[-*•]\\s+${escapeRegExp(s.slice(0, 30))}`, 'm').test(p.text);
      const score = overlap + (RULE_WORDS.test(s) ? 1 : 0) + (bullet ? 1 : 0);
      const item = { sentence: s, passage: p, score };
      orderOf.set(item, order++);
      scored.push(item);
    }
  }
  return scored
    .sort((a, b) => b.score - a.score || (orderOf.get(a) ?? 0) - (orderOf.get(b) ?? 0))
    .slice(0, n);
}

/** The first passage containing `needle` (a line or sentence read from it). */
export function passageOf(passages: PlaybookPassage[], needle: string): PlaybookPassage | undefined {
  return passages.find((p) => p.text.includes(needle));
}
