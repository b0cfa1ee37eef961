import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlClientStore } from './sql-client-store.ts';
import { demoStore } from './test-fixtures.ts';

/** A second, made-up book: other names, industries, managers and products than the demo. */
const OTHER_BOOK = JSON.stringify([
  {
    name: 'Fjord Fisheries AS',
    industry: 'Seafood',
    ytd_spend: 64000,
    last_year_spend: 50000,
    account_manager: 'Ingrid Holm',
    region: 'Nordics',
    renewal_date: '2027-04-01',
    products: ['Harbour Radio Spots'],
    open_escalation: false,
    payment_terms: 'net 30',
    reference_consent: true,
  },
  {
    name: 'Nordlys Energi',
    industry: 'Utilities',
    ytd_spend: 210000,
    last_year_spend: 190000,
    account_manager: 'Ingrid Holm',
    region: 'Nordics',
    renewal_date: '2026-12-15',
    products: ['Billboard Network', 'Harbour Radio Spots'],
    open_escalation: true,
    payment_terms: 'net 45',
    reference_consent: false,
  },
  {
    name: 'Seafood Direct',
    industry: 'Retail',
    ytd_spend: 12000,
    last_year_spend: 0,
    account_manager: 'Tomás Ruiz',
    region: 'Iberia',
    renewal_date: '2027-01-31',
    products: [],
    open_escalation: false,
    payment_terms: 'net 30',
    reference_consent: false,
  },
  {
    name: 'Ørsted Søndergaard',
    industry: 'Utilities',
    ytd_spend: 99000,
    last_year_spend: 80000,
    account_manager: 'Tomás Ruiz',
    region: 'Nordics',
    renewal_date: '2027-09-30',
    products: ['Billboard Network'],
    open_escalation: false,
    payment_terms: 'net 60',
    reference_consent: true,
  },
]);

describe('browse: the Clients page search over the demo book', () => {
  let store: SqlClientStore;
  beforeAll(async () => {
    store = await demoStore();
  });

  it('finds every client of an industry, a manager or a region', async () => {
    const retail = await store.browse({ text: 'retail' });
    const industries = retail.clients.map((c) => c.industry);
    // Industry matches rank before clients that only sell a "Retail …" product.
    expect(industries.slice(0, 7)).toEqual(Array(7).fill('Retail'));
    expect(retail.total).toBeGreaterThanOrEqual(7);

    const sarah = await store.browse({ text: 'Sarah Chen' });
    expect(sarah.total).toBe(10);
    expect(sarah.clients.every((c) => c.account_manager === 'Sarah Chen')).toBe(true);

    const west = await store.browse({ text: 'west', sort: 'name' });
    expect(west.total).toBeGreaterThan(0);
    expect(west.clients.every((c) => c.region === 'West' || `${c.name} ${c.products.join(' ')}`.toLowerCase().includes('west'))).toBe(true);
  });

  it('tolerates typos, accents and partial words', async () => {
    expect((await store.browse({ text: 'grenleaf' })).clients[0]?.name).toBe('GreenLeaf Grocers');
    const misspelt = await store.browse({ text: 'sara chenn' });
    expect(misspelt.total).toBe(10);
    expect(misspelt.clients.every((c) => c.account_manager === 'Sarah Chen')).toBe(true);
    expect((await store.browse({ text: 'finanse' })).clients.slice(0, 9).every((c) => c.industry === 'Finance')).toBe(true);
    expect((await store.browse({ text: 'cafe muller' })).clients.map((c) => c.name)).toEqual(['Café Müller GmbH']);
    expect((await store.browse({ text: 'techgi' })).clients.map((c) => c.name)).toContain('TechGiant');
  });

  it('finds clients by a product they run', async () => {
    const ctv = await store.browse({ text: 'conected tv' });
    expect(ctv.total).toBe(7);
    expect(ctv.clients.every((c) => c.products.includes('Connected TV'))).toBe(true);
  });

  it('requires every word to match, and says nothing matches when nothing does', async () => {
    const both = await store.browse({ text: 'sarah chen electronics' });
    expect(both.clients.length).toBeGreaterThan(0);
    expect(both.total).toBeGreaterThan(0);
    expect(both.clients.every((c) => c.account_manager === 'Sarah Chen' && c.industry === 'Electronics')).toBe(true);
    expect(await store.browse({ text: 'zzqx' })).toEqual({ clients: [], total: 0 });
  });

  it('sorts by any column in either direction', async () => {
    const bySpend = await store.browse({ sort: 'ytd_spend' });
    const spends = bySpend.clients.map((c) => c.ytd_spend);
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    const byRenewal = await store.browse({ sort: 'renewal_date', order: 'asc' });
    const dates = byRenewal.clients.map((c) => c.renewal_date);
    expect(dates).toEqual([...dates].sort());
    const managers = (await store.browse({ sort: 'account_manager', order: 'desc' })).clients.map((c) => c.account_manager.toLowerCase());
    expect(managers).toEqual([...managers].sort().reverse());
    // Search results keep the requested column order too.
    const retailBySpend = (await store.browse({ text: 'retail', sort: 'ytd_spend', order: 'asc' })).clients.map((c) => c.ytd_spend);
    expect(retailBySpend).toEqual([...retailBySpend].sort((a, b) => a - b));
  });

  it('filters by column, alone or with text, and pages', async () => {
    const finance = await store.browse({ industry: 'finance' });
    expect(finance.total).toBe(9);
    expect(finance.clients.every((c) => c.industry === 'Finance')).toBe(true);
    const escalated = await store.browse({ open_escalation: true });
    expect(escalated.total).toBe(6);
    expect(escalated.clients.every((c) => c.open_escalation)).toBe(true);
    const sarahWest = await store.browse({ text: 'sarah', region: 'West' });
    expect(sarahWest.total).toBe(3);
    expect(sarahWest.clients.every((c) => c.region === 'West' && c.account_manager === 'Sarah Chen')).toBe(true);
    const page2 = await store.browse({ sort: 'name', offset: 10, limit: 10 });
    const all = await store.browse({ sort: 'name' });
    expect(page2.total).toBe(60);
    expect(page2.clients.map((c) => c.id)).toEqual(all.clients.slice(10, 20).map((c) => c.id));
  });

  it('gets one client by id', async () => {
    expect((await store.get(1))?.name).toBe('TechGiant');
    expect(await store.get(99_999)).toBeUndefined();
    expect(await store.get(Number.NaN)).toBeUndefined();
  });
});

describe('browse: a different book', () => {
  it('searches the new fields after an import, not the old ones', async () => {
    const store = await demoStore();
    expect((await store.browse({ text: 'sarah chen' })).total).toBe(10);
    await store.importText(OTHER_BOOK, 'json', 'replace');
    expect((await store.browse({ text: 'sarah chen' })).total).toBe(0);
    expect((await store.browse({ text: 'ingrid' })).clients.map((c) => c.name).sort()).toEqual(['Fjord Fisheries AS', 'Nordlys Energi']);
    expect((await store.browse({ text: 'nordcs' })).total).toBe(3);
    expect((await store.browse({ text: 'orsted sondergard' })).clients.map((c) => c.name)).toEqual(['Ørsted Søndergaard']);
    expect((await store.browse({ text: 'tomas' })).total).toBe(2);
    // "seafood" is an industry of one client and the name of another: both are found, either way round.
    expect((await store.browse({ text: 'seafood' })).clients.map((c) => c.name).sort()).toEqual(['Fjord Fisheries AS', 'Seafood Direct']);
    expect((await store.browse({ text: 'harbour radio', product: 'Billboard Network' })).clients.map((c) => c.name)).toEqual(['Nordlys Energi']);
  });

  it('answers from the new book when an import lands while the search index is being built', async () => {
    const store = await demoStore();
    const searching = store.browse({ text: 'ingrid holm' });
    await store.importText(OTHER_BOOK, 'json', 'replace');
    expect((await searching).clients.map((c) => c.name).sort()).toEqual(['Fjord Fisheries AS', 'Nordlys Energi']);
  });
});
