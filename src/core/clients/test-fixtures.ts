/** Shared fixtures for the client-store tests: the demo book from data/clients.json. */
import { readFileSync } from 'node:fs';
import { SqlClientStore } from './sql-client-store.ts';

export const DEMO_JSON = readFileSync(new URL('../../../data/clients.json', import.meta.url), 'utf8');

/** A fresh store loaded with the 60 demo clients. */
export async function demoStore(): Promise<SqlClientStore> {
  const store = await SqlClientStore.create();
  await store.importText(DEMO_JSON, 'json', 'replace');
  return store;
}
