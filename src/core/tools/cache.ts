/**
 * A small TTL cache for tool results, with hit/miss statistics for the UI's cache panel.
 * The clock is injectable so expiry is testable without sleeping.
 */
import type { CacheStats } from './types.ts';

export type Clock = () => number;

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export class TtlCache<V> {
  readonly #ttlMs: number;
  readonly #now: Clock;
  readonly #maxEntries: number;
  #entries = new Map<string, Entry<V>>();
  #hits = 0;
  #misses = 0;

  constructor(opts: { ttlMs: number; now?: Clock; maxEntries?: number }) {
    this.#ttlMs = opts.ttlMs;
    this.#now = opts.now ?? (() => Date.now());
    this.#maxEntries = opts.maxEntries ?? 500;
  }

  /** Returns the live value for `key`, counting a hit or a miss. Expired entries are dropped. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt > this.#now()) {
      this.#hits += 1;
      return entry.value;
    }
    if (entry) this.#entries.delete(key);
    this.#misses += 1;
    return undefined;
  }

  /** Stores `value` for the cache's TTL; evicts the oldest entry beyond `maxEntries`. */
  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** Returns the cached value or computes, stores and returns it; failures are not cached. */
  async getOrCompute(key: string, compute: () => Promise<V>): Promise<{ value: V; cached: boolean }> {
    const hit = this.get(key);
    if (hit !== undefined) return { value: hit, cached: true };
    const value = await compute();
    this.set(key, value);
    return { value, cached: false };
  }

  /** Drops every entry (statistics are kept so the UI can show the hit rate over the session). */
  clear(): void {
    this.#entries.clear();
  }

  /** Forgets entries and statistics. */
  reset(): void {
    this.#entries.clear();
    this.#hits = 0;
    this.#misses = 0;
  }

  stats(): CacheStats {
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    const total = this.#hits + this.#misses;
    return { hits: this.#hits, misses: this.#misses, size: this.#entries.size, hitRate: total === 0 ? 0 : this.#hits / total };
  }
}

/** A cache key that ignores key order, case and extra whitespace in string values. */
export function normalizeKey(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (typeof value === 'string') return value.trim().replace(/\s+/g, ' ').toLowerCase();
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && v !== null) out[key] = normalize(v);
    }
    return out;
  }
  return value;
}
