/**
 * The built-in reviewer: checks any answer (built-in or model-written) against the question's
 * frame, the tool calls made and their typed results. Findings are typed; their sentences are for
 * display only, and a retry acts on the findings themselves.
 */
import { usedCitations, type Citation } from '../../citations.ts';
import { describeCondition } from '../question/frame.ts';
import { allMoney, allPercents } from '../question/money.ts';
import { EMPTY_EVIDENCE, gatherEvidence, type ToolExchange } from '../kinds/evidence.ts';
import type { Finding, KindContext, PlannedCall } from '../kinds/kind.ts';
import { kindOf } from '../kinds/registry.ts';
import { kindContext, lookupCalls, verdictOf } from '../kinds/common.ts';
import type { QuestionFrame } from '../question/frame.ts';
import type { RecalledNote } from '../types.ts';

export interface ReviewRequest {
  frame: QuestionFrame;
  answer: string;
  calls: { name: string; args: Record<string, unknown> }[];
  exchanges: ToolExchange[];
  /** Citations the tool results offered (what an answer may cite). */
  citations: Citation[];
  today: string;
  rep?: string;
  notes: RecalledNote[];
}

const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.5 + Math.abs(b) * 1e-9;

function numbersOf(v: unknown, out: number[]): void {
  if (typeof v === 'number') out.push(v);
  else if (typeof v === 'string') out.push(...allMoney(v), ...allPercents(v));
  else if (Array.isArray(v)) for (const x of v) numbersOf(x, out);
  else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) numbersOf(x, out);
}

/** Numbers an answer may state: the tool results', the question's, and differences/percent changes of a client's spend. */
function support(req: ReviewRequest): number[] {
  const out: number[] = [];
  for (const x of req.exchanges) numbersOf(x.data?.result, out);
  out.push(...allMoney(req.frame.question), ...allPercents(req.frame.question));
  for (const x of req.exchanges) {
    const r = x.data?.result;
    const clients = r && 'kind' in r ? (r.kind === 'lookup' ? (r.lookup.status === 'found' ? [r.lookup.client] : []) : r.result.clients) : [];
    for (const c of clients) {
      const d = c.ytd_spend - c.last_year_spend;
      out.push(Math.abs(d));
      if (c.last_year_spend > 0) out.push(Math.abs(Math.round((d / c.last_year_spend) * 1000) / 10));
    }
  }
  const pcts = allPercents(req.frame.question);
  for (const p of pcts) for (const s of [...out]) out.push(p + s);
  return out;
}

/** Dates in the sources, and each of them moved by a number of days a passage states ("120 days before"). */
function derivedDates(sources: string, passages: string): Set<string> {
  const base = new Set(sources.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []);
  const shifts = [...passages.matchAll(/\b(\d+)\s+days\b/gi)].map((m) => Number(m[1]));
  const out = new Set(base);
  for (const d of base)
    for (const n of shifts) for (const sign of [-1, 1]) out.add(new Date(Date.parse(`${d}T00:00:00Z`) + sign * n * 86_400_000).toISOString().slice(0, 10));
  return out;
}

function generic(req: ReviewRequest, ctx: KindContext): Finding[] {
  const findings: Finding[] = [];
  const answer = req.answer;
  if (!answer.trim()) return [{ kind: 'empty' }];
  const ev = gatherEvidence(req.exchanges);
  const kind = kindOf(req.frame);
  const used = new Set(req.calls.map((c) => c.name));
  // A client of the question whose record was never fetched (another client's does not count).
  for (const call of lookupCalls(req.frame, ev)) {
    findings.push({ kind: 'missing-call', call, what: `the record of ${String(call.args.client_name)}` });
    used.add(call.name);
  }
  for (const call of kind.plan(req.frame, EMPTY_EVIDENCE, ctx)) {
    if (!used.has(call.name)) {
      findings.push({ kind: 'missing-call', call, what: call.name === 'search_playbook' ? 'the playbook rule' : 'the client records' });
      used.add(call.name);
    }
  }
  const nums = support(req);
  for (const m of new Set(allMoney(answer)))
    if (!nums.some((s) => near(s, m))) findings.push({ kind: 'ungrounded', what: 'amount', value: `$${m.toLocaleString('en-US')}` });
  for (const p of new Set(allPercents(answer))) if (!nums.some((s) => near(s, p))) findings.push({ kind: 'ungrounded', what: 'percent', value: `${p}%` });
  const sources = `${req.exchanges.map((x) => JSON.stringify(x.data ?? '')).join('\n')}\n${req.frame.question}`;
  const dates = derivedDates(sources, ev.passages.map((p) => p.text).join('\n'));
  for (const d of new Set(answer.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []))
    if (!dates.has(d) && !req.frame.conditions.some((c) => c.kind === 'renewal' && (c.from === d || c.to === d)))
      findings.push({ kind: 'ungrounded', what: 'date', value: d });
  for (const m of usedCitations(answer, req.citations).unmatched) {
    if (m.kind !== 'note' || !req.notes.some((n) => n.id === m.ref)) findings.push({ kind: 'ungrounded', what: 'citation', value: m.ref });
  }
  for (const nf of ev.notFound) {
    const said =
      /\b(?:not found|couldn['’]t find|could not find|can['’]t find|no client|isn['’]t in|is not in|not in your)\b/i.test(answer) &&
      answer.toLowerCase().includes(nf.query.toLowerCase());
    if (!said) findings.push({ kind: 'not-found-unreported', name: nf.query });
  }
  for (const n of req.notes) {
    const noteVerdict = verdictOf(n.correction);
    const said = verdictOf(answer);
    if (noteVerdict && said && noteVerdict !== said && !answer.includes(n.correction))
      findings.push({ kind: 'contradicts-note', noteId: n.id, note: n.correction });
  }
  return findings;
}

/** Every finding for an answer: the generic checks, then its kind's own. */
export function reviewAnswer(req: ReviewRequest): Finding[] {
  const ev = gatherEvidence(req.exchanges);
  const ctx = kindContext(req, ev);
  const findings = generic(req, ctx);
  if (findings.some((f) => f.kind === 'empty')) return findings;
  return [...findings, ...kindOf(req.frame).check({ frame: req.frame, answer: req.answer, calls: req.calls, ev, ctx })];
}

/** The tool calls a retry should make for these findings. */
export function retryCalls(findings: readonly Finding[]): PlannedCall[] {
  return findings.flatMap((f) => (f.kind === 'missing-call' ? [f.call] : f.kind === 'condition-not-applied' && f.call ? [f.call] : []));
}

/** A finding in words, for the trace and the reviewer's reservations. */
export function findingText(f: Finding): string {
  switch (f.kind) {
    case 'missing-call':
      return `It did not look up ${f.what} (${f.call.name}).`;
    case 'condition-not-applied':
      return `It did not apply "${f.condition.words}" (${describeCondition(f.condition)}) to the client search.`;
    case 'ungrounded':
      return f.what === 'count'
        ? `The answer does not state ${f.value.replace(/ is not stated$/, '')}.`
        : `The ${f.what} ${f.value} is not in the records or passages it looked up.`;
    case 'not-found-unreported':
      return `It should say that "${f.name}" is not in the client book.`;
    case 'no-verdict':
      return `It should start with a clear answer (${f.expected}).`;
    case 'wrong-verdict':
      return `Its answer (${f.found}) does not match what the records and the playbook say (${f.expected}).`;
    case 'leak':
      return `It shares ${f.client}'s data, which must not go to another client.`;
    case 'empty':
      return 'The answer is empty.';
    case 'conflict-unmentioned':
      return `Documents disagree on ${f.topic} (${f.docs.join(', ')}), and the answer does not say so.`;
    case 'subject-not-covered':
      return `The playbook passages it found do not mention ${f.words.map((w) => `"${w}"`).join(' or ')}; it should say so instead of quoting rules about something else.`;
    case 'contradicts-note':
      return `It contradicts your earlier note: "${f.note}".`;
    case 'critic':
      return `The trained critic doubts this answer (score ${f.score.toFixed(2)}).`;
  }
}
