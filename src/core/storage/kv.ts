/** Minimal async key-value store; IndexedDB in the browser, memory in Node and tests. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export class MemoryStore implements KeyValueStore {
  #map = new Map<string, unknown>();
  async get<T>(key: string): Promise<T | undefined> {
    return this.#map.get(key) as T | undefined;
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
}
