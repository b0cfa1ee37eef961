/**
 * The steps behind an answer, in a rep's words ("Looked up TechGiant in your client book — 3 ms",
 * "Checked the answer — …", "Trying again (attempt 2 of 3)"), and the same steps raw (node names,
 * JSON arguments) for the Details disclosure.
 */
import type { CopilotEvent } from '../../../core/agents/events.ts';
import type { AnswerRecord, ReflectionVerdict } from '../../../core/agents/types.ts';
import { askInWords, describeCondition, type QuestionFrame } from '../../../core/agents/question/frame.ts';

type StepEvent = Exclude<CopilotEvent, { type: 'token' }>;

export interface TraceLine {
  text: string;
  tone: 'info' | 'ok' | 'warn';
}

const usd = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Tool names as a rep would say them, for reviewer feedback that mentions them. */
const TOOL_WORDS: Record<string, string> = { search_clients: 'the client book lookup', search_playbook: 'the playbook search' };

function inWords(feedback: string): string {
  return feedback.replace(/\b(search_clients|search_playbook)\b/g, (m) => TOOL_WORDS[m] ?? m).trim();
}

function spendRange(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return ` spending ${usd(min)} to under ${usd(max)}`;
  if (min !== undefined) return ` spending ${usd(min)} or more`;
  if (max !== undefined) return ` spending under ${usd(max)}`;
  return '';
}

/** "Counted Retail clients renewing within 90 days in your client book". */
function describeClientSearch(args: Record<string, unknown>): string {
  const name = str(args.client_name);
  if (name) return `Looked up ${name} in your client book`;
  const verbs: Record<string, string> = { count: 'Counted', sum: 'Added up the spend of', avg: 'Averaged the spend of' };
  const verb = verbs[str(args.aggregate) ?? ''] ?? 'Listed';
  const industry = str(args.industry);
  let who = industry ? `${industry} clients` : 'clients';
  const region = str(args.region);
  if (region) who += ` in the ${region} region`;
  const manager = str(args.account_manager);
  if (manager) who += ` managed by ${manager}`;
  const product = str(args.product);
  if (product) who += ` using ${product}`;
  who += spendRange(num(args.min_spend), num(args.max_spend));
  if (args.open_escalation === true) who += ' with an open escalation';
  if (args.open_escalation === false) who += ' without an open escalation';
  const without = args.without_product;
  if (typeof without === 'string' || Array.isArray(without)) who += ` not using ${[without].flat().join(' or ')}`;
  if (args.has_products === false) who += ' with no products yet';
  if (args.spend_change === 'down') who += ' spending less than last year';
  if (args.spend_change === 'up') who += ' spending more than last year';
  const days = num(args.renewal_within_days);
  if (days !== undefined) who += ` renewing within ${days} days`;
  const from = str(args.renewal_from);
  const to = str(args.renewal_to);
  if (from && to) who += ` renewing ${from} to ${to}`;
  else if (from) who += ` renewing on or after ${from}`;
  else if (to) who += ` renewing on or before ${to}`;
  if (who === 'clients' && verb === 'Listed') who = 'all clients';
  return `${verb} ${who} in your client book`;
}

function describeCall(name: string, args: Record<string, unknown>): string {
  if (name === 'search_clients') return describeClientSearch(args);
  if (name === 'search_playbook') {
    const query = str(args.query);
    return query ? `Searched the playbook for “${query}”` : 'Searched the playbook';
  }
  return `Used ${name.replace(/_/g, ' ')}`;
}

function describeResult(e: Extract<StepEvent, { type: 'tool.result' }>): string {
  if (e.error) return ' — it failed';
  const parts: string[] = [];
  if (e.count !== undefined) {
    const noun = e.name === 'search_playbook' ? 'passage' : 'client';
    parts.push(`${e.count} ${noun}${e.count === 1 ? '' : 's'}`);
  }
  parts.push(`${e.ms} ms`);
  return ` — ${parts.join(', ')}${e.cached ? ' (reused an earlier result)' : ''}`;
}

function describeVerdict(v: ReflectionVerdict): TraceLine {
  const critic = v.critic_score !== undefined ? ` The trained critic rates it ${Math.round(v.critic_score * 100)}% likely to be right.` : '';
  if (v.verdict === 'pass') {
    const why = v.feedback.trim() ? ` — ${inWords(v.feedback)}` : ': no problems found';
    return { text: `Checked the answer${why}${critic}`, tone: 'ok' };
  }
  const problems = v.problems?.length ? v.problems.join(' ') : v.feedback;
  return { text: `Checked the answer — found a problem: ${inWords(problems) || 'the reviewer could not confirm it'}${critic}`, tone: 'warn' };
}

/** "Understood: a count of clients — Finance, renewing 2026-12-01 to 2026-12-31 (follow-up: of them → …)". */
function describeFrame(frame: QuestionFrame): TraceLine {
  const conditions = frame.conditions.map((c) => (c.kind === 'unsupported' ? `could not apply "${c.words}"` : describeCondition(c)));
  const clients = frame.clients.map((c) => c.name);
  const parts = [...clients, ...conditions];
  const followUp = frame.resolved.length ? ` (follow-up: ${frame.resolved.join('; ')})` : '';
  const unsupported = frame.conditions.some((c) => c.kind === 'unsupported');
  return {
    text: `Understood the question as ${askInWords(frame.ask)}${parts.length ? ` — ${parts.join(', ')}` : ''}${followUp}`,
    tone: unsupported ? 'warn' : 'info',
  };
}

/** The steps in words, in order. */
export function traceInWords(events: StepEvent[], record?: AnswerRecord): TraceLine[] {
  const lines: TraceLine[] = [];
  const pending = new Map<string, TraceLine[]>();
  events.forEach((e, i) => {
    switch (e.type) {
      case 'tool.call': {
        const line: TraceLine = { text: describeCall(e.name, e.args), tone: 'info' };
        lines.push(line);
        pending.set(e.name, [...(pending.get(e.name) ?? []), line]);
        break;
      }
      case 'tool.result': {
        const queue = pending.get(e.name) ?? [];
        const line = queue.shift();
        if (line) {
          line.text += describeResult(e);
          if (e.error) line.tone = 'warn';
        }
        break;
      }
      case 'node.end': {
        const next = events[i + 1];
        if (e.node === 'crm_agent' && next?.type === 'node.start' && next.node === 'reflection') {
          lines.push({ text: `${e.attempt > 1 ? 'Wrote a new answer' : 'Wrote the answer'} — ${e.ms} ms`, tone: 'info' });
        }
        break;
      }
      case 'reflection':
        lines.push(describeVerdict(e.verdict));
        break;
      case 'retry':
        lines.push({ text: `Trying again to fix it (attempt ${e.attempt} of 3)`, tone: 'warn' });
        break;
      case 'notice':
        lines.push({ text: e.text, tone: 'warn' });
        break;
      case 'understood':
        lines.push(describeFrame(e.frame));
        break;
      case 'node.start':
        break;
    }
  });
  const last = record?.reflections.at(-1);
  if (record && last && last.verdict !== 'pass') {
    lines.push({ text: `Shown with the reviewer's reservations after ${record.attempts} attempt${record.attempts === 1 ? '' : 's'}`, tone: 'warn' });
  }
  return lines;
}

/** One step as the developer sees it: node names, tool names and JSON arguments. */
export function rawTraceLine(e: StepEvent): string {
  switch (e.type) {
    case 'node.start':
      return `${e.node} · start · attempt ${e.attempt}`;
    case 'node.end':
      return `${e.node} · done · ${e.ms} ms`;
    case 'tool.call':
      return `tool_call ${e.name} ${JSON.stringify(e.args)}`;
    case 'tool.result':
      return `tool_result ${e.name} · ${e.error ? 'error' : 'ok'} · ${e.ms} ms${e.count !== undefined ? ` · ${e.count} results` : ''}${e.cached ? ' · cached' : ''}`;
    case 'reflection': {
      const v = e.verdict;
      const critic = v.critic_score !== undefined ? ` · critic ${v.critic_score.toFixed(2)}` : '';
      return `reflection · ${v.verdict.toUpperCase()}${critic}${v.feedback ? ` · ${v.feedback}` : ''}`;
    }
    case 'retry':
      return `retry · attempt ${e.attempt} · ${e.feedback}`;
    case 'notice':
      return `notice · ${e.text}`;
    case 'understood':
      return `understood · ${JSON.stringify({ ask: e.frame.ask, conditions: e.frame.conditions, clients: e.frame.clients.map((c) => c.name), resolved: e.frame.resolved })}`;
  }
}

/** The one-line summary of the steps: "1 attempt · 0.8 s". */
export function traceSummary(record: AnswerRecord | undefined): string {
  if (!record) return '';
  const time = record.ms >= 1000 ? `${(record.ms / 1000).toFixed(1)} s` : `${record.ms} ms`;
  return `${record.attempts} attempt${record.attempts === 1 ? '' : 's'} · ${time}`;
}
