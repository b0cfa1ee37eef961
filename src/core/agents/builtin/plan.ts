/**
 * Plans the built-in agent's tool calls from a question, the client book's vocabulary and the
 * results of earlier rounds. Returns [] when everything needed is already in hand.
 */
import type { ClientQuery, ClientStore, ClientVocabulary, LookupResult } from '../../clients/types.ts';
import { TOOL_SEARCH_CLIENTS, TOOL_SEARCH_PLAYBOOK, type ToolName } from '../../tools/types.ts';
import { bestSentences, gatherEvidence, type Evidence } from './evidence.ts';
import { candidateNames, detectIntent, TOPIC_QUERIES, type Intent, type Topic } from './intent.ts';
import { parseRecommendations, parseTiersFromPassages, recommendationsFor, tierFor, tierRange, type TierRule } from './rules.ts';
import { containsPhrase, keywords, normalize } from './text.ts';
import { distance } from 'fastest-levenshtein';

export interface PlannedCall {
  name: ToolName;
  args: Record<string, unknown>;
}

/** A tool call already made, with its result text. */
export interface ToolExchange {
  name: string;
  args: Record<string, unknown>;
  content: string;
}

export interface PlanDeps {
  clients: ClientStore;
  /** ISO date used as "today" for renewal windows (tests pin it; the store defaults to now). */
  today?: string;
}

/** The book's own values, used to recognise filters in a question without hard-coding them. */
/** The book's filter values, longest first so "Food & Beverage" wins over "Food". */
export type Vocabulary = ClientVocabulary;

function longestFirst(v: ClientVocabulary): Vocabulary {
  const sort = (xs: string[]): string[] => [...new Set(xs)].sort((a, b) => b.length - a.length);
  return { industries: sort(v.industries), regions: sort(v.regions), managers: sort(v.managers), products: sort(v.products) };
}

/** Topics that are answered from the playbook for this question. */
export function playbookTopics(intent: Intent, hasClient: boolean): Topic[] {
  const t = intent.topics;
  const policyish = t.has('policy') || /\bshould\b|\bwhen do i\b|\bhow early\b|\bstart\b/i.test(intent.text);
  const out = new Set<Topic>();
  for (const topic of ['pricing', 'discount', 'multiyear', 'trial', 'competitor', 'confidentiality', 'gifts', 'reference', 'service'] as const) {
    if (t.has(topic)) out.add(topic);
  }
  if (t.has('recommend') || t.has('meeting')) out.add('recommend').add('tiers');
  if (t.has('meeting')) out.add('meeting');
  if (t.has('discount')) out.add('tiers');
  if (t.has('tiers') && !intent.aggregate) out.add('tiers');
  if (t.has('payment') && (intent.netTerm !== undefined || policyish || !hasClient)) out.add('payment');
  if (t.has('renewal') && !intent.aggregate && (policyish || !hasClient)) out.add('renewal');
  if (t.has('escalation') && !intent.aggregate && (policyish || t.has('recommend') || !hasClient)) out.add('escalation');
  if (intent.disclosure && hasClient) out.add('confidentiality');
  if (out.size === 0 && !hasClient && !intent.aggregate && (t.has('policy') || t.size > 0)) out.add('policy');
  return [...out];
}

function key(call: { name: string; args: Record<string, unknown> }): string {
  const sorted = Object.keys(call.args)
    .sort()
    .map((k) => [k, call.args[k]]);
  return `${call.name}:${JSON.stringify(sorted)}`;
}

function matchManager(text: string, managers: string[]): string | undefined {
  const full = managers.find((m) => containsPhrase(text, m));
  if (full) return full;
  const byFirst = managers.filter((m) => containsPhrase(text, m.split(' ')[0]));
  return byFirst.length === 1 ? byFirst[0] : undefined;
}

/** Filters for a list/aggregate question; `needsTiers` when a tier word cannot be resolved yet. */
export function aggregateQuery(
  intent: Intent,
  vocab: Vocabulary,
  tiers: TierRule[],
  today: string | undefined,
): { query: ClientQuery; needsTiers: boolean } {
  const text = intent.text;
  const q: ClientQuery = { aggregate: intent.aggregateKind };
  const industry = vocab.industries.find((i) => containsPhrase(text, i));
  if (industry) q.industry = industry;
  const region = vocab.regions.find((r) => containsPhrase(text, r));
  if (region) q.region = region;
  const manager = matchManager(text, vocab.managers);
  if (manager) q.account_manager = manager;
  const product = vocab.products.find((p) => containsPhrase(text, p));
  if (product) q.product = product;
  if (intent.renewalWithinDays !== undefined) {
    q.renewal_within_days = intent.renewalWithinDays;
    if (today) q.today = today;
  }
  if (intent.escalationFilter) q.open_escalation = true;
  if (intent.orderBy) {
    q.order_by = intent.orderBy;
    q.order = intent.order;
  }
  if (intent.limit !== undefined) q.limit = intent.limit;
  const tier = tiers.find((t) => new RegExp(`\\b${t.name}\\b`, 'i').test(text));
  if (tier) Object.assign(q, tierRange(tier));
  const mentionsTierish = /\btiers?\b/i.test(text) || unknownCategoryWord(text, vocab);
  return { query: q, needsTiers: !tier && tiers.length === 0 && mentionsTierish };
}

/** "Which Gold clients", "a Platinum account": a capitalised category word the book does not know (maybe a tier). */
function unknownCategoryWord(text: string, vocab: Vocabulary): boolean {
  const known = new Set([...vocab.industries, ...vocab.regions, ...vocab.managers, ...vocab.products].map((v) => v.toLowerCase()));
  return [...text.matchAll(/\b([A-Z][a-z]+)[\s-]+(?:tier\s+|level\s+)?(?:clients?|accounts?|customers?|tier)\b/g)].some(
    (m) => !known.has(m[1].toLowerCase()) && !/^(?:Which|What|How|List|Show|All|Our|My|The|Top|Many|Total|Bottom|Any|Each|Every|Which)$/.test(m[1]),
  );
}

/** True when every word of `name` appears in `text`, allowing small typos ("Lab" for "Labs"). */
function coversName(text: string, name: string): boolean {
  const words = normalize(text).split(' ');
  return normalize(name)
    .split(' ')
    .every((w) => words.some((t) => t === w || (w.length >= 3 && t.length >= 3 && distance(t, w) <= (w.length >= 6 ? 2 : 1))));
}

/**
 * Near-duplicates: when the store matched "TechGiant" but the question names "Techgiant Lab",
 * the longer alternative whose every word is in the question is the better match.
 */
/** The question's own content words, minus client names: kept in topic queries so imported documents still match. */
function questionWords(text: string, mentions: LookupResult[]): string[] {
  const names = new Set(mentions.flatMap((m) => keywords(m.status === 'found' ? m.client.name : m.query)));
  return keywords(text).filter((w) => !names.has(w));
}

function withOwnWords(topicQuery: string, words: string[]): string {
  const have = new Set(keywords(topicQuery));
  const extra = words.filter((w) => !have.has(w));
  return extra.length ? `${topicQuery} ${extra.join(' ')}` : topicQuery;
}

async function preferLongerAlternative(m: LookupResult, text: string, clients: ClientStore): Promise<LookupResult> {
  if (m.status !== 'found' || m.alternatives.length === 0) return m;
  const better = m.alternatives
    .filter((a) => a.name.length > m.client.name.length && coversName(text, a.name))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!better) return m;
  const found = await clients.lookup(better.name);
  const client = found.status === 'found' && found.client.name === better.name ? found.client : undefined;
  return client ? { ...m, client, match: 'fuzzy', alternatives: [{ name: m.client.name, score: m.score }] } : m;
}

function feedbackCalls(feedback: string, intent: Intent, ev: Evidence, all: PlannedCall[]): PlannedCall[] {
  const out: PlannedCall[] = [];
  const hasTool = (name: string): boolean => all.some((c) => c.name === name);
  if (/search_playbook/.test(feedback) && !hasTool(TOOL_SEARCH_PLAYBOOK)) {
    out.push({ name: TOOL_SEARCH_PLAYBOOK, args: { query: intent.text } });
  }
  for (const m of feedback.matchAll(/search_clients[^"]*"([^"]+)"/g)) {
    out.push({ name: TOOL_SEARCH_CLIENTS, args: { client_name: m[1] } });
  }
  if (/search_clients/.test(feedback) && !hasTool(TOOL_SEARCH_CLIENTS) && out.length === 0 && ev.found.length === 0) {
    for (const name of candidateNames(intent.text, [])) out.push({ name: TOOL_SEARCH_CLIENTS, args: { client_name: name } });
  }
  return out;
}

/**
 * Plans the next round of tool calls. Round 1 looks clients up and fetches policy passages;
 * later rounds fetch what the first results made necessary (tier table before a tier filter,
 * the client's industry rule, the escalation rule for a client with an open escalation).
 */
export async function planToolCalls(
  question: string,
  deps: PlanDeps,
  done: ToolExchange[] = [],
  feedback?: string,
): Promise<PlannedCall[]> {
  const intent = detectIntent(question);
  const ev = gatherEvidence(done);
  const tiers = parseTiersFromPassages(ev.passages);
  const calls: PlannedCall[] = [];
  const vocab = longestFirst(await deps.clients.vocabulary());

  const mentions = await Promise.all(
    (await deps.clients.findMentions(intent.text)).map((m) => preferLongerAlternative(m, intent.text, deps.clients)),
  );
  const found = mentions.filter((m) => m.status === 'found');
  for (const m of mentions) {
    calls.push({ name: TOOL_SEARCH_CLIENTS, args: { client_name: m.status === 'found' ? m.client.name : m.query } });
  }
  if (found.length === 0 && !intent.aggregate) {
    const firstNames = vocab.managers.map((m) => m.split(' ')[0]);
    const known = [...vocab.industries, ...vocab.regions, ...vocab.managers, ...firstNames, ...vocab.products, ...tiers.map((t) => t.name)];
    for (const name of candidateNames(intent.text, known)) {
      if (!mentions.some((m) => m.status === 'not-found' && m.query.toLowerCase() === name.toLowerCase())) {
        calls.push({ name: TOOL_SEARCH_CLIENTS, args: { client_name: name } });
      }
    }
  }

  const hasClient = calls.length > 0;
  if (intent.aggregate) {
    const { query, needsTiers } = aggregateQuery(intent, vocab, tiers, deps.today);
    if (needsTiers) calls.push({ name: TOOL_SEARCH_PLAYBOOK, args: { query: TOPIC_QUERIES.tiers } });
    else calls.push({ name: TOOL_SEARCH_CLIENTS, args: { ...query } });
  }

  const topics = playbookTopics(intent, hasClient);
  // "Is Delta Mobility a Platinum account?": an unknown category word may be a tier name.
  if (found.length > 0 && !topics.includes('tiers') && unknownCategoryWord(intent.text, vocab)) topics.push('tiers');
  const ownWords = questionWords(intent.text, mentions);
  for (const topic of topics) {
    const query = topic === 'policy' ? intent.text : withOwnWords(TOPIC_QUERIES[topic], ownWords);
    calls.push({ name: TOOL_SEARCH_PLAYBOOK, args: { query } });
  }
  // Nothing recognised: the playbook is the only place left to look.
  if (calls.length === 0 && done.length === 0 && keywords(intent.text).length > 0 && !/\b(?:weather|joke|news|sports?)\b/i.test(intent.text)) {
    calls.push({ name: TOOL_SEARCH_PLAYBOOK, args: { query: intent.text } });
  }

  // Second round: what the first results made necessary.
  const needsRule = intent.topics.has('recommend') || intent.topics.has('meeting');
  if (needsRule && ev.passages.length > 0) {
    const rules = ev.passages.flatMap((p) => parseRecommendations(p.text, tiers.map((t) => t.name)));
    for (const f of ev.found) {
      const c = f.client;
      // Tables get split across passages: without the client's own industry line, a default
      // line alone could be wrong, so fetch the industry-specific passage too.
      const ownLine = rules.some((r) => r.industry !== null && normalize(r.industry) === normalize(c.industry));
      if (!ownLine || recommendationsFor(rules, c.industry, c.ytd_spend, tierFor(c.ytd_spend, tiers)?.name).length === 0) {
        calls.push({ name: TOOL_SEARCH_PLAYBOOK, args: { query: `${c.industry} ${TOPIC_QUERIES.recommend}` } });
      }
      if (c.open_escalation && bestSentences(ev.passages, TOPIC_QUERIES.escalation, 1, /escalat/i).length === 0) {
        calls.push({ name: TOOL_SEARCH_PLAYBOOK, args: { query: TOPIC_QUERIES.escalation } });
      }
    }
  }

  if (feedback) calls.push(...feedbackCalls(feedback, intent, ev, [...done.map((d) => ({ name: d.name as ToolName, args: d.args })), ...calls]));

  const seen = new Set(done.map(key));
  return calls.filter((c) => {
    const k = key(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
