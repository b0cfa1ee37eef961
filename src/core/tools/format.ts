/** Human-readable text and citations for tool results (the `contexts` used for display and evaluation). */
import type { Citation } from '../agents/types.ts';
import type { Client, ClientQuery } from '../clients/types.ts';
import type { SearchClientsResult, SearchPlaybookResult } from './types.ts';

const usd = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** One line describing a client, e.g. "TechGiant — industry Electronics, YTD spend $120,000, ...". */
export function describeClient(c: Client): string {
  return (
    `${c.name} — industry ${c.industry}, YTD spend ${usd(c.ytd_spend)}, last year spend ${usd(c.last_year_spend)}, ` +
    `account manager ${c.account_manager}, region ${c.region}, renewal date ${c.renewal_date}, ` +
    `products ${c.products.length ? c.products.join(', ') : 'none'}, open escalation ${yesNo(c.open_escalation)}, ` +
    `payment terms ${c.payment_terms}, reference consent ${yesNo(c.reference_consent)}`
  );
}

function describeFilters(q: ClientQuery): string {
  const parts = Object.entries(q)
    .filter(([key, v]) => v !== undefined && !['aggregate', 'order_by', 'order', 'limit', 'offset', 'today'].includes(key))
    .map(([key, v]) => `${key.replace(/_/g, ' ')} ${String(v)}`);
  return parts.length ? parts.join(', ') : 'no filters';
}

export function clientContexts(result: SearchClientsResult): string[] {
  if (result.kind === 'lookup') {
    const { lookup } = result;
    if (lookup.status === 'found') return [describeClient(lookup.client)];
    const closest = lookup.suggestions.map((s) => s.name).join(', ');
    return [`No client named "${lookup.query}" in the client book.${closest ? ` Closest names: ${closest}.` : ''}`];
  }
  const { query, result: r } = result;
  const summary =
    `${r.total} client${r.total === 1 ? '' : 's'} match (${describeFilters(query)}); ` +
    `total YTD spend ${usd(r.sum_ytd_spend)}, average YTD spend ${usd(r.avg_ytd_spend)}`;
  return [summary, ...r.clients.map(describeClient)];
}

export function clientCitations(result: SearchClientsResult): Citation[] {
  if (result.kind === 'lookup') {
    const l = result.lookup;
    return l.status === 'found' ? [{ kind: 'client', source: l.client.name, clientId: l.client.id }] : [];
  }
  return result.result.clients.map((c) => ({ kind: 'client', source: c.name, clientId: c.id }));
}

export function playbookContexts(result: SearchPlaybookResult): string[] {
  return result.passages.map((p) => `${p.doc}, page ${p.page}${p.heading ? ` (${p.heading})` : ''}: ${p.text}`);
}

export function playbookCitations(result: SearchPlaybookResult): Citation[] {
  return result.passages.map((p) => ({
    kind: 'playbook',
    source: p.doc,
    page: p.page,
    heading: p.heading || undefined,
    docId: p.docId,
    quote: p.text,
  }));
}
