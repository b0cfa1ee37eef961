/** Helpers every kind shares: citations, quoting rules, finding sentences, and the usual tool calls. */
import { formatCitation } from '../../citations.ts';
import type { Client } from '../../clients/types.ts';
import { TOOL_SEARCH_CLIENTS, TOOL_SEARCH_PLAYBOOK, type PlaybookPassage } from '../../tools/types.ts';
import { parseTiersFromPassages, tierFor, type TierRule } from '../builtin/rules.ts';
import type { QuestionFrame } from '../question/frame.ts';
import { isInjection } from '../question/sanitize.ts';
import { formatMoney } from '../question/money.ts';
import { escapeRegExp, keywords, sentences, stem } from '../question/words.ts';
import type { Evidence } from './evidence.ts';
import type { KindContext, PlannedCall } from './kind.ts';
import { topicQuery, type TopicId } from './topics.ts';

export const clientCite = (c: Pick<Client, 'name'>): string => formatCitation({ kind: 'client', source: c.name });
export const passageCite = (p: PlaybookPassage): string => formatCitation({ kind: 'playbook', source: p.doc, page: p.page });
export const quote = (s: string): string => `"${s.replace(/^[-*•]\s*/, '').trim()}"`;
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Passage text without lines that try to instruct the agent. */
export function cleanText(p: PlaybookPassage): string {
  return p.text
    .split(/\r?\n/)
    .filter((line) => !isInjection(line))
    .join('\n');
}

const RULE_WORDS = /\b(?:never|must|only|needs?|requires?|at most|no more than|do not|may|sign-?off|approval)\b/i;

export interface ScoredSentence {
  sentence: string;
  passage: PlaybookPassage;
  score: number;
}

/** The passage sentences sharing the most words with `query`, best first (ties keep passage order). */
export function bestSentences(passages: PlaybookPassage[], query: string, n: number, must?: RegExp, extra = ''): ScoredSentence[] {
  const words = [...new Set(keywords(query).map(stem))];
  const extraWords = [...new Set(keywords(extra).map(stem))].filter((w) => !words.includes(w));
  const scored: (ScoredSentence & { order: number })[] = [];
  let order = 0;
  for (const p of passages) {
    const text = cleanText(p);
    for (const s of sentences(text)) {
      if (s.split(/\s+/).length < 4 || isInjection(s)) continue;
      if (must && !must.test(s)) continue;
      const sw = new Set(keywords(s).map(stem));
      const overlap = words.filter((w) => sw.has(w)).length + extraWords.filter((w) => sw.has(w)).length / 2;
      if (overlap === 0 && !must) continue;
      const bullet = new RegExp(`^\\s*[-*•]\\s+${escapeRegExp(s.slice(0, 30))}`, 'm').test(p.text);
      scored.push({ sentence: withList(s, text), passage: p, score: overlap + (RULE_WORDS.test(s) ? 1 : 0) + (bullet ? 1 : 0), order: order++ });
    }
  }
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).slice(0, n);
}

/** "Before a client meeting, review:" with the list under it ("…: YTD spend; Tier; Renewal date."). */
function withList(sentence: string, text: string): string {
  if (!sentence.endsWith(':')) return sentence;
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => l.includes(sentence));
  const items: string[] = [];
  for (const line of at < 0 ? [] : lines.slice(at + 1)) {
    const item = /^\s*(?:[-*•]|\d+[.)])\s+(.*\S)/.exec(line);
    if (!item) break;
    items.push(item[1].replace(/[.;]$/, ''));
  }
  return items.length ? `${sentence} ${items.join('; ')}.` : sentence;
}

/** The first passage containing `needle`. */
export function passageOf(passages: PlaybookPassage[], needle: string): PlaybookPassage | undefined {
  return (
    passages.find((p) => p.text.includes(needle.trim())) ??
    passages.find((p) =>
      needle
        .split(/\s+/)
        .slice(0, 4)
        .every((w) => p.text.includes(w)),
    )
  );
}

/** Citation of the passage a rule line was read from ('' when none). */
export function citeLine(passages: PlaybookPassage[], line: string): string {
  const p = passageOf(passages, line);
  return p ? ` ${passageCite(p)}` : '';
}

/** The tier table in the retrieved passages. */
export function tiersOf(ev: Evidence): TierRule[] {
  return parseTiersFromPassages(ev.passages);
}

/** "With $120,000 YTD spend, TechGiant is in the Gold tier — …" or '' when no tier table is in hand. */
export function tierSentence(c: Client, ev: Evidence, tiers: TierRule[]): string {
  const tier = tierFor(c.ytd_spend, tiers);
  if (!tier) return '';
  return `**${c.name}** is in the **${tier.name}** tier (${usd(c.ytd_spend)} YTD) ${clientCite(c)} — ${quote(tier.source)}${citeLine(ev.passages, tier.source)}.`;
}

export const usd = formatMoney;

/** The question's own content words, minus client names (kept in topic searches so imported documents match). */
export function ownWords(frame: QuestionFrame): string[] {
  const names = new Set(frame.clients.flatMap((c) => keywords(`${c.name} ${c.words}`)));
  return keywords(frame.text).filter((w) => !names.has(w));
}

/** A playbook search for a topic, with the question's own words added. */
export function topicCall(topic: TopicId, frame: QuestionFrame, extra = ''): PlannedCall {
  const base = `${topicQuery(topic)} ${extra}`.trim();
  const have = new Set(keywords(base));
  const words = ownWords(frame).filter((w) => !have.has(w));
  return { name: TOOL_SEARCH_PLAYBOOK, args: { query: words.length ? `${base} ${words.join(' ')}` : base } };
}

/** Lookups for every client of the frame not already looked up. */
export function lookupCalls(frame: QuestionFrame, ev: Evidence): PlannedCall[] {
  const done = new Set([
    ...ev.found.map((f) => f.client.name.toLowerCase()),
    ...ev.found.map((f) => f.query.toLowerCase()),
    ...ev.notFound.map((n) => n.query.toLowerCase()),
  ]);
  return frame.clients.filter((c) => !done.has(c.name.toLowerCase())).map((c) => ({ name: TOOL_SEARCH_CLIENTS, args: { client_name: c.name } }));
}

/** The clients of the frame that were found, in frame order. */
export function foundClients(frame: QuestionFrame, ev: Evidence): Client[] {
  const out: Client[] = [];
  for (const ref of frame.clients) {
    const f = ev.found.find(
      (x) =>
        (ref.id !== undefined && x.client.id === ref.id) ||
        x.client.name.toLowerCase() === ref.name.toLowerCase() ||
        x.query.toLowerCase() === ref.name.toLowerCase(),
    );
    if (f && !out.includes(f.client)) out.push(f.client);
  }
  for (const f of ev.found) if (!out.includes(f.client) && frame.clients.length === 0) out.push(f.client);
  return out;
}

/** True when some passage in hand matches the topic's rule words. */
export function hasTopic(ev: Evidence, topic: TopicId, must: RegExp): boolean {
  return bestSentences(ev.passages, topicQuery(topic), 1, must).length > 0;
}

/** The verdict an answer states up front: yes, no, approval needed, or nothing. */
/** Paragraphs an answer may open with before its verdict: how a follow-up was read, what could not be applied. */
const PREAMBLE = /^(?:_[^\n]*_$|\*\*Not applied:\*\*|I couldn't find a client named)/;

export function verdictOf(answer: string): 'yes' | 'no' | 'approval' | undefined {
  const first = answer.split(/\n\s*\n/).find((p) => !PREAMBLE.test(p.trim())) ?? '';
  const head = first
    .replace(/[*_>#]/g, '')
    .trim()
    .slice(0, 160)
    .toLowerCase();
  if (/^(?:yes,? but only with|only with|yes, with|not without)\b|^yes[^.]{0,40}\bapproval\b/.test(head)) return 'approval';
  if (/^(?:yes|eligible|allowed|you can|you may)\b/.test(head)) return 'yes';
  if (/^(?:no|not eligible|not allowed|not recommended|not now|you can(?:no|['’])t|you may not|don['’]t|do not)\b/.test(head)) return 'no';
  return undefined;
}

/** The kinds' context for a turn, with the tier table read from the evidence. */
export function kindContext(turn: { today: string; rep?: string; notes: KindContext['notes'] }, ev: Evidence): KindContext {
  return { today: turn.today, rep: turn.rep, notes: turn.notes, tiers: tiersOf(ev) };
}
