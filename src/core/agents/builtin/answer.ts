/**
 * The built-in agent's two moves over a typed turn: plan the next tool calls (the kind's needs,
 * plus what the reviewer asked for), or compose the cited answer from the evidence.
 */
import { formatCitation } from '../../citations.ts';
import { kindContext, lookupCalls } from '../kinds/common.ts';
import { gatherEvidence, type Evidence } from '../kinds/evidence.ts';
import type { PlannedCall } from '../kinds/kind.ts';
import { kindOf } from '../kinds/registry.ts';
import { describeCondition, type QuestionFrame } from '../question/frame.ts';
import type { AgentTurn } from '../turn.ts';
import { retryCalls } from './review.ts';

function callKey(c: { name: string; args: Record<string, unknown> }): string {
  const sorted = Object.keys(c.args)
    .sort()
    .map((k) => [k, c.args[k]]);
  return `${c.name}:${JSON.stringify(sorted)}`;
}

/** The tool calls still needed for a turn ([] when everything is in hand). */
export function planTurn(turn: AgentTurn): PlannedCall[] {
  const ev = gatherEvidence(turn.exchanges);
  const kind = kindOf(turn.frame);
  const calls = [...lookupCalls(turn.frame, ev), ...kind.plan(turn.frame, ev, kindContext(turn, ev)), ...retryCalls(turn.findings)];
  const seen = new Set(turn.exchanges.map(callKey));
  return calls.filter((c) => {
    const k = callKey(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Kinds whose answer is about named clients: with none found, only the not-found line is said. */
const NEEDS_CLIENT = new Set(['facts', 'compare', 'change', 'recommend', 'brief', 'draft', 'tier', 'reference', 'pitch', 'disclosure']);

function notFoundLines(_frame: QuestionFrame, ev: Evidence): string[] {
  return ev.notFound.map((nf) => {
    const sugg = nf.suggestions.slice(0, 3).map((s) => `**${s.name}**`);
    return `I couldn't find a client named "${nf.query}" in your client book, so I won't guess at their details.${sugg.length ? ` Did you mean ${sugg.join(', ')}?` : ''}`;
  });
}

/** The built-in agent's Markdown answer for a turn, citing every record and passage it uses. */
export function composeTurn(turn: AgentTurn): string {
  const { frame } = turn;
  const ev = gatherEvidence(turn.exchanges);
  const ctx = kindContext(turn, ev);
  const kind = kindOf(frame);
  const out: string[] = [];
  if (frame.resolved.length && kind.id !== 'out-of-scope') out.push(`_Reading this as a follow-up: ${frame.resolved.join('; ')}._`);
  out.push(...notFoundLines(frame, ev));
  if (frame.injection)
    out.push('_Note: I ignored instructions in the question that try to change my rules; the answer follows the client records and the playbook._');
  // A condition the client book cannot express is said first, never dropped silently.
  const unsupported = frame.conditions.filter((c) => c.kind === 'unsupported');
  if (unsupported.length)
    out.push(
      `**Not applied:** I could not filter by ${unsupported.map((c) => `"${c.words}" — ${describeCondition(c)}`).join('; ')}. The rest of the question is answered below.`,
    );
  const found = ev.found.length > 0;
  if (!(NEEDS_CLIENT.has(kind.id) && !found && ev.notFound.length > 0)) {
    const composed = kind.compose(frame, ev, ctx);
    if (composed.lead) out.push(composed.lead);
    out.push(...composed.sections.filter(Boolean));
  }
  for (const f of ev.found) {
    if (f.match !== 'exact' && f.match !== 'normalized' && f.alternatives.length > 0 && frame.clients.some((c) => c.name === f.client.name && !c.inherited)) {
      out.push(
        `Note: I matched **${f.client.name}**; did you mean ${f.alternatives
          .slice(0, 2)
          .map((a) => `**${a.name}**`)
          .join(' or ')}? Ask me about that one by its full name.`,
      );
    }
  }
  for (const n of turn.notes)
    out.push(
      `**Your note** from an earlier correction (to "${n.question}"): ${n.correction} ${formatCitation({ kind: 'note', source: 'Your note', noteId: n.id })}`,
    );
  if (kind.id !== 'out-of-scope' && turn.exchanges.length === 0) out.push("I didn't find anything to look up for this question.");
  return out.filter(Boolean).join('\n\n');
}
