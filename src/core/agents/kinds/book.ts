/**
 * Questions over the whole client book: which clients, how many, total, average, top/bottom N.
 * Every condition of the frame goes into one parameter-only query; a condition the book cannot
 * express is said, never dropped.
 */
import type { Client, ClientQuery, QueryResult } from '../../clients/types.ts';
import { TOOL_SEARCH_CLIENTS } from '../../tools/types.ts';
import { conditionApplied, toClientQuery, type TierRange } from '../question/conditions.ts';
import { describeCondition, type Aggregate, type Ask, type Condition, type QuestionFrame, type RankBy } from '../question/frame.ts';
import { parseCount } from '../question/numbers.ts';
import { digitize } from '../question/numbers.ts';
import { minSpendIn, tierRange, type TierRule } from '../builtin/rules.ts';
import { bestSentences, citeLine, clientCite, passageCite, plural, quote, topicCall, usd, type ScoredSentence } from './common.ts';
import type { Evidence } from './evidence.ts';
import type { Finding, Kind, KindContext, PlannedCall, ReviewInput } from './kind.ts';
import { topicQuery } from './topics.ts';

const LIMIT = 20;

/** Words that ask for a list of clients rather than a rule. */
const LISTY =
  /\b(?:which|list|show(?: me)?|name|find|give me|who are|any|all (?:the|our|my)?)\b[^.?!]{0,40}\b(?:clients|accounts|customers|companies|ones)\b|\bwhat (?:\w+\s+){0,2}(?:clients|accounts|customers|companies)\s+(?:are|have|renew|spend|run|use|buy|do we|did)\b|\b(?:every|each|all)\s+(?:\w+\s+){0,2}(?:client|account|customer)s?\b|\b(?:clients|accounts|customers)\s+(?:that|who|which|with|without|in|on|renewing|spending|managed|running|due)\b|\bwho (?:renews|has(?! to\b)|have(?! to\b)|is(?! (?:allowed|able|responsible)\b)|are|spends?)\b|\bhow many\b[^.?!]{0,30}\b(?:clients|accounts|customers|companies|of (?:them|those|these))\b/i;

/** Topics whose questions are about a rule, not a list, unless list words say otherwise. */
const POLICY_TOPICS = new Set([
  'pricing',
  'recommend',
  'discount',
  'multiyear',
  'trial',
  'payment',
  'competitor',
  'confidentiality',
  'gifts',
  'reference',
  'service',
  'communication',
  'catalogue',
  'meeting',
]);

/** Tier rules as spend ranges (max exclusive). */
export function tierRanges(tiers: TierRule[]): TierRange[] {
  return tiers.map((t) => ({ name: t.name, min: tierRange(t).min_spend, max: tierRange(t).max_spend }));
}

/** "… and what do they spend in total / on average?" asked alongside a list or count. */
function withAggregates<A extends { kind: 'list' | 'count'; also?: Aggregate[] }>(ask: A, text: string): A {
  const measure = /\blast year/i.test(text) ? 'last_year_spend' : 'ytd_spend';
  const also: Aggregate[] = [];
  if (/\btotal\b|\bsum\b|\bcombined\b|\baltogether\b/i.test(text)) also.push({ of: 'sum', measure });
  if (/\baverage\b|\bmean\b|\bper client\b/i.test(text)) also.push({ of: 'avg', measure });
  return also.length ? { ...ask, also } : ask;
}

function readAsk(text: string, fields: Set<string>): Ask | undefined {
  const t = digitize(text);
  const lastYear = /\blast year['’]?s?\b|\bprevious year\b/i.test(t) && !/\bthan last year\b|\bvs\.? last year\b|\bcompared (?:to|with) last year\b/i.test(t);
  const measure = lastYear ? 'last_year_spend' : 'ytd_spend';
  if (/\bhow many\b|\bnumber of\b|\bcount\b/i.test(t)) return withAggregates({ kind: 'count' }, t);
  const named = /^\s*(?:which|who|list|name)\b/i.test(t) ? { named: true } : {};
  if (/\baverage\b|\bavg\b|\bmean\b|\btypical\b/i.test(t)) return { kind: 'avg', measure, ...named };
  const rank = /\b(?:(\d+)\s+)?(top|bottom|largest|biggest|highest|best|most|smallest|lowest|least|fewest|worst)\b(?:\s+(\d+))?/i.exec(t);
  const soonest = /\b(?:soonest|next to renew|earliest renewals?|first to renew|renew(?:ing)? (?:first|soonest|next))\b/i.exec(t);
  if (soonest) return { kind: 'rank', by: 'renewal_date', order: 'asc', limit: parseCount(/\b(\d+)\b/.exec(t)?.[1]) ?? 5 };
  if (rank) {
    const word = rank[2].toLowerCase();
    const asc = /bottom|smallest|lowest|least|fewest|worst/.test(word);
    const n = rank[1] || rank[3] ? Number(rank[1] ?? rank[3]) : /\b(?:top|bottom)\b/i.test(word) ? 5 : /\bclients\b|\baccounts\b/i.test(t) ? 5 : 1;
    const change = fields.has('change') || /\b(?:grew|growth|grown|increase|drop|decline|fell|shrank|decrease)\w*/i.test(t);
    const by: RankBy = change ? 'spend_change' : measure;
    const dropWords = /\b(?:drop|decline|fell|shrank|decrease|lost)\w*/i.test(t);
    return { kind: 'rank', by, order: by === 'spend_change' && dropWords ? (asc ? 'desc' : 'asc') : asc ? 'asc' : 'desc', limit: n };
  }
  if (/\btotal\b|\bsum\b|\bcombined\b|\baltogether\b|\bin total\b/i.test(t)) return { kind: 'sum', measure, ...named };
  return undefined;
}

/** "Which Starter clients could get a pilot?": the trial rule's minimum spend, from the retrieved passages. */
function trialRule(frame: QuestionFrame, ev: Evidence): { condition: Condition; rule: ScoredSentence } | undefined {
  if (!frame.topics.includes('trial')) return undefined;
  const rule = bestSentences(ev.passages, topicQuery('trial'), 4, /\btrials?\b|\bpilots?\b/i).find((h) => minSpendIn(h.sentence) !== undefined);
  const min = rule && minSpendIn(rule.sentence);
  return rule && min !== undefined ? { rule, condition: { kind: 'spend', field: 'ytd_spend', min, words: 'eligible for a free trial' } } : undefined;
}

/** The query a frame's ask and conditions run, once tiers are known; `undefined` while a tier table is needed. */
export function bookQuery(frame: QuestionFrame, ctx: KindContext, ev?: Evidence): { query: ClientQuery; unapplied: Condition[] } {
  const trial = ev && trialRule(frame, ev);
  const { query, unapplied } = toClientQuery(trial ? [...frame.conditions, trial.condition] : frame.conditions, tierRanges(ctx.tiers));
  const q: ClientQuery = { ...query };
  const a = frame.ask;
  if (a.kind === 'count' || a.kind === 'list') q.aggregate = a.kind;
  else if (a.kind === 'sum' || a.kind === 'avg') q.aggregate = a.kind;
  else if (a.kind === 'rank') {
    q.aggregate = 'list';
    q.order_by = a.by;
    q.order = a.order;
    q.limit = a.limit;
  }
  if (q.aggregate === 'list' && q.order_by === undefined) {
    if (frame.conditions.some((c) => c.kind === 'renewal')) q.order_by = 'renewal_date';
    else if (frame.conditions.some((c) => c.kind === 'spend-change')) q.order_by = 'spend_change';
  }
  if (q.renewal_from === undefined && q.renewal_to === undefined && frame.conditions.some((c) => c.kind === 'renewal')) q.today = ctx.today;
  const totalOnly = (a.kind === 'sum' || a.kind === 'avg') && !a.named;
  if (q.limit === undefined && !totalOnly) q.limit = LIMIT;
  return { query: q, unapplied };
}

const needsTiers = (frame: QuestionFrame, ctx: KindContext): boolean => frame.conditions.some((c) => c.kind === 'tier') && ctx.tiers.length === 0;

/** Eligibility asked of a list ("could get a pilot") whose rule has not been looked up yet. */
const needsTrialRule = (frame: QuestionFrame, ev: Evidence): boolean => frame.topics.includes('trial') && !trialRule(frame, ev);

function plan(frame: QuestionFrame, ev: Evidence, ctx: KindContext): PlannedCall[] {
  if (needsTiers(frame, ctx)) return ev.passages.length ? [] : [topicCall('tiers', frame)];
  if (needsTrialRule(frame, ev) && !ev.passages.some((p) => /\btrials?\b|\bpilots?\b/i.test(p.text))) return [topicCall('trial', frame)];
  const { query } = bookQuery(frame, ctx, ev);
  return ev.queries.length ? [] : [{ name: TOOL_SEARCH_CLIENTS, args: { ...query } }];
}

function describe(_frame: QuestionFrame, applied: Condition[]): string {
  return applied.length ? applied.map(describeCondition).join(', ') : 'all clients';
}

function clientLine(c: Client, i: number, frame: QuestionFrame): string {
  const a = frame.ask;
  const bits = [c.industry, `${usd(c.ytd_spend)} YTD`];
  if (a.kind === 'rank' && a.by === 'last_year_spend') bits.push(`${usd(c.last_year_spend)} last year`);
  if ((a.kind === 'rank' && a.by === 'spend_change') || frame.conditions.some((x) => x.kind === 'spend-change')) {
    const d = c.ytd_spend - c.last_year_spend;
    bits.push(`${usd(c.last_year_spend)} last year (${d >= 0 ? '+' : '−'}${usd(Math.abs(d))})`);
  }
  if (frame.conditions.some((x) => x.kind === 'renewal') || (a.kind === 'rank' && a.by === 'renewal_date')) bits.push(`renews ${c.renewal_date}`);
  if (!frame.conditions.some((x) => x.kind === 'manager')) bits.push(c.account_manager);
  if (frame.conditions.some((x) => x.kind === 'product' || x.kind === 'has-products')) bits.push(c.products.length ? c.products.join(', ') : 'no products');
  if (frame.conditions.some((x) => x.kind === 'escalation')) bits.push(c.open_escalation ? 'open escalation' : 'no open escalation');
  return `${a.kind === 'rank' ? `${i + 1}.` : '-'} **${c.name}** — ${bits.join(', ')} ${clientCite(c)}`;
}

function compose(frame: QuestionFrame, ev: Evidence, ctx: KindContext) {
  const sections: string[] = [];
  const { unapplied } = bookQuery(frame, ctx, ev);
  const trial = trialRule(frame, ev);
  const applied = [...frame.conditions, ...(trial ? [trial.condition] : [])].filter((c) => !unapplied.includes(c));
  if (trial) sections.push(`Free-trial eligibility applied: ${quote(trial.rule.sentence)} ${passageCite(trial.rule.passage)}.`);
  else if (needsTrialRule(frame, ev))
    sections.push("**Not applied:** I couldn't find the free-trial eligibility rule in the playbook, so this list is not limited to clients who qualify.");
  const run = ev.queries[ev.queries.length - 1];
  const missingTiers = unapplied.filter((c): c is Extract<Condition, { kind: 'tier' }> => c.kind === 'tier');
  if (!run) {
    const why = missingTiers.length
      ? `the playbook passages I found do not define a "${missingTiers.map((t) => t.tier).join('", "')}" tier`
      : 'the client book query did not run';
    return { lead: `I can't answer this reliably: ${why}, so I won't guess which clients qualify.`, sections };
  }
  const r: QueryResult = run.result;
  const what = describe(frame, applied);
  const a = frame.ask;
  let lead: string;
  // Who the number is about: always for a count, for a total or average when asked ("Which … and what is their average?").
  const named = `${r.clients.length === r.total ? 'They are' : `The first ${r.clients.length}`}: ${r.clients.map((c) => `${c.name} ${clientCite(c)}`).join(', ')}.`;
  if (r.clients.length > 0 && (a.kind === 'count' || ((a.kind === 'sum' || a.kind === 'avg') && a.named))) sections.push(named);
  if (a.kind === 'count') {
    lead = `**${r.total}** ${r.total === 1 ? 'client matches' : 'clients match'} (${what}).`;
  } else if (a.kind === 'sum') {
    const v = a.measure === 'ytd_spend' ? r.sum_ytd_spend : r.sum_last_year_spend;
    lead = `Total ${a.measure === 'ytd_spend' ? 'YTD spend' : "last year's spend"} (${what}): **${usd(v)}** across ${plural(r.total, 'client')}.`;
  } else if (a.kind === 'avg') {
    const v = a.measure === 'ytd_spend' ? r.avg_ytd_spend : r.avg_last_year_spend;
    lead = `Average ${a.measure === 'ytd_spend' ? 'YTD spend' : "last year's spend"} (${what}): **${usd(v)}** across ${plural(r.total, 'client')}.`;
  } else if (r.total === 0) {
    lead = `No clients match (${what}).`;
  } else if (a.kind === 'rank') {
    const by = a.by === 'last_year_spend' ? "last year's spend" : 'YTD spend';
    const dir =
      a.by === 'renewal_date'
        ? 'soonest renewal'
        : a.by === 'spend_change'
          ? a.order === 'desc'
            ? 'biggest growth since last year'
            : 'biggest drop since last year'
          : `${a.order === 'desc' ? 'highest' : 'lowest'} ${by}`;
    lead = `${r.clients.length === 1 ? 'The client' : `The ${r.clients.length} clients`} with the ${dir} (${what}; ${r.total} in all):`;
  } else {
    lead = `${r.total} ${r.total === 1 ? 'client matches' : 'clients match'} (${what}):`;
  }
  // "How many … and what do they spend in total?": the second ask is answered too, never dropped.
  if ((a.kind === 'count' || a.kind === 'list') && r.total > 0) {
    for (const { of, measure } of a.also ?? []) {
      const lastYear = measure === 'last_year_spend';
      const spend = lastYear ? "last year's spend" : 'YTD spend';
      if (of === 'sum') sections.push(`Together: **${usd(lastYear ? r.sum_last_year_spend : r.sum_ytd_spend)}** ${spend}.`);
      else sections.push(`On average: **${usd(lastYear ? r.avg_last_year_spend : r.avg_ytd_spend)}** ${spend} per client.`);
    }
  }
  if (a.kind !== 'count' && a.kind !== 'sum' && a.kind !== 'avg' && r.clients.length > 0) {
    sections.push(r.clients.map((c, i) => clientLine(c, i, frame)).join('\n'));
    if (r.total > r.clients.length && a.kind !== 'rank') sections.push(`(showing ${r.clients.length} of ${r.total})`);
  }
  for (const c of applied) {
    if (c.kind !== 'tier') continue;
    const t = ctx.tiers.find((x) => x.name.toLowerCase() === c.tier.toLowerCase());
    if (t) sections.push(`Tier definition: ${quote(t.source)}${citeLine(ev.passages, t.source)}.`);
  }
  for (const t of missingTiers) sections.push(`I could not filter by "${t.words}": the retrieved playbook passages define no tier called ${t.tier}.`);
  return { lead, sections };
}

function check({ frame, calls, ev, ctx, answer }: ReviewInput): Finding[] {
  const findings: Finding[] = [];
  const queries = calls.filter((c) => c.name === TOOL_SEARCH_CLIENTS && c.args.client_name === undefined).map((c) => c.args as ClientQuery);
  const ranges = tierRanges(ctx.tiers);
  if (queries.length === 0) {
    if (!needsTiers(frame, ctx))
      findings.push({
        kind: 'missing-call',
        call: { name: TOOL_SEARCH_CLIENTS, args: { ...bookQuery(frame, ctx).query } },
        what: 'a client book query with every condition of the question',
      });
    return findings;
  }
  const { query } = bookQuery(frame, ctx, ev);
  const trial = trialRule(frame, ev);
  for (const c of [...frame.conditions, ...(trial ? [trial.condition] : [])]) {
    if (c.kind === 'unsupported') continue;
    if (c.kind === 'tier' && !ranges.some((t) => t.name.toLowerCase() === c.tier.toLowerCase())) continue;
    if (!queries.some((q) => conditionApplied(c, q, ranges)))
      findings.push({ kind: 'condition-not-applied', condition: c, call: { name: TOOL_SEARCH_CLIENTS, args: { ...query } } });
  }
  const run = ev.queries[ev.queries.length - 1];
  if (run && findings.length === 0) {
    const nums = (answer.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((x) => Number(x.replace(/,/g, '')));
    if (frame.ask.kind === 'count' && !nums.includes(run.result.total))
      findings.push({ kind: 'ungrounded', what: 'count', value: `the count ${run.result.total} is not stated` });
  }
  return findings;
}

export const book: Kind = {
  id: 'book',
  examples: [
    'Which clients renew in December 2026?',
    'How many clients are spending less than last year?',
    'Which clients have no products yet?',
    'Top 3 clients by YTD spend',
    'What is the total spend of our Retail clients?',
    'Average spend of Finance accounts in the East?',
  ],
  detect(s) {
    if (s.clients.length > 0 && !/\bof (?:them|those|these)\b/i.test(s.text)) return undefined;
    const ask = readAsk(s.masked, s.fields);
    const listy = LISTY.test(s.masked);
    const policyish = [...s.topics].some((t) => POLICY_TOPICS.has(t));
    if (ask) {
      const aboutClients = s.plural || s.conditions.length > 0 || (ask.kind === 'rank' && /\b(?:client|account|customer|compan|advertiser)/i.test(s.masked));
      if (!aboutClients) return undefined;
      return policyish && !listy && ask.kind !== 'count' ? undefined : ask;
    }
    if (listy && (s.plural || s.conditions.length > 0)) return withAggregates({ kind: 'list' }, s.masked);
    return !policyish && s.plural && s.conditions.length > 0 ? withAggregates({ kind: 'list' }, s.masked) : undefined;
  },
  plan,
  compose,
  check,
};
