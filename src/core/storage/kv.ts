/**
 * Minimal async key-value store; IndexedDB in the browser, memory in Node and tests.
 * `update` is the one way to change several keys together: it re-reads the declared scope and
 * applies the planned writes atomically (one IndexedDB transaction in the app).
 */

/** What an update reads before planning: values of `keys`, names of keys under `prefixes`. */
export interface KvScope {
  keys?: readonly string[];
  prefixes?: readonly string[];
}

/** The current values of an update's scope, read in the same transaction as the writes. */
export interface KvSnapshot {
  get<T>(key: string): T | undefined;
  /** Keys under `prefix` (one of the scope's prefixes), sorted. */
  keys(prefix: string): string[];
}

/** Writes planned by an update; applied together or not at all. */
export interface KvBatch {
  set(key: string, value: unknown): void;
  del(key: string): void;
}

/** Plans writes from the current values; must be synchronous and free of side effects. */
export type KvPlan<T> = (current: KvSnapshot, batch: KvBatch) => T;

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** Reads `scope`, runs `plan` and applies its writes atomically; returns what `plan` returned. */
  update<T>(scope: KvScope, plan: KvPlan<T>): Promise<T>;
}

/** Collects a plan's writes in order (a later write to the same key wins). */
export class BatchRecorder implements KvBatch {
  readonly ops = new Map<string, { value: unknown } | null>();
  set(key: string, value: unknown): void {
    this.ops.delete(key);
    this.ops.set(key, { value });
  }
  del(key: string): void {
    this.ops.delete(key);
    this.ops.set(key, null);
  }
}

/** A snapshot over already-read values and key lists. */
export function snapshotOf(values: ReadonlyMap<string, unknown>, keyLists: ReadonlyMap<string, string[]>): KvSnapshot {
  return {
    get: <T>(key: string) => values.get(key) as T | undefined,
    keys: (prefix: string) => {
      const list = keyLists.get(prefix);
      if (!list) throw new Error(`Key prefix "${prefix}" was not declared in the update's scope.`);
      return list;
    },
  };
}

export class MemoryStore implements KeyValueStore {
  #map = new Map<string, unknown>();
  async get<T>(key: string): Promise<T | undefined> {
    return structuredClone(this.#map.get(key)) as T | undefined;
  }
  async set(key: string, value: unknown): Promise<void> {
    this.#map.set(key, structuredClone(value));
  }
  async del(key: string): Promise<void> {
    this.#map.delete(key);
  }
  async keys(): Promise<string[]> {
    return [...this.#map.keys()];
  }
  async update<T>(scope: KvScope, plan: KvPlan<T>): Promise<T> {
    const values = new Map((scope.keys ?? []).map((k) => [k, structuredClone(this.#map.get(k))] as const));
    const all = [...this.#map.keys()].sort();
    const lists = new Map((scope.prefixes ?? []).map((p) => [p, all.filter((k) => k.startsWith(p))] as const));
    const batch = new BatchRecorder();
    const result = plan(snapshotOf(values, lists), batch);
    for (const [key, op] of batch.ops) {
      if (op) this.#map.set(key, structuredClone(op.value));
      else this.#map.delete(key);
    }
    return result;
  }
}

/**
 * A view of `kv` where every key lives under `prefix`, so a module with its own key names can
 * share one store without colliding with other data.
 */
export function prefixedStore(kv: KeyValueStore, prefix: string): KeyValueStore {
  const strip = (k: string) => k.slice(prefix.length);
  return {
    get: <T>(key: string) => kv.get<T>(prefix + key),
    set: (key, value) => kv.set(prefix + key, value),
    del: (key) => kv.del(prefix + key),
    keys: async () => (await kv.keys()).filter((k) => k.startsWith(prefix)).map(strip),
    update: (scope, plan) =>
      kv.update({ keys: scope.keys?.map((k) => prefix + k), prefixes: scope.prefixes?.map((p) => prefix + p) }, (current, batch) =>
        plan(
          { get: (key) => current.get(prefix + key), keys: (p) => current.keys(prefix + p).map(strip) },
          { set: (key, value) => batch.set(prefix + key, value), del: (key) => batch.del(prefix + key) },
        ),
      ),
  };
}
