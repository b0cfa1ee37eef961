import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { SqlClientStore } from './sql-client-store.ts';
import { demoStore } from './test-fixtures.ts';

let store: SqlClientStore;
beforeAll(async () => {
  store = await demoStore();
});

describe('query', () => {
  it('filters case-insensitively and aggregates over all matches', async () => {
    const r = await store.query({ industry: 'RETAIL' });
    expect(r.total).toBeGreaterThan(1);
    expect(r.clients.every((c) => c.industry === 'Retail')).toBe(true);
    expect(r.sum_ytd_spend).toBe(r.clients.reduce((s, c) => s + c.ytd_spend, 0));
    expect(r.avg_ytd_spend).toBeCloseTo(r.sum_ytd_spend / r.total, 6);
  });

  it('count/sum/avg return no rows but the same totals as list', async () => {
    const list = await store.query({ region: 'west' });
    const sum = await store.query({ region: 'west', aggregate: 'sum' });
    expect(sum.clients).toEqual([]);
    expect(sum.total).toBe(list.total);
    expect(sum.sum_ytd_spend).toBe(list.sum_ytd_spend);
  });

  it('applies spend bounds (max exclusive), escalation, product and account manager', async () => {
    const r = await store.query({ min_spend: 45000, max_spend: 120000, limit: 1000 });
    expect(r.clients.every((c) => c.ytd_spend >= 45000 && c.ytd_spend < 120000)).toBe(true);
    expect(r.clients.some((c) => c.name === 'RetailCo')).toBe(true);
    expect(r.clients.some((c) => c.name === 'TechGiant')).toBe(false);
    const esc = await store.query({ open_escalation: true });
    expect(esc.clients.map((c) => c.name)).toContain('GreenLeaf Grocers');
    expect(esc.clients.every((c) => c.open_escalation)).toBe(true);
    const prod = await store.query({ product: 'search ads' });
    expect(prod.clients.map((c) => c.name)).toContain('TechGiant');
    expect(prod.clients.every((c) => c.products.includes('Search Ads'))).toBe(true);
    const am = await store.query({ account_manager: 'sarah chen' });
    expect(am.total).toBeGreaterThan(0);
    expect(am.clients.every((c) => c.account_manager === 'Sarah Chen')).toBe(true);
  });

  it('finds renewals within N days of a given today, inclusive', async () => {
    const r = await store.query({ renewal_within_days: 30, today: '2026-12-01', order_by: 'renewal_date' });
    expect(r.total).toBeGreaterThan(0);
    expect(r.clients.every((c) => c.renewal_date >= '2026-12-01' && c.renewal_date <= '2026-12-31')).toBe(true);
    expect(r.clients.map((c) => c.name)).toContain('RetailCo'); // renews 2026-12-31, the last day
    const dates = r.clients.map((c) => c.renewal_date);
    expect(dates).toEqual([...dates].sort());
  });

  it('orders, pages and keeps the total', async () => {
    const top = await store.query({ order_by: 'ytd_spend', order: 'desc', limit: 3 });
    expect(top.clients).toHaveLength(3);
    expect(top.total).toBe(60);
    const spends = top.clients.map((c) => c.ytd_spend);
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    const next = await store.query({ order_by: 'ytd_spend', order: 'desc', limit: 3, offset: 3 });
    expect(next.clients[0].ytd_spend).toBeLessThanOrEqual(spends[2]);
    expect(next.clients.map((c) => c.id)).not.toContain(top.clients[0].id);
  });

  it('treats hostile filter values as plain data', async () => {
    const r = await store.query({ industry: "Retail' OR '1'='1" });
    expect(r.total).toBe(0);
    expect(await store.count()).toBe(60);
  });

  it('rejects an order_by outside the whitelist and a malformed today', async () => {
    const badOrder = { order_by: 'name; DROP TABLE clients' } as unknown as Parameters<SqlClientStore['query']>[0];
    await expect(store.query(badOrder)).rejects.toBeInstanceOf(AppError);
    await expect(store.query({ renewal_within_days: 5, today: 'tomorrow' })).rejects.toBeInstanceOf(AppError);
  });
});

describe('list and count', () => {
  it('lists all clients in id order, or a page', async () => {
    expect(await store.count()).toBe(60);
    expect((await store.list()).length).toBe(60);
    const page = await store.list({ offset: 2, limit: 2 });
    expect(page.map((c) => c.id)).toEqual([3, 4]);
  });

  it('searches names as a normalized substring', async () => {
    expect((await store.list({ search: 'MULLER' })).map((c) => c.name)).toEqual(['Café Müller GmbH']);
    expect((await store.list({ search: "o'brien" })).map((c) => c.name)).toEqual(["O'Brien Logistics"]);
    expect((await store.list({ search: 'giant' })).map((c) => c.name)).toEqual(['TechGiant', 'TechGiant Labs']);
    expect(await store.list({ search: '100%_' })).toEqual([]);
  });
});

describe('exportBytes / loadBytes', () => {
  it('round-trips the whole book, including the name index', async () => {
    const bytes = await store.exportBytes();
    const copy = await SqlClientStore.create({ bytes });
    expect(await copy.list()).toEqual(await store.list());
    const r = await copy.lookup('tech gaint');
    expect(r.status === 'found' && r.client.name).toBe('TechGiant');
  });

  it('rejects bytes that are not SQLite with storage-corrupt and keeps the current book', async () => {
    const copy = await demoStore();
    await expect(copy.loadBytes(new TextEncoder().encode('definitely not a database'.repeat(10)))).rejects.toMatchObject({
      code: 'storage-corrupt',
    });
    expect(await copy.count()).toBe(60);
  });

  it('rejects a SQLite file with the wrong schema', async () => {
    const other = await demoStore();
    // A valid SQLite file that is not a client book.
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    const foreign = new SQL.Database();
    foreign.run('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    const foreignBytes = foreign.export();
    foreign.close();
    await expect(other.loadBytes(foreignBytes)).rejects.toMatchObject({ code: 'storage-corrupt' });
    expect(await other.count()).toBe(60);
  });

  it('rejects a truncated SQLite file', async () => {
    const bytes = await store.exportBytes();
    const copy = await SqlClientStore.create();
    await expect(copy.loadBytes(bytes.slice(0, 1024))).rejects.toMatchObject({ code: 'storage-corrupt' });
    expect(await copy.count()).toBe(0);
  });
});

describe('vocabulary', () => {
  it('lists the distinct filter values of the book and refreshes after an import', async () => {
    const own = await demoStore();
    const before = await own.vocabulary();
    expect(before.industries).toContain('Electronics');
    expect(before.regions).toContain('EMEA');
    expect(before.managers).toContain('Sarah Chen');
    expect(before.products).toContain('Search Ads');
    expect(new Set(before.industries).size).toBe(before.industries.length);
    expect(before.industries).not.toContain('Aerospace');

    await own.importText('name,industry,ytd_spend\nSkyhigh Jets,Aerospace,5000\n', 'csv', 'merge');
    expect((await own.vocabulary()).industries).toContain('Aerospace');
  });
});

describe('count queries', () => {
  it('return the matching clients with the count, but sums and averages do not', async () => {
    const own = await demoStore();
    const count = await own.query({ aggregate: 'count', industry: 'Healthcare' });
    expect(count.clients).toHaveLength(count.total);
    expect(count.clients.every((c) => c.industry === 'Healthcare')).toBe(true);
    expect((await own.query({ aggregate: 'sum', industry: 'Healthcare' })).clients).toHaveLength(0);
  });
});

describe('richer filters (parameters only)', () => {
  const all = async () => (await store.query({ limit: 10_000 })).clients;

  it('renewal date ranges, inclusive at both ends', async () => {
    const r = await store.query({ renewal_from: '2026-12-01', renewal_to: '2026-12-31', limit: 1000 });
    const expected = (await all()).filter((c) => c.renewal_date >= '2026-12-01' && c.renewal_date <= '2026-12-31');
    expect(r.total).toBe(expected.length);
    expect(r.total).toBeGreaterThan(0);
    expect(r.clients.every((c) => c.renewal_date.startsWith('2026-12'))).toBe(true);
  });

  it('spend compared with last year, and last-year spend bounds', async () => {
    const down = await store.query({ spend_change: 'down', aggregate: 'count' });
    expect(down.total).toBe((await all()).filter((c) => c.ytd_spend < c.last_year_spend).length);
    const up = await store.query({ spend_change: 'up', order_by: 'spend_change', order: 'desc', limit: 3 });
    expect(up.clients.every((c) => c.ytd_spend > c.last_year_spend)).toBe(true);
    const d = up.clients.map((c) => c.ytd_spend - c.last_year_spend);
    expect([...d].sort((a, b) => b - a)).toEqual(d);
    const ly = await store.query({ min_last_year_spend: 100_000, limit: 1000 });
    expect(ly.clients.every((c) => c.last_year_spend >= 100_000)).toBe(true);
    expect(ly.sum_last_year_spend).toBe(ly.clients.reduce((s, c) => s + c.last_year_spend, 0));
  });

  it('several values per filter, products owned or not, no products at all', async () => {
    const two = await store.query({ industry: ['retail', 'Finance'], limit: 1000 });
    expect(new Set(two.clients.map((c) => c.industry))).toEqual(new Set(['Retail', 'Finance']));
    const without = await store.query({ industry: 'Electronics', without_product: 'Search Ads', limit: 1000 });
    expect(without.clients.every((c) => c.industry === 'Electronics' && !c.products.includes('Search Ads'))).toBe(true);
    const none = await store.query({ has_products: false, limit: 1000 });
    expect(none.total).toBe((await all()).filter((c) => c.products.length === 0).length);
    const some = await store.query({ has_products: true, aggregate: 'count' });
    expect(some.total + none.total).toBe(await store.count());
  });

  it('rejects malformed dates and unknown comparisons', async () => {
    await expect(store.query({ renewal_from: 'December' })).rejects.toThrow(/renewal_from/);
    await expect(store.query({ spend_change: 'sideways' as 'up' })).rejects.toThrow(/spend_change/);
  });
});
