/**
 * The model-free reflection step: checks that the right tools were used and that every number,
 * date and client named in the answer is backed by a tool result. Feedback says what to fix.
 */
import { TOOL_SEARCH_CLIENTS, TOOL_SEARCH_PLAYBOOK } from '../../tools/types.ts';
import { gatherEvidence } from './evidence.ts';
import { candidateNames, detectIntent } from './intent.ts';
import { playbookTopics } from './plan.ts';
import { allMoney, allPercents } from './text.ts';
import type { ReflectionInput, Reflector } from '../reflection.ts';

/** The graph's reflection input (question, answer, tool calls and their results). */
export type ReflectInput = ReflectionInput;

export interface ReflectOutput {
  verdict: 'pass' | 'retry';
  feedback: string;
}

function collectNumbers(v: unknown, out: number[]): void {
  if (typeof v === 'number') out.push(v);
  else if (typeof v === 'string') out.push(...allMoney(v), ...allPercents(v));
  else if (Array.isArray(v)) for (const x of v) collectNumbers(x, out);
  else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) collectNumbers(x, out);
}

function parsed(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.5 + Math.abs(b) * 1e-9;

/** Runs every check and returns the verdict with precise feedback. */
export function reflectAnswer(input: ReflectInput): ReflectOutput {
  const issues: string[] = [];
  const intent = detectIntent(input.question);
  const ev = gatherEvidence(input.toolResults);
  const used = new Set(input.toolCalls.map((c) => c.name));
  const passageText = ev.passages.map((p) => p.text).join('\n').toLowerCase();

  if (!input.answer.trim()) issues.push('The answer is empty: compose an answer from the tool results.');

  const names = candidateNames(intent.text, []).filter((n) => !passageText.includes(n.toLowerCase()));
  const mentionsClient = names.length > 0 || ev.found.length > 0;
  if ((intent.aggregate || names.length > 0) && !used.has(TOOL_SEARCH_CLIENTS)) {
    issues.push(
      intent.aggregate
        ? 'Should have used search_clients with filters for this list/aggregate question.'
        : `Should have used search_clients to look up ${names.map((n) => `search_clients "${n}"`).join(', ')}.`,
    );
  }
  const topics = playbookTopics(intent, mentionsClient);
  if (topics.length > 0 && !used.has(TOOL_SEARCH_PLAYBOOK)) {
    const what = intent.topics.has('recommend') || intent.topics.has('meeting') ? 'the recommendation' : 'the policy';
    issues.push(`Should have used search_playbook for ${what} (${topics.join(', ')}).`);
  }

  const support: number[] = [];
  for (const r of input.toolResults) collectNumbers(parsed(r.content), support);
  support.push(...allMoney(input.question));
  const questionPcts = allPercents(input.question);
  const supportedPcts = [...support, ...questionPcts];

  for (const m of new Set(allMoney(input.answer))) {
    if (!support.some((s) => near(s, m))) issues.push(`The amount $${m.toLocaleString('en-US')} is not in any tool result: remove it or look it up.`);
  }
  for (const p of new Set(allPercents(input.answer))) {
    const derived = questionPcts.some((q) => supportedPcts.some((s) => near(q + s, p)));
    if (!supportedPcts.some((s) => near(s, p)) && !derived) issues.push(`The percentage ${p}% is not in any tool result or the question.`);
  }
  const sources = `${input.toolResults.map((r) => r.content).join('\n')}\n${input.question}`;
  for (const d of new Set(input.answer.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [])) {
    if (!sources.includes(d)) issues.push(`The date ${d} is not in any tool result.`);
  }

  const known = new Set<string>();
  for (const f of ev.found) {
    known.add(f.client.name);
    for (const a of f.alternatives) known.add(a.name);
  }
  for (const n of ev.notFound) for (const s of n.suggestions) known.add(s.name);
  for (const q of ev.queries) for (const c of q.result.clients) known.add(c.name);
  for (const m of input.answer.matchAll(/\(source: client record — ([^)]+)\)/g)) {
    if (!known.has(m[1])) issues.push(`The client "${m[1]}" is cited but does not appear in any search_clients result.`);
  }

  for (const nf of ev.notFound) {
    const said = /\b(?:not found|couldn['’]t find|could not find|no client|isn['’]t in|is not in)\b/i.test(input.answer) && input.answer.includes(nf.query);
    if (!said) issues.push(`Say that "${nf.query}" was not found in the client book (and offer the suggestions) instead of answering about it.`);
  }

  if (intent.disclosure && ev.found.length >= 2) {
    const leaked = ev.found.some((f) => allMoney(input.answer).some((m) => near(m, f.client.ytd_spend)));
    if (leaked) issues.push("The answer shares one client's spend with another client: decline, citing the confidentiality policy.");
  }

  return issues.length === 0
    ? { verdict: 'pass', feedback: 'All checks passed: tools match the question and every figure and client is backed by a tool result.' }
    : { verdict: 'retry', feedback: issues.join(' ') };
}

/** Reflector with no model: deterministic checks over the answer and the tool results. */
export class BuiltinReflector implements Reflector {
  async reflect(input: ReflectInput): Promise<ReflectOutput> {
    return reflectAnswer(input);
  }
}
