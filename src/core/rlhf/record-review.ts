/**
 * Runs today's reviewer over stored feedback records, so a newly trained critic can be compared
 * with it on answers the critic never saw. A record keeps tool names and result texts but not
 * which result came from which call, so each result's tool is read from its shape.
 */
import type { ReflectionInput, Reflector } from '../agents/reflection.ts';
import { TOOL_SEARCH_CLIENTS, TOOL_SEARCH_PLAYBOOK } from '../tools/types.ts';
import type { FeedbackRecord } from './records.ts';

/** The tool that produced a result text: JSON shape first, then the readable context formats. */
export function toolOfResult(text: string, calledTools: readonly string[]): string {
  try {
    const data: unknown = JSON.parse(text);
    if (data && typeof data === 'object') {
      if ('passages' in data) return TOOL_SEARCH_PLAYBOOK;
      if ('kind' in data || 'lookup' in data) return TOOL_SEARCH_CLIENTS;
    }
  } catch {
    // Readable context text (AnswerRecord.contexts): fall through to its shape.
  }
  if (calledTools.length === 1) return calledTools[0];
  // "playbook.pdf, page 4 (Discounts): …" is a playbook passage; client lines name no page.
  if (/^[^\n]{1,200}?, page \d+\b/.test(text)) return TOOL_SEARCH_PLAYBOOK;
  return TOOL_SEARCH_CLIENTS;
}

/** The reflection input a reviewer would have seen for this record's answer. */
export function recordToReflectionInput(r: FeedbackRecord): ReflectionInput {
  const tools = r.tool_calls_made;
  return {
    question: r.user_input,
    answer: r.crm_output,
    toolCalls: tools.map((name) => ({ name, args: {} })),
    toolResults: (r.tool_results ?? []).map((content) => ({ name: toolOfResult(content, tools), content })),
  };
}

/** What a reviewer decided for each record ('pass' = it would have shown the answer as it is). */
export async function reviewRecords(records: readonly FeedbackRecord[], reviewer: Reflector): Promise<('pass' | 'retry')[]> {
  const out: ('pass' | 'retry')[] = [];
  for (const r of records) out.push((await reviewer.reflect(recordToReflectionInput(r))).verdict);
  return out;
}
