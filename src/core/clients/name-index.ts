/**
 * In-memory name index for client lookup in well under 2 ms at 100,000 clients: hash maps for
 * exact matches, a sorted key array for whole-word prefixes, and a character-trigram inverted
 * index that picks a few fuzzy candidates before any edit distance is computed.
 */
import type { ClientSuggestion, MatchKind } from './types.ts';
import { matchKey, normalizeName, stripSuffixes } from './normalize.ts';
import { nameSimilarity } from './similarity.ts';

/** Fuzzy matches are accepted only at or above this similarity… */
export const FUZZY_ACCEPT = 0.8;
/** …and only when this much better than the runner-up (otherwise the rep must choose). */
export const FUZZY_MARGIN = 0.08;
/** Score reported for a unique whole-word prefix match. */
export const PREFIX_SCORE = 0.9;
const SUGGEST_MIN = 0.45;
const COMMON_GRAM_MIN = 1000;
const MIN_GRAMS = 4;
const CANDIDATES = 24;
const MAX_SUGGESTIONS = 3;

export interface IndexedName {
  id: number;
  name: string;
}

export type IndexMatch =
  | { kind: 'found'; id: number; match: MatchKind; score: number; alternatives: ClientSuggestion[] }
  | { kind: 'not-found'; suggestions: ClientSuggestion[] };

export interface IndexLookupOptions {
  prefix?: boolean;
  fuzzy?: boolean;
}

/** Trigram ids: characters folded to a 64-symbol alphabet, so a trigram is an int < 2^18. */
function charCode(ch: number): number {
  if (ch === 32) return 0;
  if (ch >= 97 && ch <= 122) return ch - 96; // a-z → 1..26
  if (ch >= 48 && ch <= 57) return ch - 21; // 0-9 → 27..36
  return 37 + (ch % 27); // other letters (already normalized) share the rest
}

const GRAM_SPACE = 64 * 64 * 64;

function addGrams(s: string, out: Set<number>): void {
  // Padded like " abc " so word starts and ends count as trigrams too.
  let a = 0;
  let b = 0;
  let first = true;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? charCode(s.charCodeAt(i)) : 0;
    if (!first) out.add((a << 12) | (b << 6) | c);
    first = false;
    a = b;
    b = c;
  }
}

/** Trigrams of the space-free key and of each word, as ids. */
function trigrams(key: string): Set<number> {
  const grams = new Set<number>();
  addGrams(key.replaceAll(' ', ''), grams);
  if (key.includes(' ')) for (const token of key.split(' ')) addGrams(token, grams);
  return grams;
}

export class NameIndex {
  readonly #ids: number[];
  readonly #names: string[];
  readonly #keys: string[];
  readonly #raw = new Map<string, number>();
  readonly #norm = new Map<string, number>();
  readonly #byKey = new Map<string, number[]>();
  /** Entry positions sorted by key, for binary-searched prefix ranges. */
  readonly #sorted: Int32Array;
  /** CSR inverted index: entries having trigram g are #postings[#offsets[g] .. #offsets[g + 1]). */
  readonly #offsets: Int32Array;
  readonly #postings: Int32Array;
  readonly #gramCount: Uint16Array;
  readonly #hits: Uint16Array;
  readonly #touched: Int32Array;
  readonly #dice: Float32Array;

  private constructor(entries: IndexedName[]) {
    const n = entries.length;
    this.#ids = entries.map((e) => e.id);
    this.#names = entries.map((e) => e.name);
    this.#keys = new Array<string>(n);
    this.#gramCount = new Uint16Array(n);
    this.#hits = new Uint16Array(n);
    this.#touched = new Int32Array(n);
    this.#dice = new Float32Array(n);
    const gramsOf: Int32Array[] = new Array<Int32Array>(n);
    const offsets = new Int32Array(GRAM_SPACE + 1);
    for (let i = 0; i < n; i++) {
      const name = entries[i].name;
      const norm = normalizeName(name);
      const key = stripSuffixes(norm);
      this.#keys[i] = key;
      this.#raw.set(name.trim(), i);
      this.#norm.set(norm, i);
      const same = this.#byKey.get(key);
      if (same) same.push(i);
      else this.#byKey.set(key, [i]);
      const grams = Int32Array.from(trigrams(key));
      gramsOf[i] = grams;
      this.#gramCount[i] = grams.length;
      for (let k = 0; k < grams.length; k++) offsets[grams[k] + 1]++;
    }
    for (let g = 0; g < GRAM_SPACE; g++) offsets[g + 1] += offsets[g];
    const fill = offsets.slice(0, GRAM_SPACE);
    const postings = new Int32Array(offsets[GRAM_SPACE]);
    for (let i = 0; i < n; i++) {
      const grams = gramsOf[i];
      for (let k = 0; k < grams.length; k++) postings[fill[grams[k]]++] = i;
    }
    this.#offsets = offsets;
    this.#postings = postings;
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (this.#keys[a] < this.#keys[b] ? -1 : this.#keys[a] > this.#keys[b] ? 1 : a - b));
    this.#sorted = Int32Array.from(order);
  }

  /** Builds the index over the given client names (ids are the database ids). */
  static build(entries: IndexedName[]): NameIndex {
    return new NameIndex(entries);
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Exact raw → exact normalized/key → unique whole-word prefix → clearly-best fuzzy. */
  lookup(query: string, opts: IndexLookupOptions = {}): IndexMatch {
    const raw = this.#raw.get(query.trim());
    if (raw !== undefined) return this.#found(raw, 'exact', 1, this.#family(raw));
    const norm = normalizeName(query);
    if (norm === '') return { kind: 'not-found', suggestions: [] };
    const normHit = this.#norm.get(norm);
    if (normHit !== undefined) return this.#found(normHit, 'normalized', 1, this.#family(normHit));
    const key = stripSuffixes(norm);
    const same = this.#byKey.get(key);
    if (same && same.length === 1) return this.#found(same[0], 'normalized', 1, this.#family(same[0]));
    if (same && same.length > 1) {
      return { kind: 'not-found', suggestions: same.slice(0, MAX_SUGGESTIONS).map((i) => this.#suggest(i, 1)) };
    }
    const prefixed = this.#prefixRange(key, MAX_SUGGESTIONS + 1);
    if (opts.prefix !== false && prefixed.length === 1) {
      return this.#found(prefixed[0], 'prefix', PREFIX_SCORE, []);
    }
    if (prefixed.length > 1) {
      return { kind: 'not-found', suggestions: prefixed.slice(0, MAX_SUGGESTIONS).map((i) => this.#suggest(i, PREFIX_SCORE)) };
    }
    const scored = this.#fuzzy(key);
    const [best, second] = scored;
    if (opts.fuzzy !== false && best && best.score >= FUZZY_ACCEPT && best.score - (second?.score ?? 0) >= FUZZY_MARGIN) {
      const alternatives = scored.slice(1, 1 + MAX_SUGGESTIONS).filter((s) => s.score >= SUGGEST_MIN);
      return this.#found(
        best.i,
        'fuzzy',
        best.score,
        alternatives.map((s) => this.#suggest(s.i, s.score)),
      );
    }
    return {
      kind: 'not-found',
      suggestions: scored
        .filter((s) => s.score >= SUGGEST_MIN)
        .slice(0, MAX_SUGGESTIONS)
        .map((s) => this.#suggest(s.i, s.score)),
    };
  }

  /** The matching key of a text, exposed so callers can test n-grams cheaply. */
  static keyOf(text: string): string {
    return matchKey(text);
  }

  #found(i: number, match: MatchKind, score: number, alternatives: ClientSuggestion[]): IndexMatch {
    return { kind: 'found', id: this.#ids[i], match, score: round(score), alternatives };
  }

  #suggest(i: number, score: number): ClientSuggestion {
    return { name: this.#names[i], score: round(score) };
  }

  /** Other names that extend this one by whole words ("TechGiant" → "TechGiant Labs"). */
  #family(i: number): ClientSuggestion[] {
    return this.#prefixRange(this.#keys[i], MAX_SUGGESTIONS)
      .filter((j) => j !== i)
      .map((j) => this.#suggest(j, PREFIX_SCORE));
  }

  /** Entries whose key starts with `key + ' '` (whole-word prefix), at most `limit`. */
  #prefixRange(key: string, limit: number): number[] {
    const target = `${key} `;
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#keys[this.#sorted[mid]] < target) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let p = lo; p < this.#sorted.length && out.length < limit; p++) {
      const i = this.#sorted[p];
      if (!this.#keys[i].startsWith(target)) break;
      out.push(i);
    }
    return out;
  }

  /** Top fuzzy candidates by trigram overlap, then rescored by edit distance, best first. */
  #fuzzy(key: string): { i: number; score: number }[] {
    const grams = trigrams(key);
    const hits = this.#hits;
    const touched = this.#touched;
    const dice = this.#dice;
    const offsets = this.#offsets;
    const postings = this.#postings;
    // Very common trigrams ("ics", " ma") cost most and tell least: skip them in big books,
    // keeping at least the MIN_GRAMS rarest so short or common-word queries still get candidates.
    const cap = Math.max(COMMON_GRAM_MIN, this.#ids.length / 20);
    const byRarity = [...grams].sort((a, b) => offsets[a + 1] - offsets[a] - (offsets[b + 1] - offsets[b]));
    const used = byRarity.filter((g, k) => k < MIN_GRAMS || offsets[g + 1] - offsets[g] <= cap);
    let nTouched = 0;
    for (const g of used) {
      for (let k = offsets[g], end = offsets[g + 1]; k < end; k++) {
        const i = postings[k];
        if (hits[i] === 0) touched[nTouched++] = i;
        hits[i]++;
      }
    }
    // Histogram of Dice scores picks a cut-off that keeps about CANDIDATES entries, in O(touched).
    const bins = new Int32Array(65);
    for (let t = 0; t < nTouched; t++) {
      const i = touched[t];
      const d = (2 * hits[i]) / (used.length + this.#gramCount[i]);
      dice[i] = d;
      hits[i] = 0;
      bins[Math.min(64, Math.floor(d * 64))]++;
    }
    let cut = 64;
    for (let seen = bins[64]; cut > 0 && seen < CANDIDATES; ) seen += bins[--cut];
    const top: number[] = [];
    for (let t = 0; t < nTouched; t++) {
      const i = touched[t];
      if (Math.floor(dice[i] * 64) >= cut) top.push(i);
    }
    top.sort((a, b) => dice[b] - dice[a]);
    if (top.length > CANDIDATES * 2) top.length = CANDIDATES * 2;
    return top
      .map((i) => ({ i, score: nameSimilarity(key, this.#keys[i]) }))
      .sort((a, b) => b.score - a.score || this.#keys[a.i].length - this.#keys[b.i].length);
  }
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
