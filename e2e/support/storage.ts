/**
 * Page-model helpers that reach into the app's IndexedDB records (`crm-copilot` / `kv`) the way
 * an adversary or a failing disk would: read keys, overwrite records, damage stored bytes.
 */
import type { Page } from '@playwright/test';

export type Damage = 'zero-pages' | 'flip-middle';

/** Keys of the app's store (optionally under a prefix), sorted. */
export async function storedKeys(page: Page, prefix = ''): Promise<string[]> {
  return page.evaluate(async (p) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('crm-copilot');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      const r = db.transaction('kv', 'readonly').objectStore('kv').getAllKeys();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return keys
      .map(String)
      .filter((k) => k.startsWith(p))
      .sort();
  }, prefix);
}

/** A record's value as JSON text (bytes become `{ "$bytes": length }`), or null when missing. */
export async function storedJson(page: Page, key: string): Promise<unknown> {
  const text = await page.evaluate(async (k) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('crm-copilot');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const value = await new Promise<unknown>((resolve, reject) => {
      const r = db.transaction('kv', 'readonly').objectStore('kv').get(k);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return JSON.stringify(value ?? null, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: v.length } : v));
  }, key);
  return JSON.parse(text) as unknown;
}

/** Overwrites one record with a JSON value. */
export async function putRecord(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    async ({ k, v }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('crm-copilot');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('kv', 'readwrite');
        tx.objectStore('kv').put(v, k);
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
      });
      db.close();
    },
    { k: key, v: value },
  );
}

/**
 * Damages the bytes of checksummed records (`{ kind: 'sealed-bytes', sha256, bytes }`, bytes as a
 * Uint8Array or a Blob; written back as a Uint8Array, which the app reads either way): zeroes
 * whole 4 KB pages after the first, or flips 2 KB in the middle. With `reseal` the checksum is
 * recomputed, as if the damage happened before the bytes were sealed: only the engine's own
 * check (SQLite's integrity check, the index decoder) can then find it.
 */
export async function damageSealed(page: Page, keys: string[], damage: Damage, reseal = false): Promise<void> {
  await page.evaluate(
    async ({ keys: ks, damage: how, reseal: again }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('crm-copilot');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const get = (k: string) =>
        new Promise<{ bytes: Uint8Array | Blob; sha256: string }>((resolve, reject) => {
          const r = db.transaction('kv', 'readonly').objectStore('kv').get(k);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      for (const k of ks) {
        const record = await get(k);
        // Large byte records are stored as Blobs (src/app/storage/large-values.ts).
        const bytes = record.bytes instanceof Blob ? new Uint8Array(await record.bytes.arrayBuffer()) : new Uint8Array(record.bytes);
        if (how === 'zero-pages') {
          for (let i = 4096; i < bytes.length; i += 8192) bytes.fill(0, i, Math.min(i + 4096, bytes.length));
        } else {
          const mid = Math.floor(bytes.length / 2) - 1024;
          for (let i = Math.max(0, mid); i < Math.min(bytes.length, mid + 2048); i++) bytes[i] ^= 0x5a;
        }
        let sha256 = record.sha256;
        if (again) {
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
          sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
        }
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('kv', 'readwrite');
          tx.objectStore('kv').put({ ...record, bytes, sha256 }, k);
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(tx.error);
        });
      }
      db.close();
    },
    { keys, damage, reseal },
  );
}
