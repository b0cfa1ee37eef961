/**
 * Matches a file's column headers to client fields: the app's own names first, then the names
 * Salesforce, HubSpot, Pipedrive and Dynamics write in their account exports (import-fields.ts),
 * ignoring case, accents, spaces and punctuation. Two columns that match one field equally well
 * are a conflict for the rep (or the CLI) to settle; nothing is guessed.
 */
import { FIELD_SPECS, type ClientField } from './import-fields.ts';

export type MatchKind = 'app' | 'crm' | 'none';

export interface HeaderMatch {
  field: ClientField | null;
  match: MatchKind;
  /** The CRM whose export uses this name ("Salesforce", "HubSpot", "common"…). */
  source?: string;
}

export interface HeaderConflict {
  field: ClientField;
  /** Column indexes that match the field equally well. */
  columns: number[];
}

export interface MaybeColumn {
  field: ClientField;
  column: number;
  /** Why it is only a suggestion. */
  why: string;
}

export interface HeaderProposal {
  /** One entry per column, in file order. */
  matches: HeaderMatch[];
  conflicts: HeaderConflict[];
  /** Columns that may hold a field no column matched (shown as hints, never chosen). */
  maybe: MaybeColumn[];
}

/** "Account Owner", "account_owner", "AccountOwner", "Renewal_Date__c" → "accountowner" / "renewaldate". */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim()
    .replace(/__c$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Pipedrive-style entity prefixes: "Organization - Industry" is the organization's industry. */
const ENTITY_PREFIX = /^\s*(?:organi[sz]ation|account|company)\s+-\s+(.+)$/i;

interface Candidate {
  field: ClientField;
  rank: number;
  match: MatchKind;
  source?: string;
}

const APP_KEYS = new Map<string, ClientField>(FIELD_SPECS.map((s) => [normalizeHeader(s.field), s.field]));
const ALIAS_KEYS = new Map<string, { field: ClientField; source: string }>();
for (const spec of FIELD_SPECS) {
  for (const [name, source] of spec.aliases) ALIAS_KEYS.set(normalizeHeader(name), { field: spec.field, source });
}
const MAYBE_KEYS = new Map<string, { field: ClientField; why: string }>();
for (const spec of FIELD_SPECS) for (const [name, why] of spec.maybe ?? []) MAYBE_KEYS.set(normalizeHeader(name), { field: spec.field, why });

function candidateFor(header: string): Candidate | null {
  const keys = [normalizeHeader(header)];
  const prefixed = ENTITY_PREFIX.exec(header);
  if (prefixed) keys.push(normalizeHeader(prefixed[1]));
  for (let k = 0; k < keys.length; k++) {
    const app = APP_KEYS.get(keys[k]);
    if (app) return { field: app, rank: k * 2, match: 'app' };
    const alias = ALIAS_KEYS.get(keys[k]);
    if (alias) return { field: alias.field, rank: k * 2 + 1, match: 'crm', source: alias.source };
  }
  return null;
}

/** Proposes a field for every header; conflicting columns are left unmatched and reported. */
export function matchHeaders(headers: readonly string[]): HeaderProposal {
  const candidates = headers.map(candidateFor);
  const best = new Map<ClientField, number>();
  for (const c of candidates) if (c) best.set(c.field, Math.min(best.get(c.field) ?? Infinity, c.rank));
  const conflicts: HeaderConflict[] = [];
  const matches: HeaderMatch[] = candidates.map((c) => {
    if (!c || c.rank !== best.get(c.field)) return { field: null, match: 'none' };
    return { field: c.field, match: c.match, ...(c.source ? { source: c.source } : {}) };
  });
  for (const field of best.keys()) {
    const columns = matches.flatMap((m, i) => (m.field === field ? [i] : []));
    if (columns.length > 1) {
      conflicts.push({ field, columns });
      for (const i of columns) matches[i] = { field: null, match: 'none' };
    }
  }
  const matched = new Set([...best.keys()].filter((f) => !conflicts.some((c) => c.field === f)));
  const maybe: MaybeColumn[] = [];
  headers.forEach((h, column) => {
    const hint = MAYBE_KEYS.get(normalizeHeader(h));
    if (hint && !matched.has(hint.field) && matches[column].field === null) maybe.push({ field: hint.field, column, why: hint.why });
  });
  return { matches, conflicts, maybe };
}

/** Identifies a set of headers (order, case and punctuation aside) so a rep's mapping can be remembered. */
export function headerSetKey(headers: readonly string[]): string {
  return [...new Set(headers.map(normalizeHeader))].sort().join('|');
}
