/**
 * The typed question model. Every question (with the conversation so far) becomes one frame:
 * what is asked and every condition it carries, each with the words it came from. Planning,
 * composing, reviewing, follow-ups and evaluation all read this one value.
 */

/** A field of a client record a question can ask about. */
export type ClientField =
  | 'spend'
  | 'last_year'
  | 'change'
  | 'industry'
  | 'manager'
  | 'region'
  | 'renewal'
  | 'products'
  | 'escalation'
  | 'payment'
  | 'consent'
  | 'tier';

/** An eligibility check answered yes / no / only with approval. */
export type CheckKind = 'discount' | 'trial' | 'payment' | 'gift' | 'reference' | 'pitch' | 'tier' | 'disclosure';

export type DraftFormat = 'email' | 'follow-up' | 'agenda' | 'message';

export type RankBy = 'ytd_spend' | 'last_year_spend' | 'spend_change' | 'renewal_date';

/** What the question asks for. */
/** A second ask riding on a list or count ("How many … and what do they spend in total?"). */
export interface Aggregate {
  of: 'sum' | 'avg';
  measure: 'ytd_spend' | 'last_year_spend';
}

export type Ask =
  | { kind: 'facts'; fields: ClientField[] }
  | { kind: 'list'; also?: Aggregate[] }
  | { kind: 'count'; also?: Aggregate[] }
  /** `named`: the question also asks which clients ("Which … and what is their average spend?"). */
  | { kind: 'sum'; measure: 'ytd_spend' | 'last_year_spend'; named?: boolean }
  | { kind: 'avg'; measure: 'ytd_spend' | 'last_year_spend'; named?: boolean }
  | { kind: 'rank'; by: RankBy; order: 'asc' | 'desc'; limit: number }
  | { kind: 'compare'; fields: ClientField[] }
  | { kind: 'change' }
  | { kind: 'policy' }
  | { kind: 'check'; check: CheckKind }
  /** `missingOnly`: only what the client does not run yet ("Which products is X not using yet?"). */
  | { kind: 'recommend'; missingOnly: boolean }
  | { kind: 'brief' }
  | { kind: 'draft'; format: DraftFormat }
  | { kind: 'out-of-scope' };

export type AskKind = Ask['kind'];

/** Words of the question a part of the frame came from, or what an earlier turn supplied. */
export interface Source {
  words: string;
  /** Taken from an earlier turn of the conversation (a follow-up). */
  inherited?: boolean;
}

/** A condition over the client book. */
export type Condition = Source &
  (
    | { kind: 'industry'; values: string[] }
    | { kind: 'region'; values: string[] }
    | { kind: 'manager'; values: string[] }
    /** A tier name; becomes a spend range once the playbook's tier table is read. */
    | { kind: 'tier'; tier: string }
    /** Spend range; `max` exclusive. */
    | { kind: 'spend'; field: 'ytd_spend' | 'last_year_spend'; min?: number; max?: number }
    | { kind: 'spend-change'; direction: 'down' | 'up' | 'same' }
    | { kind: 'product'; products: string[]; has: boolean }
    | { kind: 'has-products'; has: boolean }
    | { kind: 'escalation'; open: boolean }
    | { kind: 'consent'; value: boolean }
    | { kind: 'payment-terms'; values: string[] }
    /** Renewal date range, ISO, inclusive. */
    | { kind: 'renewal'; from?: string; to?: string }
    /** Something the question asks to filter by that the client book cannot express. */
    | { kind: 'unsupported'; reason: string }
  );

export type ConditionKind = Condition['kind'];

/** A client named in the question (or carried over from the conversation). */
export interface ClientRef extends Source {
  /** The name as the book has it when found, else as written. */
  name: string;
  /** Client id when the book has it. */
  id?: number;
  status: 'found' | 'unknown';
}

/** Numbers the question states. */
export interface Amounts {
  percent?: number;
  years?: number;
  money?: number;
  netDays?: number;
}

export interface QuestionFrame {
  /** The question as asked. */
  question: string;
  /** The question without sentences that try to instruct the agent. */
  text: string;
  /** Some sentence tried to give the agent new instructions (ignored). */
  injection: boolean;
  ask: Ask;
  /** A yes/no question: the answer starts with the verdict. */
  polar: boolean;
  clients: ClientRef[];
  conditions: Condition[];
  /** Playbook topics the answer needs (ids of `TOPICS`). */
  topics: string[];
  amounts: Amounts;
  /** A product or offer the question is about ("an influencer campaign", "a free trial of Connected TV"). */
  product?: Source & { phrase: string; resolved?: string };
  /** What the frame took from earlier turns, in words ("their → RetailCo"). */
  resolved: string[];
}

/** A turn of the conversation as kept in the thread: the frame and what the answer listed. */
export interface FrameTurn {
  question: string;
  answer: string;
  frame: QuestionFrame | null;
  /** Clients the answer was about or listed, in order (for "the first one", "compare them"). */
  clients: { id: number; name: string }[];
}

const CHECK_WORDS: Record<CheckKind, string> = {
  discount: 'whether a discount is allowed',
  trial: 'whether a free trial is allowed',
  payment: 'whether payment terms are allowed',
  gift: 'whether a gift is allowed',
  reference: 'whether the client can be a reference',
  pitch: 'whether a product may be proposed',
  tier: "the client's tier",
  disclosure: 'what may be shared',
};
const FIELD_WORDS: Partial<Record<string, string>> = {
  ytd_spend: 'YTD spend',
  last_year_spend: "last year's spend",
  spend_change: 'change in spend',
  renewal_date: 'renewal date',
};
const fieldWords = (f: string) => FIELD_WORDS[f] ?? f.replace(/_/g, ' ');

/** What a question asks, in a rep's words ("a count of clients", "whether a discount is allowed"). */
export function askInWords(ask: Ask): string {
  switch (ask.kind) {
    case 'facts':
      return ask.fields.length ? `the client's ${ask.fields.map(fieldWords).join(', ')}` : 'facts about a client';
    case 'list':
      return 'a list of clients';
    case 'count':
      return 'a count of clients';
    case 'sum':
      return `the total ${fieldWords(ask.measure)}`;
    case 'avg':
      return `the average ${fieldWords(ask.measure)}`;
    case 'rank':
      return `the ${ask.limit} clients with the ${ask.order === 'desc' ? 'highest' : 'lowest'} ${fieldWords(ask.by)}`;
    case 'compare':
      return 'a comparison of clients';
    case 'change':
      return 'the change in spend from last year';
    case 'policy':
      return 'a playbook rule';
    case 'check':
      return CHECK_WORDS[ask.check];
    case 'recommend':
      return 'what to pitch';
    case 'brief':
      return 'a meeting brief';
    case 'draft':
      return `a draft ${ask.format === 'follow-up' ? 'follow-up' : ask.format}`;
    case 'out-of-scope':
      return 'something outside clients and the playbook';
  }
}

/** A condition in words, for answers and the trace ("renewing 2026-12-01 to 2026-12-31"). */
export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'industry':
      return `industry ${c.values.join(' or ')}`;
    case 'region':
      return `region ${c.values.join(' or ')}`;
    case 'manager':
      return `managed by ${c.values.join(' or ')}`;
    case 'tier':
      return `${c.tier} tier`;
    case 'spend': {
      const what = c.field === 'ytd_spend' ? 'YTD spend' : "last year's spend";
      const usd = (n: number) => `$${n.toLocaleString('en-US')}`;
      if (c.min !== undefined && c.max !== undefined) return `${what} from ${usd(c.min)} up to (not including) ${usd(c.max)}`;
      if (c.min !== undefined) return `${what} of at least ${usd(c.min)}`;
      return `${what} under ${usd(c.max ?? 0)}`;
    }
    case 'spend-change':
      return c.direction === 'down' ? 'spending less than last year' : c.direction === 'up' ? 'spending more than last year' : 'spending the same as last year';
    case 'product':
      return `${c.has ? 'running' : 'not running'} ${c.products.join(' or ')}`;
    case 'has-products':
      return c.has ? 'with at least one product' : 'with no products yet';
    case 'escalation':
      return c.open ? 'with an open escalation' : 'without an open escalation';
    case 'consent':
      return c.value ? 'with reference consent' : 'without reference consent';
    case 'payment-terms':
      return `on ${c.values.join(' or ')}`;
    case 'renewal':
      if (c.from && c.to) return `renewing ${c.from} to ${c.to}`;
      if (c.from) return `renewing on or after ${c.from}`;
      return `renewing on or before ${c.to}`;
    case 'unsupported':
      return c.reason;
  }
}
