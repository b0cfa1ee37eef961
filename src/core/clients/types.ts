/** A client record as the rep sees it (one row of the client book). */
export interface Client {
  id: number;
  name: string;
  industry: string;
  ytd_spend: number;
  last_year_spend: number;
  account_manager: string;
  region: string;
  /** ISO date, YYYY-MM-DD. */
  renewal_date: string;
  products: string[];
  open_escalation: boolean;
  payment_terms: string;
  reference_consent: boolean;
}

export type MatchKind = 'exact' | 'normalized' | 'prefix' | 'fuzzy';

export interface ClientSuggestion {
  name: string;
  score: number;
}

export type LookupResult =
  | {
      status: 'found';
      client: Client;
      match: MatchKind;
      score: number;
      alternatives: ClientSuggestion[] /** The words looked up, as written. */;
      query?: string;
    }
  | { status: 'not-found'; query: string; suggestions: ClientSuggestion[] };

/** One value, or several (matches any of them). */
export type OneOrMany<T> = T | T[];

/**
 * Structured query over the client book. Parameters only: no SQL text ever comes from a model
 * or the user. Spend tiers are passed as spend ranges (the tier table lives in the playbook).
 * Text filters take one value or a list (any of them matches); every filter given must hold.
 */
export interface ClientQuery {
  industry?: OneOrMany<string>;
  region?: OneOrMany<string>;
  account_manager?: OneOrMany<string>;
  min_spend?: number;
  /** Exclusive upper bound. */
  max_spend?: number;
  min_last_year_spend?: number;
  /** Exclusive upper bound. */
  max_last_year_spend?: number;
  /** YTD spend compared with last year's: 'down' (less), 'up' (more) or 'same'. */
  spend_change?: 'down' | 'up' | 'same';
  open_escalation?: boolean;
  /** Clients that run at least one of these products. */
  product?: OneOrMany<string>;
  /** Clients that run none of these products. */
  without_product?: OneOrMany<string>;
  /** true: at least one product on record; false: none. */
  has_products?: boolean;
  reference_consent?: boolean;
  payment_terms?: OneOrMany<string>;
  /** Renewal date within [today, today + days]. */
  renewal_within_days?: number;
  /** Renewal date on or after this ISO date. */
  renewal_from?: string;
  /** Renewal date on or before this ISO date. */
  renewal_to?: string;
  /** ISO date used as "today" for renewal windows (defaults to the current date). */
  today?: string;
  aggregate?: 'list' | 'count' | 'sum' | 'avg';
  order_by?: 'ytd_spend' | 'last_year_spend' | 'spend_change' | 'name' | 'renewal_date';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface QueryResult {
  /** Matching clients, one page (empty for sum and avg). */
  clients: Client[];
  /** Number of matching clients before limit/offset. */
  total: number;
  /** Sum of YTD spend over all matches. */
  sum_ytd_spend: number;
  avg_ytd_spend: number;
  sum_last_year_spend: number;
  avg_last_year_spend: number;
}

export type ImportFormat = 'json' | 'csv';
export type ImportMode = 'merge' | 'replace';

export interface ImportReport {
  added: number;
  updated: number;
  /** Clients removed by a replace (0 for a merge). */
  removed: number;
  total: number;
  /** Headers of the file's columns that were not imported. */
  ignored: string[];
}

/** The distinct values present in the book, for recognising filters in free text. */
export interface ClientVocabulary {
  industries: string[];
  regions: string[];
  managers: string[];
  products: string[];
}

/** Columns the client list can be sorted by. */
export type ClientSortKey = 'name' | 'industry' | 'ytd_spend' | 'account_manager' | 'region' | 'renewal_date';

/** What the Clients page asks for: free text, column filters, a sort and a page. */
export interface ClientBrowseQuery {
  /**
   * Words matched against name, industry, account manager, region and products, tolerant of
   * typos and accents; every word must match somewhere. Results are ranked by relevance unless
   * `sort` is given.
   */
  text?: string;
  industry?: string;
  region?: string;
  account_manager?: string;
  product?: string;
  open_escalation?: boolean;
  sort?: ClientSortKey;
  order?: 'asc' | 'desc';
  offset?: number;
  /** Page size (at most 1000). */
  limit?: number;
}

export interface ClientBrowseResult {
  /** One page of matching clients, in order. */
  clients: Client[];
  /** Number of matching clients before offset/limit. */
  total: number;
}

/** Browsing the book as a rep does on the Clients page (beside the agent-facing `ClientStore`). */
export interface ClientBrowser {
  browse(q: ClientBrowseQuery): Promise<ClientBrowseResult>;
  /** One client by id, or undefined. */
  get(id: number): Promise<Client | undefined>;
}

/** The client database, whether in process or behind a worker proxy. */
export interface ClientStore {
  count(): Promise<number>;
  /** All clients (or a page), optionally filtered by a name search. */
  list(opts?: { search?: string; offset?: number; limit?: number }): Promise<Client[]>;
  lookup(name: string): Promise<LookupResult>;
  /** Finds client names mentioned anywhere in free text (for the built-in agent). */
  findMentions(text: string): Promise<LookupResult[]>;
  query(q: ClientQuery): Promise<QueryResult>;
  /** Distinct industries, regions, account managers and products (cached until the next write). */
  vocabulary(): Promise<ClientVocabulary>;
  /** All-or-nothing import; throws AppError('bad-import') naming row and field. */
  importText(text: string, format: ImportFormat, mode?: ImportMode): Promise<ImportReport>;
  /** The SQLite file, for persistence. */
  exportBytes(): Promise<Uint8Array>;
  /** Replace the whole database from bytes previously produced by exportBytes. */
  loadBytes(bytes: Uint8Array): Promise<void>;
}
