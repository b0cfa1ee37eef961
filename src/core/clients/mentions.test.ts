import { beforeAll, describe, expect, it } from 'vitest';
import type { LookupResult } from './types.ts';
import type { SqlClientStore } from './sql-client-store.ts';
import { demoStore } from './test-fixtures.ts';

let store: SqlClientStore;
beforeAll(async () => {
  store = await demoStore();
});

function names(results: LookupResult[]): string[] {
  return results.map((r) => (r.status === 'found' ? r.client.name : `?${r.query}`));
}

describe('findMentions', () => {
  it('finds a lower-case exact name in a question', async () => {
    const r = await store.findMentions('I have a meeting with techgiant tomorrow, what should I pitch?');
    expect(names(r)).toEqual(['TechGiant']);
  });

  it('finds several clients in text order, with a unique prefix for a CamelCase word', async () => {
    expect(names(await store.findMentions('Compare RetailCo and GreenLeaf'))).toEqual(['RetailCo', 'GreenLeaf Grocers']);
  });

  it('prefers the longest match and never overlaps', async () => {
    expect(names(await store.findMentions('Upsell ideas for TechGiant Labs?'))).toEqual(['TechGiant Labs']);
    expect(names(await store.findMentions('TechGiant vs TechGiant Labs'))).toEqual(['TechGiant', 'TechGiant Labs']);
  });

  it('handles accents, apostrophes, possessives and typos', async () => {
    expect(names(await store.findMentions("How are O'Brien Logistics and cafe muller doing?"))).toEqual(["O'Brien Logistics", 'Café Müller GmbH']);
    expect(names(await store.findMentions("What is RetailCo's renewal date?"))).toEqual(['RetailCo']);
    expect(names(await store.findMentions('Pitch for Tech Gaint please'))).toEqual(['TechGiant']);
  });

  it('accepts a lower-case typo only when long and very close', async () => {
    expect(names(await store.findMentions('what should i pitch to techgaint?'))).toEqual(['TechGiant']);
    expect(await store.findMentions('what about retial?')).toEqual([]);
  });

  it('scans only the start of very long texts', async () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(500);
    expect(names(await store.findMentions(`RetailCo ${filler} TechGiant`))).toEqual(['RetailCo']);
  });

  it('reports each client once', async () => {
    expect(names(await store.findMentions('RetailCo, retailco and RETAILCO'))).toEqual(['RetailCo']);
  });

  it('ignores ordinary words that only resemble client names', async () => {
    expect(await store.findMentions('Summit planning: what is our blue sky strategy for the harbor area?')).toEqual([]);
    expect(await store.findMentions('What should I pitch tomorrow?')).toEqual([]);
  });

  it('reports not-found only after client/customer/account/about', async () => {
    const r = await store.findMentions('Tell me about Acme Widgets and the client Globex Corp');
    expect(r.map((x) => x.status)).toEqual(['not-found', 'not-found']);
    expect(r.map((x) => (x.status === 'not-found' ? x.query : ''))).toEqual(['Acme Widgets', 'Globex Corp']);
    expect(await store.findMentions('Acme Widgets wants a discount')).toEqual([]);
  });

  it('does not report a trigger span that was already matched', async () => {
    expect(names(await store.findMentions('What about TechGiant and the client Urban Studios?'))).toEqual(['TechGiant', 'Urban Studios']);
  });
});
