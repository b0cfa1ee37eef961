/**
 * The second client book (`data/alt/clients.csv`, Harbor & Pine Media) goes through the app's own
 * CSV import and has the spread the generalisation tests rely on.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDatasetText } from '../eval/dataset.ts';
import { SqlClientStore } from './sql-client-store.ts';
import type { Client } from './types.ts';

const ALT_CSV = readFileSync(new URL('../../../data/alt/clients.csv', import.meta.url), 'utf8');
const ALT_EVAL = readFileSync(new URL('../../../data/alt/eval.json', import.meta.url), 'utf8');

describe('the alt client book', () => {
  let store: SqlClientStore;
  let all: Client[];
  beforeAll(async () => {
    store = await SqlClientStore.create();
    const report = await store.importText(ALT_CSV, 'csv', 'replace');
    expect(report).toMatchObject({ added: 41, updated: 0, total: 41 });
    all = await store.list({ limit: 1000 });
  });

  it('uses only its own industries, regions and account managers', async () => {
    const vocab = await store.vocabulary();
    expect(vocab.industries.sort()).toEqual(['Education', 'Energy', 'Hospitality', 'Logistics', 'Manufacturing', 'Nonprofit', 'Real Estate', 'Telecom']);
    expect(vocab.regions.sort()).toEqual(['Central', 'Coastal', 'Mountain', 'North']);
    expect(vocab.managers.sort()).toEqual(['Amara Okafor', 'Grace Liu', 'Jonas Weber', 'Priya Nair', 'Tomás Ruiz']);
    expect(vocab.products.sort()).toEqual([
      'Audio Spots',
      'Data Clean Room',
      'Event Sponsorships',
      'Lead Gen Forms',
      'Loyalty Integrations',
      'Native Articles',
      'Newsletter Takeovers',
      'Outdoor Screens',
      'Sponsored Listings',
      'Video Pre-Roll',
    ]);
  });

  it('spreads spend over every account level, with clients exactly on the boundaries', () => {
    const spends = all.map((c) => c.ytd_spend);
    const level = (s: number) => (s >= 250_000 ? 'Enterprise' : s >= 80_000 ? 'Growth' : s >= 20_000 ? 'Core' : 'Starter');
    for (const l of ['Enterprise', 'Growth', 'Core', 'Starter']) expect(spends.filter((s) => level(s) === l).length).toBeGreaterThanOrEqual(5);
    for (const boundary of [250_000, 249_999, 80_000, 79_999, 20_000, 19_999, 60_000, 40_000]) expect(spends).toContain(boundary);
    expect(all.some((c) => c.last_year_spend > c.ytd_spend)).toBe(true);
    expect(all.some((c) => c.last_year_spend < c.ytd_spend)).toBe(true);
  });

  it('has the mix of renewals, escalations, terms, consent and empty product lists', () => {
    const dates = all.map((c) => c.renewal_date).sort();
    expect(dates[0] >= '2026-12-01' && dates[dates.length - 1] <= '2028-06-30').toBe(true);
    expect(all.filter((c) => c.open_escalation).length).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((c) => c.payment_terms))).toEqual(new Set(['net 45', 'net 60']));
    expect(all.filter((c) => c.reference_consent).length).toBeGreaterThan(10);
    expect(all.filter((c) => !c.reference_consent).length).toBeGreaterThan(10);
    expect(all.filter((c) => c.products.length === 0).length).toBeGreaterThanOrEqual(4);
  });

  it('finds the accented name without accents and tells apart names that share a first word', async () => {
    const hotel = await store.lookup('hotel belvedere');
    expect(hotel.status === 'found' && hotel.client.name).toBe('Hôtel Belvédère');
    const foods = await store.lookup('Summit Foods');
    expect(foods.status === 'found' && foods.client.ytd_spend).toBe(59_500);
    const group = await store.lookup('Summit Foods Group');
    expect(group.status === 'found' && group.client.ytd_spend).toBe(60_000);
  });

  it('has an evaluation dataset whose client facts come from this book', async () => {
    const cases = parseDatasetText(ALT_EVAL);
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(cases.length).toBeLessThanOrEqual(25);
    const names = new Set(all.map((c) => c.name));
    for (const c of cases) {
      const named = c.expected_contexts.filter((ctx) => names.has(ctx));
      if (c.category === 'unknown-client') expect(named).toEqual([]);
      else if (c.expected_tools.includes('search_clients') && c.category !== 'aggregate') expect(named.length, c.question).toBeGreaterThan(0);
    }
  });
});
