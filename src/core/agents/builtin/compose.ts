/**
 * Composes the built-in agent's Markdown answer from tool results only, citing every client
 * record and playbook passage it uses. Pure and deterministic.
 */
import type { ClientQuery, QueryResult } from '../../clients/types.ts';
import {
  discountSection,
  factsSection,
  meetingBrief,
  paymentSection,
  recommendationSection,
  referenceSection,
  tierSentence,
  trialSection,
  type ComposeContext,
} from './compose-client.ts';
import { bestSentences, clientCite, gatherEvidence, passageCite, type ToolResultMessage } from './evidence.ts';
import { detectIntent, TOPIC_QUERIES, type Topic } from './intent.ts';
import { playbookTopics } from './plan.ts';
import { moneyLimitIn, parseTiersFromPassages, ruleStance, tierFor, tierRange } from './rules.ts';
import { formatMoney } from './text.ts';

const quote = (s: string): string => `"${s.replace(/^[-*•]\s*/, '').trim()}"`;

function describeQuery(q: ClientQuery, ctx: ComposeContext): string {
  const parts: string[] = [];
  const tier = ctx.tiers.find((t) => {
    const r = tierRange(t);
    return r.min_spend === q.min_spend && r.max_spend === q.max_spend && (q.min_spend !== undefined || q.max_spend !== undefined);
  });
  if (tier) parts.push(`${tier.name} tier`);
  else {
    if (q.min_spend !== undefined) parts.push(`YTD spend of at least ${formatMoney(q.min_spend)}`);
    if (q.max_spend !== undefined) parts.push(`YTD spend under ${formatMoney(q.max_spend)}`);
  }
  if (q.industry) parts.push(`industry ${q.industry}`);
  if (q.region) parts.push(`region ${q.region}`);
  if (q.account_manager) parts.push(`managed by ${q.account_manager}`);
  if (q.product) parts.push(`running ${q.product}`);
  if (q.open_escalation) parts.push('with an open escalation');
  if (q.renewal_within_days !== undefined) parts.push(`renewing within ${q.renewal_within_days} days${q.today ? ` of ${q.today}` : ''}`);
  return parts.length ? parts.join(', ') : 'all clients';
}

/** A list, count, sum or average over the client book. */
export function aggregateSection(q: ClientQuery, r: QueryResult, ctx: ComposeContext): string {
  const what = describeQuery(q, ctx);
  const src = `(source: client records — ${what})`;
  const lines: string[] = [];
  const tier = ctx.tiers.find((t) => tierRange(t).min_spend === q.min_spend && tierRange(t).max_spend === q.max_spend);
  if (q.aggregate === 'count') {
    lines.push(`**${r.total}** client${r.total === 1 ? '' : 's'} match (${what}) ${src}.`);
    if (r.clients.length > 0 && r.clients.length === r.total) lines.push(`They are: ${r.clients.map((c) => c.name).join(', ')}.`);
    if (/\btotal\b|\bsum\b|\bcombined\b/i.test(ctx.intent.text)) lines.push(`Their total YTD spend is **${formatMoney(r.sum_ytd_spend)}** ${src}.`);
  }
  else if (q.aggregate === 'sum') lines.push(`Total YTD spend (${what}): **${formatMoney(r.sum_ytd_spend)}** across ${r.total} client${r.total === 1 ? '' : 's'} ${src}.`);
  else if (q.aggregate === 'avg') lines.push(`Average YTD spend (${what}): **${formatMoney(r.avg_ytd_spend)}** across ${r.total} client${r.total === 1 ? '' : 's'} ${src}.`);
  else if (r.total === 0) lines.push(`No clients match (${what}) ${src}.`);
  else if (q.limit !== undefined && q.order_by === 'ytd_spend')
    lines.push(`${q.order === 'asc' ? 'Bottom' : 'Top'} ${r.clients.length} by YTD spend (${what}; ${r.total} in all):`);
  else lines.push(`${r.total} client${r.total === 1 ? '' : 's'} match (${what}):`);
  if (tier) lines.push(`Tier definition: ${quote(tier.source)}${(() => { const p = ctx.ev.passages.find((x) => x.text.includes(tier.source)); return p ? ` ${passageCite(p)}` : ''; })()}.`);
  if (q.aggregate !== 'count' && r.clients.length > 0) {
    for (const [i, c] of r.clients.entries()) {
      const extra = q.renewal_within_days !== undefined || q.order_by === 'renewal_date' ? `, renews ${c.renewal_date}` : '';
      const mgr = q.account_manager ? '' : `, ${c.account_manager}`;
      lines.push(`${q.order_by === 'ytd_spend' ? `${i + 1}.` : '-'} **${c.name}** — ${c.industry}, ${formatMoney(c.ytd_spend)} YTD${extra}${mgr} ${clientCite(c.name)}`);
    }
    if (r.total > r.clients.length && q.limit === undefined) lines.push(`(showing ${r.clients.length} of ${r.total})`);
  }
  return lines.join('\n');
}

/** Quotes the playbook sentences most relevant to a question. */
export function policySection(question: string, topics: Topic[], ctx: ComposeContext, n = 3, already = ''): string {
  const hits = bestSentences(ctx.ev.passages, question, n + 3, undefined, topics.map((t) => TOPIC_QUERIES[t]).join(' '))
    .filter((h) => !already.includes(h.sentence.replace(/^[-*•]\s*/, '').replace(/\.$/, '')))
    .slice(0, n);
  if (hits.length === 0) return "I couldn't find anything about this in the retrieved playbook passages, so I won't guess.";
  return ['According to the playbook:', ...hits.map((h) => `- ${quote(h.sentence)} ${passageCite(h.passage)}`)].join('\n');
}

function giftsSection(ctx: ComposeContext): string {
  const hits = bestSentences(ctx.ev.passages, `${ctx.intent.text} ${TOPIC_QUERIES.gifts}`, 2, /gift|\$/i);
  if (hits.length === 0) return "I couldn't find the gift rules in the retrieved playbook passages.";
  const lines: string[] = [];
  const amount = ctx.intent.money;
  const limitHit = hits.find((h) => moneyLimitIn(h.sentence) !== undefined);
  const rfp = /\b(?:rfp|procurement|tender)\b/i.test(ctx.intent.text);
  const rfpHit = hits.find((h) => /rfp|procurement/i.test(h.sentence));
  if (rfp && rfpHit && ruleStance(rfpHit.sentence).kind === 'never') lines.push(`**No.** ${quote(rfpHit.sentence)} ${passageCite(rfpHit.passage)}.`);
  else if (amount !== undefined && limitHit) {
    const limit = moneyLimitIn(limitHit.sentence) ?? 0;
    lines.push(`${amount <= limit ? '**Yes**, within the limit.' : `**No** — ${formatMoney(amount)} is over the limit.`} ${quote(limitHit.sentence)} ${passageCite(limitHit.passage)}.`);
  }
  for (const h of hits) if (!lines.some((l) => l.includes(h.sentence.replace(/^[-*•]\s*/, '')))) lines.push(`- ${quote(h.sentence)} ${passageCite(h.passage)}`);
  return lines.join('\n');
}

/** Builds the final answer for a question from the tool results of every round. */
export function composeAnswer(question: string, toolResults: ToolResultMessage[]): string {
  const intent = detectIntent(question);
  const ev = gatherEvidence(toolResults);
  const tiers = parseTiersFromPassages(ev.passages);
  const ctx: ComposeContext = { intent, ev, tiers };
  const t = intent.topics;
  const out: string[] = [];

  for (const nf of ev.notFound) {
    const sugg = nf.suggestions.slice(0, 3).map((s) => `**${s.name}**`);
    out.push(
      `I couldn't find a client named "${nf.query}" in the client book, so I won't guess at their details.` +
        (sugg.length ? ` Did you mean ${sugg.join(', ')}?` : ' No similar names came up either.'),
    );
  }

  if (intent.disclosure && (ev.found.length >= 2 || (ev.found.length === 1 && /\b(?:another|other) clients?\b/i.test(intent.text)))) {
    const rules = bestSentences(ev.passages, `${intent.text} ${TOPIC_QUERIES.confidentiality}`, 2, /\b(?:never|not|no)\b[^.]*\bshare\b|confidential/i);
    out.push(
      [
        `I can't help share one client's information with another client. The playbook is explicit:`,
        ...rules.map((r) => `- ${quote(r.sentence)} ${passageCite(r.passage)}`),
        `Talk to each client only about their own account.`,
      ].join('\n'),
    );
    return out.join('\n\n');
  }
  if (intent.injection) out.push('_Note: I ignored instructions in the question that try to change my rules; the answer follows the client records and the playbook._');

  for (const { query, result } of ev.queries) out.push(aggregateSection(query, result, ctx));

  for (const f of ev.found) {
    const c = f.client;
    const sections: string[] = [];
    if (t.has('meeting')) sections.push(meetingBrief(c, ctx));
    else if (t.has('recommend')) {
      sections.push(factsSection(c, { ...ctx, intent: { ...intent, fields: new Set(['spend', 'industry', 'products', ...intent.fields]) } }));
      const ts = tierSentence(c, ctx);
      if (ts) sections.push(ts);
      sections.push(recommendationSection(c, ctx));
    } else {
      if (t.has('discount')) sections.push(discountSection(c, ctx));
      if (t.has('trial')) sections.push(trialSection(c, ctx));
      if (t.has('payment') && (intent.netTerm !== undefined || t.has('policy'))) sections.push(paymentSection(c, ctx));
      if (t.has('reference')) sections.push(referenceSection(c, ctx));
      if (t.has('gifts')) sections.push(giftsSection(ctx));
      const fields = new Set(intent.fields);
      if (t.has('reference')) fields.delete('consent');
      if (t.has('payment') && (intent.netTerm !== undefined || t.has('policy'))) fields.delete('payment');
      if (sections.length === 0 || fields.size > 0) sections.unshift(factsSection(c, { ...ctx, intent: { ...intent, fields } }));
      const askedTier = tiers.find((x) => new RegExp(`\\b${x.name}\\b`).test(intent.text));
      if (t.has('tiers') || askedTier) {
        const ts = tierSentence(c, ctx);
        const actual = tierFor(c.ytd_spend, tiers);
        if (askedTier && actual) sections.unshift(actual.name === askedTier.name ? `**Yes.** ${ts}` : `**No.** ${ts}`);
        else if (ts) sections.push(ts);
      }
    }
    const handled = new Set<Topic>(['discount', 'multiyear', 'trial', 'payment', 'reference', 'gifts', 'recommend', 'tiers', 'meeting', 'policy']);
    if (t.has('recommend') || t.has('meeting')) handled.add('escalation');
    const leftover = playbookTopics(intent, true).filter((x) => !handled.has(x));
    if (leftover.length > 0 && ev.passages.length > 0) {
      const extra = policySection(intent.text, leftover, ctx, 2, sections.join('\n'));
      if (extra.startsWith('According')) sections.push(extra);
    }
    if (f.match !== 'exact' && f.alternatives.length > 0) {
      sections.push(`Note: I matched **${c.name}**; did you mean ${f.alternatives.slice(0, 2).map((a) => `**${a.name}**`).join(' or ')} instead? Ask me about that one by its full name.`);
    }
    out.push(sections.join('\n\n'));
  }

  if (toolResults.length === 0) {
    out.push('I can answer questions about the clients in your book and the sales playbook; this question does not match either, so I have nothing to look up.');
  } else if (ev.found.length === 0 && ev.queries.length === 0 && ev.notFound.length === 0) {
    if (t.has('discount')) out.push(discountSection(undefined, ctx));
    else if (t.has('payment') && intent.netTerm !== undefined) out.push(paymentSection(undefined, ctx));
    else if (t.has('gifts')) out.push(giftsSection(ctx));
    else out.push(policySection(intent.text, [...t], ctx));
  } else if (ev.found.length === 0 && ev.queries.length === 0 && ev.passages.length > 0 && (t.has('pricing') || t.has('policy'))) {
    out.push(policySection(intent.text, [...t], ctx));
  }
  return out.filter(Boolean).join('\n\n');
}
