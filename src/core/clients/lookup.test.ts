import { beforeAll, describe, expect, it } from 'vitest';
import type { LookupResult } from './types.ts';
import type { SqlClientStore } from './sql-client-store.ts';
import { demoStore } from './test-fixtures.ts';

let store: SqlClientStore;
beforeAll(async () => {
  store = await demoStore();
});

function foundName(r: LookupResult): string | undefined {
  return r.status === 'found' ? r.client.name : undefined;
}

describe('lookup on the demo book', () => {
  it('exact raw name wins, and names the longer sibling as an alternative', async () => {
    const r = await store.lookup('TechGiant');
    expect(r).toMatchObject({ status: 'found', match: 'exact', score: 1 });
    expect(foundName(r)).toBe('TechGiant');
    expect(r.status === 'found' && r.alternatives.map((a) => a.name)).toEqual(['TechGiant Labs']);
  });

  it('never returns TechGiant Labs for TechGiant in any spelling', async () => {
    for (const q of ['TechGiant', 'techgiant', 'TECHGIANT', ' TechGiant ', 'TechGiant Inc.']) {
      expect(foundName(await store.lookup(q))).toBe('TechGiant');
    }
    expect(foundName(await store.lookup('TechGiant Labs'))).toBe('TechGiant Labs');
  });

  it('matches normalized names: case, accents, apostrophes, legal suffixes', async () => {
    const cases: [string, string][] = [
      ['cafe muller', 'Café Müller GmbH'],
      ['CAFE MULLER GMBH', 'Café Müller GmbH'],
      ['obrien logistics', "O'Brien Logistics"],
      ['O’Brien Logistics', "O'Brien Logistics"],
      ['greenleaf grocers', 'GreenLeaf Grocers'],
    ];
    for (const [q, name] of cases) {
      const r = await store.lookup(q);
      expect(foundName(r), q).toBe(name);
      expect(r.status === 'found' && r.match, q).toBe('normalized');
    }
  });

  it('matches a unique whole-word prefix', async () => {
    const r = await store.lookup("O'Brien");
    expect(r).toMatchObject({ status: 'found', match: 'prefix' });
    expect(foundName(r)).toBe("O'Brien Logistics");
    expect(foundName(await store.lookup('GreenLeaf'))).toBe('GreenLeaf Grocers');
  });

  it('does not treat a partial word as a prefix ("Tech" is not TechGiant)', async () => {
    const r = await store.lookup('Tech');
    expect(r.status).toBe('not-found');
  });

  it('refuses an ambiguous prefix and suggests the candidates', async () => {
    const r = await store.lookup('Zenith');
    expect(r.status).toBe('not-found');
    expect(r.status === 'not-found' && r.suggestions.map((s) => s.name).sort()).toEqual(['Zenith Auto Group', 'Zenith Foods', 'Zenith Stores']);
  });

  it('corrects typos when one client is clearly best', async () => {
    const cases: [string, string][] = [
      ['tech gaint', 'TechGiant'],
      ['TechGaint', 'TechGiant'],
      ['Retialco', 'RetailCo'],
      ['TechGiant Lab', 'TechGiant Labs'],
      ['Logistics OBrien', "O'Brien Logistics"],
      ['Cafe Mueller', 'Café Müller GmbH'],
      ['MediCore Helth', 'MediCore Health'],
    ];
    for (const [q, name] of cases) {
      const r = await store.lookup(q);
      expect(foundName(r), q).toBe(name);
      expect(r.status === 'found' && r.match, q).toBe('fuzzy');
    }
  });

  it('returns not-found for unknown names instead of a wrong client', async () => {
    for (const q of ['Acme Widgets', 'Globex', 'Blue', 'Tech', 'Harbor', 'xyz', '', '!!!']) {
      expect((await store.lookup(q)).status, q).toBe('not-found');
    }
  });

  it('suggests at most three near names when unsure', async () => {
    const r = await store.lookup('Blue Logistic Motors');
    expect(r.status).toBe('not-found');
    if (r.status === 'not-found') {
      expect(r.suggestions.length).toBeGreaterThan(0);
      expect(r.suggestions.length).toBeLessThanOrEqual(3);
      expect(r.query).toBe('Blue Logistic Motors');
    }
  });

  it('is safe for quotes and SQL-looking input', async () => {
    const r = await store.lookup("Robert'); DROP TABLE clients;--");
    expect(r.status).toBe('not-found');
    expect(await store.count()).toBe(60);
    expect((await store.query({ aggregate: 'count' })).total).toBe(60);
  });
});
