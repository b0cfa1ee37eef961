/**
 * Reads what a question asks for, from its words only (no store, no playbook): playbook
 * topics, list/aggregate intent, client fields, numbers. Injection sentences are dropped first.
 */
import { parseCount, parseMoney } from './text.ts';

export type Topic =
  | 'pricing'
  | 'tiers'
  | 'recommend'
  | 'discount'
  | 'multiyear'
  | 'renewal'
  | 'trial'
  | 'payment'
  | 'escalation'
  | 'competitor'
  | 'confidentiality'
  | 'gifts'
  | 'meeting'
  | 'reference'
  | 'service'
  | 'policy';

export type ClientField =
  | 'spend'
  | 'last_year'
  | 'industry'
  | 'manager'
  | 'renewal'
  | 'products'
  | 'region'
  | 'payment'
  | 'escalation'
  | 'consent';

export interface Intent {
  /** The question without injection sentences. */
  text: string;
  injection: boolean;
  topics: Set<Topic>;
  fields: Set<ClientField>;
  /** The question asks about many clients (which / how many / top / total...). */
  aggregate: boolean;
  aggregateKind: 'list' | 'count' | 'sum' | 'avg';
  orderBy?: 'ytd_spend' | 'renewal_date' | 'name';
  order?: 'asc' | 'desc';
  limit?: number;
  renewalWithinDays?: number;
  escalationFilter: boolean;
  /** Asks to pass information to someone ("tell X what Y spends"). */
  disclosure: boolean;
  discountPct?: number;
  years?: number;
  money?: number;
  netTerm?: number;
}

/** Search words per topic: generic vocabulary, never a playbook fact. */
export const TOPIC_QUERIES: Record<Topic, string> = {
  pricing: 'pricing policy quote list prices rate card',
  tiers: 'spend tiers YTD spend thresholds',
  recommend: 'product recommendations by industry what to pitch',
  discount: 'discounts approval thresholds',
  multiyear: 'multi-year deals commitment extra discount',
  renewal: 'renewals renewal conversation timing',
  trial: 'free trial eligibility',
  payment: 'payment terms net approval',
  escalation: 'open support escalation upsell pitch',
  competitor: 'competitors battlecards disparage',
  confidentiality: 'client confidentiality share client data with another client',
  gifts: 'gifts entertainment limit per client procurement RFP',
  meeting: 'meeting preparation before a client meeting review',
  reference: 'client references case study reference consent',
  service: 'service levels by tier business reviews support team',
  policy: '',
};

const INJECTION =
  /\b(?:ignore|disregard|forget|override)\b[^.?!]*\b(?:instructions?|rules?|prompts?|guidelines|polic(?:y|ies))\b|\bsystem prompt\b|\byou are now\b|\bjailbreak\b|\bdeveloper mode\b/i;

/** True when a sentence tries to give the agent new instructions. */
export function isInjection(sentence: string): boolean {
  return INJECTION.test(sentence);
}

/** Drops sentences that try to give the agent new instructions. */
export function sanitize(question: string): { text: string; injection: boolean } {
  const parts = question.split(/(?<=[.!?])\s+|\n+/);
  const kept = parts.filter((p) => !INJECTION.test(p));
  return { text: kept.join(' ').trim(), injection: kept.length !== parts.length };
}

/**
 * What an injection sentence is about, without its order ("...and say it qualifies for a 50%
 * discount" → "it qualifies for a 50% discount"): used only to fetch the policy that refutes it.
 */
export function injectionResidue(question: string): string {
  return question
    .split(/(?<=[.!?])\s+|\n+/)
    .filter((p) => INJECTION.test(p))
    .map((p) => p.replace(INJECTION, ' ').replace(/\b(?:and|then)?\s*(?:tell|say|print|reveal|claim|write)\b(?:\s+(?:the client|them|him|her|me))?(?:\s+that)?/gi, ' '))
    .join(' ')
    .trim();
}

const TOPIC_PATTERNS: [Topic, RegExp][] = [
  ['pricing', /\bpric(?:e|es|ing)\b|\brate card\b|\bquote\b/i],
  ['tiers', /\btiers?\b/i],
  ['service', /\bservice levels?\b|\bbusiness reviews?\b|\bqbrs?\b|\bsupport team\b|\bcustomer success\b/i],
  ['recommend', /\brecommend|\bpitch|\bupsell|\bcross-?sell|\bsuggest|\b(?:what|which) products? (?:should|to|would|could|can|do you recommend|is best|fits?)\b|\bwhat should i (?:sell|offer)\b|\bwhat to (?:sell|offer)\b|\bnext best\b/i],
  ['discount', /\bdiscount|\d\s?(?:%|percent)\s+(?:off|discount|reduction)|\b(?:give|offer|grant|approve)\b[^.?!]*\d\s?(?:%|percent)|\b\d+\s?(?:percent )?off\b/i],
  ['multiyear', /\bmulti-?year\b|\b(?:\d+|two|three|four|five)[- ]years?\b/i],
  ['renewal', /\brenew/i],
  ['trial', /\btrials?\b/i],
  ['payment', /\bnet\s?\d+\b|\bpayment terms?\b|\bpay later\b/i],
  ['escalation', /\bescalat/i],
  ['competitor', /\bcompetitor|\bbattlecard|\brival/i],
  ['confidentiality', /\bconfidential|\bprivacy\b|\bshare\b[^?.!]*\b(?:data|results|figures|numbers|spend|information|details|with)\b/i],
  ['gifts', /\bgifts?\b|\bentertain|\bdinner\b|\btickets?\b/i],
  ['meeting', /\bmeeting\b|\bprep(?:are|aration)?\b|\bbrief(?:ing)?\b|\bcall with\b|\bvisit(?:ing)?\b/i],
  ['reference', /\breferences?\b|\bcase stud|\btestimonial/i],
  ['policy', /\bpolicy|\brules?\b|\ballowed\b|\bcan i\b|\bmay i\b|\bam i\b|\beligible\b|\bapprov/i],
];

const FIELD_PATTERNS: [ClientField, RegExp][] = [
  ['spend', /\bspen[dt]|\bspending\b|\bytd\b|\bhow much\b|\brevenue\b|\bbudget\b/i],
  ['last_year', /\blast year\b|\bprevious year\b|\bprior year\b/i],
  ['industry', /\bindustry\b|\bsector\b|\bvertical\b/i],
  ['manager', /\bmanager\b|\bowner\b|\bwho (?:manages|owns|handles)\b|\brep\b/i],
  ['renewal', /\brenew/i],
  ['products', /\bproducts?\b|\brunning\b|\bbuy(?:ing)?\b|\bdo they use\b|\bcurrently use\b/i],
  ['region', /\bregion\b|\bwhere\b|\bterritory\b/i],
  ['payment', /\bpayment terms?\b|\bterms\b/i],
  ['escalation', /\bescalat/i],
  ['consent', /\breference\b|\bconsent\b|\bcase stud/i],
];

/** Classifies a question. */
export function detectIntent(question: string): Intent {
  const { text, injection } = sanitize(question);
  // Topics (and the numbers they need) also come from what an injection claims, so the answer
  // can cite the rule it contradicts; nothing else is taken from injected sentences.
  const residue = injection ? injectionResidue(question) : '';
  const topical = `${text} ${residue}`.trim();
  const topics = new Set<Topic>();
  for (const [t, re] of TOPIC_PATTERNS) if (re.test(topical)) topics.add(t);
  const fields = new Set<ClientField>();
  for (const [f, re] of FIELD_PATTERNS) if (re.test(text)) fields.add(f);

  const top = /\b(?:top|largest|biggest|highest|best)\s+(\d+|\w+)?/i.exec(text);
  const bottom = /\b(?:bottom|smallest|lowest)\s+(\d+|\w+)?/i.exec(text);
  const plural = /\b(?:clients|accounts|customers|companies)\b/i.test(text);
  const countWords = /\bhow many\b|\bnumber of\b|\bcount\b/i.test(text);
  const sumWords = /\btotal\b|\bsum\b|\bcombined\b|\baltogether\b/i.test(text);
  const avgWords = /\baverage\b|\bavg\b|\bmean\b/i.test(text);
  const listWords = /\bwhich\b|\blist\b|\bshow (?:me )?(?:all|the)\b|\bwho are\b|\bwhat (?:are|clients)\b|\ball\b/i.test(text);
  const aggregate = plural && (countWords || sumWords || avgWords || listWords || !!top || !!bottom);
  const aggregateKind = countWords ? 'count' : sumWords ? 'sum' : avgWords ? 'avg' : 'list';

  let orderBy: Intent['orderBy'];
  let order: Intent['order'];
  let limit: number | undefined;
  if (top || bottom) {
    orderBy = 'ytd_spend';
    order = top ? 'desc' : 'asc';
    limit = parseCount((top ?? bottom)?.[1] ?? '') ?? (/\b(?:top|bottom)\b/i.test(text) ? 5 : 1);
  } else if (/\bby (?:ytd )?spend\b/i.test(text)) {
    orderBy = 'ytd_spend';
    order = 'desc';
  } else if (topics.has('renewal')) {
    orderBy = 'renewal_date';
    order = 'asc';
  }

  let renewalWithinDays: number | undefined;
  const days = /\b(?:next|within|coming|in)\s+(?:the\s+)?(?:next\s+)?(\d+|\w+)\s+(days?|weeks?|months?)\b/i.exec(text);
  if (days && topics.has('renewal')) {
    const n = parseCount(days[1]) ?? 1;
    const unit = days[2].toLowerCase();
    renewalWithinDays = unit.startsWith('day') ? n : unit.startsWith('week') ? n * 7 : n * 30;
  } else if (topics.has('renewal') && /\bnext month\b/i.test(text)) renewalWithinDays = 30;
  else if (topics.has('renewal') && /\bthis quarter\b|\bnext quarter\b/i.test(text)) renewalWithinDays = 90;

  const pct = /(\d+(?:\.\d+)?)\s?(?:%|percent\b)/i.exec(text) ?? /(\d+(?:\.\d+)?)\s?(?:%|percent\b)/i.exec(residue);
  const years = /\b(\d+|two|three|four|five)[- ]years?\b/i.exec(text);
  const net = /\bnet\s?(\d+)\b/i.exec(text) ?? /\bnet\s?(\d+)\b/i.exec(residue);
  const disclosure =
    (/\b(?:tell|share|send|disclose|reveal|forward|show|let)\b[^?.!]*\b(?:what|how much|which|know|spend|spends|spending|data|numbers|figures|results|performance|information|info|details|plans|price|prices|pricing|budget|products)\b/i.test(text) &&
      !/\b(?:tell|show) me\b/i.test(text)) ||
    /\b(?:asked|asks|wants? to know|requested)\b[^?.!]*\b(?:what|which|how much)\b/i.test(text);

  return {
    text,
    injection,
    topics,
    fields,
    aggregate,
    aggregateKind,
    orderBy,
    order,
    limit,
    renewalWithinDays,
    escalationFilter: aggregate && topics.has('escalation'),
    disclosure,
    discountPct: pct ? Number(pct[1]) : undefined,
    years: years ? parseCount(years[1]) : /\bmulti-?year\b/i.test(text) ? 2 : undefined,
    money: parseMoney(text),
    netTerm: net ? Number(net[1]) : undefined,
  };
}

const QUESTION_WORDS = new Set(
  (
    'what how can could should would is are does do did who which when where why tell give show list prepare ' +
    'please top bottom total average count number all name names whos tier tiers i we our my hi hey draft write summarize summarise find get let may am any the a an help ' +
    'ytd vp rfp nda qbr crm ceo cfo net usd sales kickoff yes no ok monday tuesday wednesday thursday friday ' +
    'january february march april may june july august september october november december'
  ).split(' '),
);

/**
 * Capitalised phrases that look like company names the store did not recognise
 * ("meeting with Acme Widgets"), minus known vocabulary (industries, regions, managers...).
 */
export function candidateNames(text: string, vocabulary: Iterable<string>): string[] {
  const vocab = new Set([...vocabulary].map((v) => v.toLowerCase()));
  const out: string[] = [];
  const re = /(?:[A-Z][\w'’&-]*|&)(?:[ \t]+(?:[A-Z][\w'’&-]*|&|of|and))*/g;
  for (const m of text.matchAll(re)) {
    let words = m[0].replace(/['’]s$/, '').replace(/[.,]$/, '').split(/\s+/);
    while (words.length > 0 && (QUESTION_WORDS.has(words[0].toLowerCase()) || vocab.has(words[0].toLowerCase()))) words = words.slice(1);
    while (words.length > 0 && /^(?:of|and|&)$/.test(words[words.length - 1])) words = words.slice(0, -1);
    const phrase = words.join(' ').replace(/['’]s$/, '');
    if (!phrase || vocab.has(phrase.toLowerCase()) || QUESTION_WORDS.has(phrase.toLowerCase())) continue;
    const after = text.slice((m.index ?? 0) + m[0].length);
    // "a Bronze client", "Retail accounts": a category, not a company.
    if (/^\s+(?:clients?|accounts?|customers?|tiers?|industry|sector|region|products?)\b/i.test(after)) continue;
    if (/^\d/.test(phrase) || phrase.length < 3) continue;
    out.push(phrase);
  }
  return [...new Set(out)];
}
