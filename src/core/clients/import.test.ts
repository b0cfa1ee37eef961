import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { SqlClientStore } from './sql-client-store.ts';
import { DEMO_JSON, demoStore } from './test-fixtures.ts';

const HEADER = 'name,industry,ytd_spend,last_year_spend,account_manager,region,renewal_date,products,open_escalation,payment_terms,reference_consent';

async function importError(store: SqlClientStore, text: string, format: 'json' | 'csv', mode: 'merge' | 'replace' = 'merge') {
  try {
    await store.importText(text, format, mode);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('import unexpectedly succeeded');
}

let store: SqlClientStore;
beforeEach(async () => {
  store = await demoStore();
});

describe('importText: success paths', () => {
  it('imports the demo JSON book', async () => {
    const fresh = await SqlClientStore.create();
    expect(await fresh.importText(DEMO_JSON, 'json', 'replace')).toEqual({ added: 60, updated: 0, removed: 0, total: 60, ignored: [] });
    const [first] = await fresh.list({ limit: 1 });
    expect(first).toMatchObject({ id: 1, name: 'TechGiant', products: ['Search Ads'], open_escalation: false, reference_consent: true });
  });

  it('imports CSV with products split on ; or |, flexible booleans and defaults', async () => {
    const csv = [
      'Name,Industry,YTD Spend,products,open_escalation,reference_consent,renewal_date',
      '"Acme, Widgets",Retail,"1,250.50",Search Ads; Email Sponsorships,yes,1,2027-01-31',
      'Beta Co,Software,0,Retail Media Network|Search Ads,no,0,',
      'Gamma,Media,10,,,,',
    ].join('\n');
    const fresh = await SqlClientStore.create();
    expect(await fresh.importText(csv, 'csv', 'replace')).toEqual({ added: 3, updated: 0, removed: 0, total: 3, ignored: [] });
    const [acme, beta, gamma] = await fresh.list();
    expect(acme).toMatchObject({
      name: 'Acme, Widgets',
      ytd_spend: 1250.5,
      products: ['Search Ads', 'Email Sponsorships'],
      open_escalation: true,
      reference_consent: true,
      renewal_date: '2027-01-31',
    });
    expect(beta).toMatchObject({ products: ['Retail Media Network', 'Search Ads'], open_escalation: false, renewal_date: '' });
    expect(gamma).toMatchObject({
      last_year_spend: 0,
      account_manager: '',
      region: '',
      renewal_date: '',
      products: [],
      open_escalation: false,
      payment_terms: '',
      reference_consent: false,
    });
  });

  it('keeps every row its own values when columns repeat values or hold more distinct values than are shared', async () => {
    // 1,500 rows: industry and products repeat (their cells and conversions are shared between
    // rows), names, amounts and managers are all different (more than the 1,000 values shared).
    const industries = ['Retail', 'Software', 'Media'];
    const products = ['Search Ads; Display', 'Display', ''];
    const productLists = [['Search Ads', 'Display'], ['Display'], []];
    const lines = ['name,industry,ytd_spend,account_manager,products,open_escalation'];
    for (let i = 0; i < 1500; i++) lines.push(`Client ${i},${industries[i % 3]},${i * 10},Manager ${i},${products[i % 3]},${i % 2 ? 'yes' : 'no'}`);
    const fresh = await SqlClientStore.create();
    expect(await fresh.importText(lines.join('\n'), 'csv', 'replace')).toMatchObject({ added: 1500, total: 1500 });
    const all = await fresh.list();
    for (const i of [0, 1, 2, 999, 1000, 1001, 1499]) {
      expect(all[i]).toMatchObject({
        name: `Client ${i}`,
        industry: industries[i % 3],
        ytd_spend: i * 10,
        account_manager: `Manager ${i}`,
        products: productLists[i % 3],
        open_escalation: i % 2 === 1,
      });
    }
  });

  it('rejects a shared value that is bad in every row it appears, naming the first such row', async () => {
    const lines = ['name,industry,ytd_spend,open_escalation'];
    for (let i = 0; i < 5; i++) lines.push(`Client ${i},Retail,10,${i === 3 ? 'maybe' : 'no'}`);
    const err = await importError(store, lines.join('\n'), 'csv');
    expect(err.message).toMatch(/Row 4 \(line 5\), field "open_escalation": must be true\/false/);
  });

  it('merge updates existing clients by normalized name, keeps the fields the file lacks, and adds new ones', async () => {
    const text = JSON.stringify([
      { name: 'TECHGIANT', industry: 'Electronics', ytd_spend: 150000 },
      { name: 'Brand New Client', industry: 'Travel', ytd_spend: 500 },
    ]);
    expect(await store.importText(text, 'json', 'merge')).toEqual({ added: 1, updated: 1, removed: 0, total: 61, ignored: [] });
    const r = await store.lookup('TechGiant');
    expect(r.status === 'found' && r.client).toMatchObject({
      id: 1,
      name: 'TECHGIANT',
      ytd_spend: 150000,
      products: ['Search Ads'],
      account_manager: 'Sarah Chen',
      last_year_spend: 98000,
    });
    expect((await store.lookup('Brand New Client')).status).toBe('found');
  });

  it('replace swaps the whole book and rebuilds the name index', async () => {
    await store.importText(`${HEADER}\nOnly One,Retail,5,,,,,,,,`, 'csv', 'replace');
    expect(await store.count()).toBe(1);
    expect((await store.lookup('TechGiant')).status).toBe('not-found');
    expect((await store.lookup('only one')).status).toBe('found');
  });
});

describe('importText: every bad file is rejected whole, naming row and field', () => {
  const cases: { what: string; text: string; format: 'json' | 'csv'; message: RegExp }[] = [
    {
      what: 'unclosed CSV quote',
      format: 'csv',
      text: 'name,industry,ytd_spend\nA,Retail,1\n"B,Retail,2\nC,Retail,3',
      message: /Line 3: a quoted cell is never closed/,
    },
    { what: 'malformed JSON', format: 'json', text: '[{"name": "A", "industry": "Retail", "ytd_spend": 1,}]', message: /not valid JSON/ },
    { what: 'JSON that is not an array', format: 'json', text: '{"name": "A"}', message: /must be an array/ },
    { what: 'missing required CSV column', format: 'csv', text: 'name,industry\nA,Retail', message: /missing required column\(s\) "ytd_spend"/ },
    { what: 'no name column', format: 'csv', text: 'industry,ytd_spend\nRetail,1', message: /missing required column\(s\) "name"/ },
    {
      what: 'missing required JSON field',
      format: 'json',
      text: '[{"name":"A","ytd_spend":1},{"name":"B","ytd_spend":1,"industry":""}]',
      message: /^Row 1, field "industry": is required$/,
    },
    {
      what: 'non-numeric spend (CSV)',
      format: 'csv',
      text: 'name,industry,ytd_spend\nA,Retail,1\nB,Retail,2\nC,Retail,abc',
      message: /^Row 3 \(line 4\), field "ytd_spend": must be a number ≥ 0 \(got "abc"\)$/,
    },
    {
      what: 'negative spend (JSON)',
      format: 'json',
      text: '[{"name":"A","industry":"R","ytd_spend":1},{"name":"B","industry":"R","ytd_spend":-5}]',
      message: /^Row 2, field "ytd_spend": must be a number ≥ 0 \(got -5\)$/,
    },
    {
      what: 'duplicate names ignoring case and accents',
      format: 'csv',
      text: 'name,industry,ytd_spend\nCafé Müller,Food,1\nOther,Food,1\ncafe MULLER,Food,2',
      message: /Row 3 \(line 4\), field "name": "cafe MULLER" duplicates row 1 \(line 2\) \("Café Müller"\)/,
    },
    { what: 'empty file', format: 'csv', text: '  \n', message: /The file is empty/ },
    { what: 'empty JSON array', format: 'json', text: '[]', message: /no client rows/ },
    { what: 'header only', format: 'csv', text: 'name,industry,ytd_spend\n', message: /no client rows/ },
    {
      what: 'impossible date',
      format: 'json',
      text: '[{"name":"A","industry":"R","ytd_spend":1,"renewal_date":"2026-02-30"}]',
      message: /^Row 1, field "renewal_date": is not a real date \(got "2026-02-30"\)$/,
    },
    {
      what: 'unreadable date',
      format: 'csv',
      text: 'name,industry,ytd_spend,renewal_date\nA,R,1,next spring',
      message: /^Row 1 \(line 2\), field "renewal_date": is not a date I can read .*\(got "next spring"\)$/,
    },
    {
      what: 'impossible day/month date',
      format: 'csv',
      text: 'name,industry,ytd_spend,renewal_date\nA,R,1,31/31/2026',
      message: /^Row 1 \(line 2\), field "renewal_date": is not a real date/,
    },
    {
      what: 'bad boolean',
      format: 'csv',
      text: 'name,industry,ytd_spend,open_escalation\nA,R,1,maybe',
      message: /field "open_escalation": must be true\/false, yes\/no or 1\/0 \(got "maybe"\)/,
    },
    { what: 'wrong cell count', format: 'csv', text: 'name,industry,ytd_spend\nA,R,1\nB,R', message: /Row 2 \(line 3\): expected 3 cells, found 2/ },
    {
      what: 'duplicate ids',
      format: 'json',
      text: '[{"id":7,"name":"A","industry":"R","ytd_spend":1},{"id":7,"name":"B","industry":"R","ytd_spend":1}]',
      message: /Row 2, field "id": id 7 is also used by row 1/,
    },
  ];

  for (const c of cases) {
    it(`rejects ${c.what} with bad-import and changes nothing`, async () => {
      const before = await store.exportBytes();
      const err = await importError(store, c.text, c.format, 'replace');
      expect(err.code).toBe('bad-import');
      expect(err.message).toMatch(c.message);
      expect(await store.count()).toBe(60);
      expect(await store.exportBytes()).toEqual(before);
    });
  }

  it('counts CSV lines across quoted multi-line cells and blank lines', async () => {
    const csv = 'name,industry,ytd_spend,notes\nMulti Co,Retail,1,"two\nlines"\n\nB,Retail,-1,x';
    const err = await importError(store, csv, 'csv');
    expect(err.message).toBe('Row 2 (line 5), field "ytd_spend": must be a number ≥ 0 (got "-1")');
    expect(err.details).toMatchObject({ row: 2, line: 5, field: 'ytd_spend' });
  });

  it('rolls back rows already written when a later row fails inside the transaction', async () => {
    const before = await store.list();
    const bytes = await store.exportBytes();
    // Rows 1-2 pass validation and are written; row 3 claims an id owned by TechGiant.
    const text = JSON.stringify([
      { name: 'TechGiant', industry: 'Electronics', ytd_spend: 1 },
      { name: 'Fresh Client', industry: 'Retail', ytd_spend: 2, products: ['Search Ads'] },
      { id: 1, name: 'Impostor', industry: 'Retail', ytd_spend: 3 },
    ]);
    const err = await importError(store, text, 'json', 'merge');
    expect(err.message).toBe('Row 3, field "id": id 1 already belongs to "TechGiant"');
    expect(await store.list()).toEqual(before);
    expect(await store.exportBytes()).toEqual(bytes);
    expect((await store.lookup('Fresh Client')).status).toBe('not-found');
  });

  it('rolls back a failing replace import: the old book survives', async () => {
    const before = await store.list();
    const text = JSON.stringify([
      { name: 'X', industry: 'R', ytd_spend: 1 },
      { id: 1, name: 'Y', industry: 'R', ytd_spend: 1 },
      { id: 1, name: 'Z', industry: 'R', ytd_spend: 1 },
    ]);
    await importError(store, text, 'json', 'replace');
    expect(await store.list()).toEqual(before);
  });
});
