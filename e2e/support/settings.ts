/** Page-model helpers for Settings: point the CRM agent at an OpenAI-compatible endpoint. */
import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { goTo } from './app.ts';

export interface EndpointSettings {
  apiKey: string;
  /** Base URL including `/v1`. */
  baseUrl: string;
  model: string;
}

/** Opens Settings, selects the OpenAI-compatible CRM agent with these values and saves. */
export async function useOpenAIEndpoint(page: Page, s: EndpointSettings): Promise<void> {
  await goTo(page, 'Settings');
  await page.getByLabel('CRM agent').selectOption({ label: 'OpenAI-compatible endpoint' });
  // The key belongs to the endpoint's origin: set the address first.
  await page.getByLabel('Base URL').fill(s.baseUrl);
  await page.getByLabel('API key').fill(s.apiKey);
  await page.getByLabel('Model', { exact: true }).fill(s.model);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
}

/** Clicks "Export workspace" on Settings and returns the downloaded file's text. */
export async function exportWorkspace(page: Page): Promise<string> {
  await goTo(page, 'Settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export workspace' }).click();
  return readFile(await (await download).path(), 'utf8');
}

/**
 * Every entry of every IndexedDB database of the page as `[db/store/key, text]`, binary values
 * decoded as Latin-1 so that a secret inside bytes is still found.
 */
export async function dumpIndexedDb(page: Page): Promise<[string, string][]> {
  return page.evaluate(async () => {
    const text = (value: unknown): string => {
      if (value instanceof ArrayBuffer) return new TextDecoder('latin1').decode(new Uint8Array(value));
      if (ArrayBuffer.isView(value)) return new TextDecoder('latin1').decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      if (value instanceof Blob) return `[blob ${value.size}]`;
      if (value && typeof value === 'object') {
        return Object.entries(value as Record<string, unknown>)
          .map(([k, v]) => `${k}:${text(v)}`)
          .join('\n');
      }
      return String(value);
    };
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const out: [string, string][] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await request(indexedDB.open(info.name));
      for (const storeName of Array.from(db.objectStoreNames)) {
        const store = db.transaction(storeName, 'readonly').objectStore(storeName);
        const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        keys.forEach((k, i) => out.push([`${info.name}/${storeName}/${String(k)}`, text(values[i])]));
      }
      db.close();
    }
    return out;
  });
}
