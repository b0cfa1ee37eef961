/**
 * Playbook topics: the words that signal each one in a question and the words that find its
 * section in the playbook. Generic sales vocabulary only — never a playbook fact, a threshold or
 * a product name — so a different playbook is found with the same words.
 */

export interface Topic {
  id: TopicId;
  /** Words of a question that signal the topic. */
  signal: RegExp;
  /** Search words for the playbook section. */
  query: string;
  /** A sentence of the section must match this to be quoted as the rule. */
  rule?: RegExp;
}

export type TopicId =
  | 'pricing'
  | 'tiers'
  | 'service'
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
  | 'catalogue'
  | 'communication';

export const TOPICS: readonly Topic[] = [
  {
    id: 'pricing',
    signal: /\bpric(?:e|es|ing)\b(?! cut)|\brate ?card\b|\blist prices?\b|\bquot(?:e|ing)\b|\bhow much (?:does|do|will|would) (?:it|they|\w+ ads?) cost\b/i,
    query: 'pricing policy quote list prices rate card announced',
  },
  {
    id: 'tiers',
    signal: /\btiers?\b|\baccount levels?\b|\blevels? of (?:account|client)s?\b|\bsegment(?:s|ation)?\b/i,
    query: 'spend tiers account levels YTD spend thresholds',
  },
  {
    id: 'service',
    signal:
      /\bservice levels?\b|\bbusiness reviews?\b|\bqbrs?\b|\bsupport (?:team|desk)\b|\bcustomer success\b|\bcheck-?ins?\b|\bwhat (?:service|support) do\b/i,
    query: 'service levels by tier business reviews support team customer success',
  },
  {
    id: 'recommend',
    signal:
      /\brecommend|\bpitch|\bupsell|\bcross-?sell|\bsuggest|\bpropos|\bwhat (?:should|can|could) (?:i|we) (?:sell|offer)\b|\bwhat to (?:sell|offer|pitch)\b|\bnext best\b|\bbest (?:product|fit)\b|\bwhich products?\b|\b(?:products?|what|which) (?:would |might |could |will )?(?:fit|suit)s?\b/i,
    query: 'product recommendations by industry what to pitch propose',
  },
  {
    id: 'discount',
    signal:
      /\bdiscount|\bprice (?:cut|reduction|break)|\bcut (?:the|their|our) price|\breduc(?:e|tion) (?:the|their|our)? ?price|\bmarkdown|\brebate|\d\s?(?:%|percent)\s+(?:off|lower|cheaper|reduction)|\b(?:percent|%) off\b|\bmoney off\b|\bcheaper\b/i,
    query: 'discounts price reductions approval thresholds sign-off',
  },
  {
    id: 'multiyear',
    signal: /\bmulti-?year\b|\blong(?:er)?[- ]term (?:contract|deal|commitment)\b|\b(?:\d+|two|three|four|five)[- ]years?\b/i,
    query: 'multi-year longer contracts commitment years extra discount',
  },
  {
    id: 'renewal',
    signal: /\brenew/i,
    query: 'renewals renewal conversation days before renewal date',
  },
  {
    id: 'trial',
    signal: /\btrials?\b|\bpilots?\b|\btry (?:out|it|a|the)\b|\btest (?:a|the)? ?product\b|\bfree (?:month|period|test)\b|\bwithout paying\b/i,
    query: 'free trial pilot eligibility product client does not use',
  },
  {
    id: 'payment',
    signal: /\bnet\s?\d+\b|\bpayment terms?\b|\bpay (?:later|in \d+)\b|\binvoice terms?\b|\bcredit terms?\b|\bterms of payment\b/i,
    query: 'payment terms net standard approval',
  },
  {
    id: 'escalation',
    signal: /\bescalat|\bopen (?:support )?(?:ticket|issue|complaint)s?\b|\bsupport (?:problem|issue)s?\b/i,
    query: 'open support escalation upsell pitch resolve',
  },
  {
    id: 'competitor',
    signal: /\bcompetitor|\bbattle ?cards?\b|\brivals?\b|\bcompeting (?:agenc|vendor|offer)|\bcomparison sheets?\b/i,
    query: 'competitors battlecards comparison disparage',
  },
  {
    id: 'confidentiality',
    signal: /\bconfidential|\bprivacy\b|\bshare\b[^?.!]*\b(?:data|results|figures|numbers|spend|information|details|with)\b/i,
    query: "client confidentiality never share one client's data with another client",
  },
  {
    id: 'gifts',
    signal: /\bgifts?\b|\bentertain|\bdinners?\b|\blunch(?:es)?\b|\btickets?\b|\bhospitality budget\b|\bpresents?\b/i,
    query: 'gifts entertainment limit per client contact procurement RFP tender',
  },
  {
    id: 'meeting',
    signal: /\bmeeting\b|\bprep(?:are|aration)?\b|\bbrief(?:ing)?\b|\bcall with\b|\bvisit(?:ing)?\b|\bmeet(?:ing)? with\b/i,
    query: 'meeting preparation before a client meeting review',
  },
  {
    id: 'reference',
    signal: /\breferences?\b|\bcase stud|\btestimonial|\bname (?:them|it|\w+) publicly\b|\blogo on\b/i,
    query: 'client references case study reference consent',
  },
  {
    id: 'catalogue',
    signal: /\bproduct (?:catalog(?:ue)?|list|range|line-?up)\b|\bwhat products? do we (?:sell|offer)\b|\bwhich products? do we (?:sell|offer)\b/i,
    query: 'product catalogue products the company sells',
  },
  {
    id: 'communication',
    signal: /\bemail (?:style|tone|rules?)\b|\bbrand voice\b|\btone of voice\b|\bexclamation marks?\b|\bhow (?:should|do) i write\b/i,
    query: 'brand voice emails tone writing style',
  },
];

export const TOPIC_BY_ID: ReadonlyMap<TopicId, Topic> = new Map(TOPICS.map((t) => [t.id, t]));

/** Ids of the topics a text signals. */
export function topicsIn(text: string): TopicId[] {
  return TOPICS.filter((t) => t.signal.test(text)).map((t) => t.id);
}

/** Search words of a topic. */
export function topicQuery(id: TopicId): string {
  return TOPIC_BY_ID.get(id)?.query ?? '';
}
