/**
 * What the playbook says about one client: its spend tier, what to pitch and what to avoid, and
 * the escalation rule when the client has an open escalation. Every rule is read from retrieved
 * passages with the built-in agent's generic parsers, so a different playbook gives different
 * guidance; a rule that is not found is reported as missing, never guessed.
 */
import type { Client } from '../clients/types.ts';
import type { SearchHit } from '../playbook/types.ts';
import { parseRecommendations, parseTiersFromPassages, recommendationsFor, ruleStance, tierFor } from '../agents/builtin/rules.ts';

/** The part of a playbook index guidance needs. */
export interface PlaybookSearcher {
  search(query: string, k?: number): Promise<SearchHit[]>;
}

/** Where a rule was read: the document, page and section of its passage, and the line itself. */
export interface RuleSource {
  docName: string;
  page: number;
  heading: string;
  line: string;
}

export interface GuidanceItem {
  text: string;
  source: RuleSource;
}

export interface ClientGuidance {
  /** The tier whose spend range holds the client's YTD spend; null when no tier table was found. */
  tier: GuidanceItem | null;
  /** What to pitch (empty when the playbook has no line for this client). */
  recommendations: GuidanceItem[];
  /** Lines that forbid something for this client ("Never pitch …"). */
  avoid: GuidanceItem[];
  /** For a client with an open escalation: the playbook's rule about it, when there is one. */
  escalation: GuidanceItem | null;
}

// Search phrasings only: what the rules are comes from the passages these retrieve.
const TIER_QUERY = 'spend tiers YTD spend thresholds';
const RECOMMEND_QUERY = 'product recommendations by industry what to pitch';
const ESCALATION_QUERY = 'open support escalation pitch upsell';
const PASSAGES = 6;

const cleanLine = (line: string): string => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim();

function sourceOf(hits: SearchHit[], line: string): RuleSource | undefined {
  const hit = hits.find((h) => h.chunk.text.includes(line)) ?? hits.find((h) => h.chunk.text.includes(line.slice(0, 40)));
  return hit && { docName: hit.chunk.docName, page: hit.chunk.page, heading: hit.chunk.heading, line: cleanLine(line) };
}

/** Unique passages of several searches, in first-seen order. */
function merge(...lists: SearchHit[][]): SearchHit[] {
  const seen = new Set<number>();
  return lists.flat().filter((h) => !seen.has(h.chunk.id) && seen.add(h.chunk.id));
}

const QUERY_WORDS = ESCALATION_QUERY.split(' ');

/**
 * The sentence of the passages that best states what to do about an open escalation: it names
 * an escalation, and shares the most words with the query (a rule that forbids something wins a tie).
 */
function escalationRule(hits: SearchHit[]): GuidanceItem | null {
  let best: { item: GuidanceItem; score: number } | null = null;
  for (const hit of hits) {
    for (const raw of hit.chunk.text.split(/\r?\n|(?<=[.!?])\s+(?=[A-Z])/)) {
      const line = cleanLine(raw);
      if (!/escalat/i.test(line) || line.split(/\s+/).length < 4) continue;
      const lower = line.toLowerCase();
      const score = QUERY_WORDS.filter((w) => lower.includes(w)).length + (ruleStance(line).kind === 'allowed' ? 0 : 0.5);
      if (!best || score > best.score) {
        best = { item: { text: line, source: { docName: hit.chunk.docName, page: hit.chunk.page, heading: hit.chunk.heading, line } }, score };
      }
    }
  }
  return best?.item ?? null;
}

/** Reads the client's tier, recommendation and escalation rule from the playbook. */
export async function clientGuidance(client: Client, playbook: PlaybookSearcher): Promise<ClientGuidance> {
  const [tierHits, ownHits, generalHits, escalationHits] = await Promise.all([
    playbook.search(TIER_QUERY, PASSAGES),
    playbook.search(`${client.industry} ${RECOMMEND_QUERY}`, PASSAGES),
    playbook.search(RECOMMEND_QUERY, PASSAGES),
    client.open_escalation ? playbook.search(ESCALATION_QUERY, PASSAGES) : Promise.resolve([]),
  ]);
  const hits = merge(tierHits, ownHits, generalHits);
  const passages = hits.map((h) => ({ heading: h.chunk.heading, text: h.chunk.text }));
  const tiers = parseTiersFromPassages(passages);
  const tierRule = tierFor(client.ytd_spend, tiers);
  const tierSource = tierRule && sourceOf(hits, tierRule.source);
  const tier = tierRule && tierSource ? { text: tierRule.name, source: tierSource } : null;

  const tierNames = tiers.map((t) => t.name);
  const rules = hits.flatMap((h) => parseRecommendations(h.chunk.text, tierNames));
  const unique = rules.filter((r, i) => rules.findIndex((o) => o.source === r.source && o.recommendation === r.recommendation) === i);
  const applicable = recommendationsFor(unique, client.industry, client.ytd_spend, tierRule?.name);
  const items = applicable.flatMap((r) => {
    const source = sourceOf(hits, r.source);
    return source ? [{ rule: r, item: { text: r.recommendation, source } }] : [];
  });
  return {
    tier,
    recommendations: items.filter((x) => !x.rule.prohibition).map((x) => x.item),
    avoid: items.filter((x) => x.rule.prohibition).map((x) => x.item),
    escalation: client.open_escalation ? escalationRule(escalationHits) : null,
  };
}
