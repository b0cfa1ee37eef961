/**
 * What the built-in reviewer decides for stored ratings, so a newly trained critic can be compared
 * with it on answers the critic never saw. A rating made in Chat carries the verdict the reviewer
 * gave when the answer was shown (`review`); older or imported ratings are reviewed again, with the
 * typed view the graph gives the reviewer rebuilt from the record (its question read against the
 * client book, its JSON tool results as typed exchanges).
 */
import type { ReflectionInput, Reflector } from '../agents/reflection.ts';
import type { ToolExchange } from '../agents/kinds/evidence.ts';
import { parseQuestion } from '../agents/question/parse.ts';
import type { Citation } from '../citations.ts';
import { clientCitations, playbookCitations } from '../tools/format.ts';
import type { Tools } from '../tools/tools.ts';
import { TOOL_SEARCH_CLIENTS, TOOL_SEARCH_PLAYBOOK, type SearchClientsResult, type SearchPlaybookResult, type ToolData } from '../tools/types.ts';
import type { FeedbackRecord } from './records.ts';

/** What re-reviewing needs besides the record: the client book (through the tools) and "today". */
export interface ReviewContext {
  tools: Pick<Tools, 'mentions' | 'vocabulary'>;
  /** ISO date the questions are read against. */
  today: string;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The tool that produced a result text: JSON shape first, then the readable context formats. */
export function toolOfResult(text: string, calledTools: readonly string[]): string {
  const data = parsed(text);
  if (data && typeof data === 'object') {
    if ('passages' in data) return TOOL_SEARCH_PLAYBOOK;
    if ('kind' in data || 'lookup' in data) return TOOL_SEARCH_CLIENTS;
  }
  if (calledTools.length === 1) return calledTools[0];
  // "playbook.pdf, page 4 (Discounts): …" is a playbook passage; client lines name no page.
  if (/^[^\n]{1,200}?, page \d+\b/.test(text)) return TOOL_SEARCH_PLAYBOOK;
  return TOOL_SEARCH_CLIENTS;
}

/** A JSON tool result as the typed exchange the graph would have kept (arguments read back from it). */
export function exchangeOf(text: string): ToolExchange | undefined {
  const data = parsed(text);
  if (!data || typeof data !== 'object') return undefined;
  if ('passages' in data && Array.isArray(data.passages)) {
    const result = data as SearchPlaybookResult;
    const typed: ToolData = { tool: TOOL_SEARCH_PLAYBOOK, result };
    return { name: TOOL_SEARCH_PLAYBOOK, args: { query: result.query ?? '' }, data: typed };
  }
  if ('kind' in data && (data.kind === 'lookup' || data.kind === 'query')) {
    const result = data as SearchClientsResult;
    const typed: ToolData = { tool: TOOL_SEARCH_CLIENTS, result };
    const args =
      result.kind === 'query' ? { ...result.query } : { client_name: result.lookup.status === 'found' ? result.lookup.client.name : result.lookup.query };
    return { name: TOOL_SEARCH_CLIENTS, args, data: typed };
  }
  return undefined;
}

/** The reflection input a reviewer would have seen for this record's answer (typed when `ctx` is given). */
export async function recordToReflectionInput(r: FeedbackRecord, ctx?: ReviewContext): Promise<ReflectionInput> {
  const tools = r.tool_calls_made;
  const results = r.tool_results ?? [];
  const plain: ReflectionInput = {
    question: r.user_input,
    answer: r.crm_output,
    toolCalls: tools.map((name) => ({ name, args: {} })),
    toolResults: results.map((content) => ({ name: toolOfResult(content, tools), content })),
  };
  if (!ctx) return plain;
  const exchanges = results.map(exchangeOf).filter((x): x is ToolExchange => x !== undefined);
  const [mentions, vocabulary] = await Promise.all([ctx.tools.mentions(r.user_input), ctx.tools.vocabulary()]);
  const frame = parseQuestion({ question: r.user_input, mentions: mentions.results, vocabulary, today: ctx.today });
  const citations: Citation[] = exchanges.flatMap((x) =>
    x.data?.tool === TOOL_SEARCH_CLIENTS ? clientCitations(x.data.result) : x.data?.tool === TOOL_SEARCH_PLAYBOOK ? playbookCitations(x.data.result) : [],
  );
  // Calls without a typed result (readable contexts only) keep their names, so "used the playbook" still counts.
  const calls = [
    ...exchanges.map((x) => ({ name: x.name, args: x.args })),
    ...tools.filter((t) => !exchanges.some((x) => x.name === t)).map((name) => ({ name, args: {} })),
  ];
  return { ...plain, toolCalls: calls, typed: { frame, exchanges, citations, today: ctx.today, notes: [] } };
}

/**
 * The reviewer's decision on each record ('pass' = it would show the answer as it is): the verdict
 * recorded when the answer was rated, else a fresh review.
 */
export async function reviewRecords(records: readonly FeedbackRecord[], reviewer: Reflector, ctx?: ReviewContext): Promise<('pass' | 'retry')[]> {
  const out: ('pass' | 'retry')[] = [];
  for (const r of records) out.push(r.review ?? (await reviewer.reflect(await recordToReflectionInput(r, ctx))).verdict);
  return out;
}
