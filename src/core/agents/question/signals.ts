/**
 * What the words of a question say before any kind is chosen: fields asked, playbook topics,
 * yes/no form, plural clients, a product or offer it is about, and names that look like clients.
 * The registry of kinds reads these signals to decide what is asked.
 */
import nlp from 'compromise';
import type { ClientVocabulary } from '../../clients/types.ts';
import { topicsIn, type TopicId } from '../kinds/topics.ts';
import type { Amounts, ClientField, ClientRef, Condition } from './frame.ts';
import { findPhrase, normalize } from './words.ts';

export interface Signals {
  /** The question without injection sentences. */
  text: string;
  /** The text with client names replaced by "@c" (so their words are not read as filters). */
  masked: string;
  topics: Set<TopicId>;
  fields: Set<ClientField>;
  clients: ClientRef[];
  conditions: Condition[];
  amounts: Amounts;
  /** A yes/no question ("Is…", "Can I…", "Does…"). */
  polar: boolean;
  /** Speaks about a group of clients ("clients", "accounts", "how many"). */
  plural: boolean;
  /** A product or offer the question is about. */
  product?: { phrase: string; words: string; resolved?: string };
}

const FIELD_PATTERNS: [ClientField, RegExp][] = [
  ['spend', /\bspen[dt]|\bspending\b|\bytd\b|\bhow much (?:have|has|did|do|does)\b|\brevenue\b|\bbudget\b|\bbilled\b|\bworth\b/i],
  ['last_year', /\blast year\b|\bprevious year\b|\bprior year\b|\b20\d\d spend\b/i],
  [
    'change',
    /\b(?:change|grow|grew|growth|grown|declin|dropp?ed|increas|decreas|shrank|shrink|up or down|year[- ]over[- ]year|yoy|(?:vs\.?|versus|against) last year|compared (?:to|with) last year|trend)\w*/i,
  ],
  ['industry', /\bindustry\b|\bsector\b|\bvertical\b|\bwhat (?:kind of )?business\b/i],
  [
    'manager',
    /\baccount manager\b|\bmanager\b|\bowner\b|\bwho (?:manages|owns|handles|looks after|covers)\b|\bwho['’]?s (?:the|their) rep\b|\bwhose (?:account|client)\b/i,
  ],
  ['renewal', /\brenew/i],
  [
    'products',
    /\bproducts?\b|\brunning\b|\bbuy(?:ing|s)?\b|\bbought\b|\bdo they use\b|\bcurrently use\b|\bwhat (?:do|does) \S+ (?:currently |already |now )?(?:run|use|have)\b|\bwhat have they got\b/i,
  ],
  ['region', /\bregion\b|\bwhere (?:is|are)\b|\bterritory\b|\blocated\b|\bbased\b/i],
  ['payment', /\bpayment terms?\b|\bterms\b|\bnet\s?\d+\b/i],
  ['escalation', /\bescalat|\bopen (?:ticket|issue|complaint)/i],
  ['consent', /\breference consent\b|\bconsent\b|\bcan (?:we|i) (?:use|name) (?:them|it|\S+) as a reference\b/i],
  ['tier', /\btier\b|\blevel\b/i],
];

const POLAR = /^(?:is|are|does|do|did|can|could|may|might|should|would|will|am|has|have|was|were|shall)\b/i;

/** Fields a text asks about. */
export function fieldsIn(text: string): Set<ClientField> {
  const out = new Set<ClientField>();
  for (const [f, re] of FIELD_PATTERNS) if (re.test(text)) out.add(f);
  return out;
}

/** True for a yes/no question (possibly after a short lead-in: "Quick one: can I…"). */
export function isPolar(text: string): boolean {
  return text.split(/(?<=[.!?:])\s+/).some((s) => POLAR.test(s.trim()) || /^(?:is it (?:ok|okay|fine|allowed)|am i allowed)\b/i.test(s.trim()));
}

/** Words that name who or what any question is about, never its subject. */
const NOT_SUBJECT =
  /^(?:clients?|accounts?|customers?|compan(?:y|ies)|rules?|polic(?:y|ies)|guidelines?|playbook|handbook|process|thing|things|way|ways|anything|something|question|our|my|we|us|limits?|amounts?|maximum|minimum|max|min|thresholds?|numbers?|kind|type|sort|lot|part|case|time|today|tomorrow|week|month|year)$/i;

/** The nouns a question is about ("quote", "freight", "shipment"), lower case, without generic words. */
export function subjectNouns(text: string): string[] {
  const nouns = nlp(text).match('#Noun').not('#Pronoun').not('#Value').out('array') as string[];
  const words = nouns.flatMap((n) => n.toLowerCase().match(/[\p{L}][\p{L}'-]*/gu) ?? []);
  return [...new Set(words.filter((w) => w.length >= 3 && !NOT_SUBJECT.test(w)))];
}

export function isPlural(text: string): boolean {
  return /\b(?:clients|accounts|customers|companies|advertisers|brands|book|portfolio)\b|\bwho (?:are|renews|has(?! to\b)|have(?! to\b))\b|\bany(?:one| client)\b|\b(?:every|each|all)\s+(?:\w+\s+){0,2}(?:client|account|customer)\b/i.test(
    text,
  );
}

const OFFER_VERBS = String.raw`(?:pitch(?:ing)?|propos(?:e|ing)|offer(?:ing)?|sell(?:ing)?|run(?:ning)?|use|using|try(?:ing)?|recommend(?:ing)?|suggest(?:ing)?|add(?:ing)?|upsell(?:ing)?|push(?:ing)?|do|launch(?:ing)?)`;

/** The product or offer a check/draft is about: "propose an influencer campaign to X" → "influencer campaign". */
export function productPhrase(masked: string, vocabulary: ClientVocabulary, extraProducts: string[] = []): Signals['product'] {
  const products = [...new Set([...vocabulary.products, ...extraProducts])].sort((a, b) => b.length - a.length);
  const named = products.find((p) => findPhrase(masked, p));
  if (named) return { phrase: named, words: named, resolved: named };
  const trial =
    /\b(?:trial|pilot|test)\s+(?:of|for|with)\s+(?:the\s+|our\s+|a\s+|an\s+)?([^,.;?!@]+?)(?=\s+(?:to|for|with|at|on|from|in|@c)\b|[,.;?!]|$)/i.exec(masked);
  const offer = new RegExp(
    String.raw`\b${OFFER_VERBS}\s+(?:them\s+|it\s+|@c\s+)?(?:the\s+|our\s+|an?\s+|some\s+)?([^,.;?!@]+?)(?=\s+(?:to|for|with|at|on|from|in|into|@c)\b|[,.;?!]|$)`,
    'i',
  ).exec(masked);
  const m = trial ?? offer;
  if (!m) return undefined;
  const phrase = m[1].replace(/\b(?:campaign|campaigns|programme|program|package|product|products|ads?)$/i, (w) => (/ads?$/i.test(w) ? w : '')).trim();
  if (
    !phrase ||
    /^(?:them|it|anything|something|what|a|an|the|to|for|with|on|at|in|discount|trial|pilot|next|now|more)$/i.test(phrase) ||
    /\d\s?%|\bdiscount\b|\bterms\b/i.test(phrase)
  )
    return undefined;
  return { phrase, words: m[1].trim() };
}

const NOT_NAME = new Set(
  (
    'what how can could should would is are does do did who which when where why tell give show list prepare ' +
    'please top bottom total average count number all name names whos whose tier tiers i we our my hi hey hello draft write ' +
    'summarize summarise find get let may am any the a an help ytd vp rfp nda qbr crm ceo cfo cro net usd sales kickoff ' +
    'yes no ok okay monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday tonight ' +
    'january february march april may june july august september october november december compare versus vs ' +
    'also and or but so then thanks thank great quick one email agenda meeting note follow up'
  ).split(' '),
);

/**
 * Capitalised phrases that look like client names the book did not recognise ("meeting with Acme
 * Widgets"), minus places, dates, people the book knows, question words and known vocabulary. Only
 * phrases in a client slot count ("about X", "with X", "for X", "X's", "X spend…").
 */
export function unknownNames(masked: string, known: string[]): string[] {
  // Only a capitalised word after the first one can be a name; most questions have none.
  if (!/\S\s+[^\s]*[A-Z]/.test(masked)) return [];
  const doc = nlp(masked);
  const skip = new Set<string>();
  for (const t of doc.match('(#Place|#Date|#Month|#WeekDay|#QuestionWord|#Pronoun|#Value|#Currency)').terms().out('array') as string[]) {
    skip.add(normalize(t));
  }
  const vocab = new Set(known.flatMap((k) => [normalize(k), ...normalize(k).split(' ')]));
  const out: string[] = [];
  const re = /(?:[A-Z][\w'’&-]*|&)(?:[ \t]+(?:[A-Z][\w'’&-]*|&|of|and|de|la|du))*/g;
  for (const m of masked.matchAll(re)) {
    let words = m[0].replace(/['’]s$/, '').split(/\s+/);
    const drop = (w: string): boolean => NOT_NAME.has(w.toLowerCase()) || skip.has(normalize(w)) || vocab.has(normalize(w)) || /^[A-Z]{2,4}$/.test(w);
    while (words.length && drop(words[0])) words = words.slice(1);
    while (words.length && (drop(words[words.length - 1]) || /^(?:of|and|&|de|la|du)$/.test(words[words.length - 1]))) words = words.slice(0, -1);
    const phrase = words.join(' ').replace(/['’]s$/, '');
    if (!phrase || phrase.length < 3 || /^\d/.test(phrase) || vocab.has(normalize(phrase))) continue;
    const start = (m.index ?? 0) + m[0].indexOf(words[0]);
    const before = masked.slice(Math.max(0, start - 40), start).toLowerCase();
    const after = masked.slice(start + phrase.length, start + phrase.length + 30).toLowerCase();
    // "a Bronze client", "Retail accounts": a category, not a company.
    if (/^\s*(?:clients?|accounts?|customers?|tiers?|industry|sector|region|products?|level)\b/.test(after)) continue;
    const slot =
      /\b(?:about|with|for|to|at|from|on|of|client|customer|account|meet(?:ing)?|call(?:ing)?|visit(?:ing)?|pitch(?:ing)?|email(?:ing)?|brief(?:ing)?|prepare|prep|is|does|did|has|can|should)\s*$/.test(
        before,
      ) || /^\s*(?:['’]s?\b|spend|spent|renew|is\b|has\b|have\b|does\b|pays?\b|runs?\b|buys?\b|account\b)/.test(after);
    if (slot) out.push(phrase);
  }
  return [...new Set(out)];
}

/** Topics, fields and forms of a masked question. */
export function readSignals(text: string, masked: string): Pick<Signals, 'topics' | 'fields' | 'polar' | 'plural'> {
  return { topics: new Set(topicsIn(masked)), fields: fieldsIn(masked), polar: isPolar(text), plural: isPlural(masked) };
}
