import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { ImportChoices, ImportDraft } from './import-types.ts';
import { SqlClientStore } from './sql-client-store.ts';
import { demoStore } from './test-fixtures.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../e2e/fixtures/${name}`, import.meta.url));
const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const choices = (draft: ImportDraft, mode: ImportChoices['mode'] = 'merge', answers: ImportChoices['answers'] = {}): ImportChoices => ({
  mapping: draft.columns.map((c) => c.field),
  answers,
  mode,
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

let store: SqlClientStore;
beforeEach(async () => {
  store = await demoStore();
});

describe('merge touches only what the file has (issue 11.2)', () => {
  it('TechGiant repro: name,industry,ytd_spend keeps manager, region, renewal, products and last year', async () => {
    const before = await store.lookup('TechGiant');
    const draft = await store.prepareImport(utf8('name,industry,ytd_spend\nTechGiant,Electronics,130000\n'), 'techgiant.csv');
    const review = await store.reviewImport(draft.id, choices(draft));
    expect(review).toMatchObject({
      status: 'ready',
      preview: { added: 0, changed: 1, unchanged: 0, removed: 0, fieldChanges: [{ field: 'ytd_spend', clients: 1 }], total: 60 },
    });
    expect(await store.applyImport(draft.id, choices(draft))).toEqual({ added: 0, updated: 1, removed: 0, total: 60, ignored: [] });
    const after = await store.lookup('TechGiant');
    if (before.status !== 'found' || after.status !== 'found') throw new Error('TechGiant missing');
    expect(after.client).toEqual({ ...before.client, ytd_spend: 130000 });
  });

  it('JSON merges keep absent keys too, and blank cells keep the book’s value', async () => {
    await store.importText('[{"name":"RetailCo","region":"EMEA"}]', 'json', 'merge');
    await store.importText('name,industry,account_manager\nGreenLeaf Grocers,,Dana Fox\n', 'csv', 'merge');
    const retail = await store.lookup('RetailCo');
    const green = await store.lookup('GreenLeaf Grocers');
    expect(retail.status === 'found' && retail.client).toMatchObject({ region: 'EMEA', industry: 'Retail', ytd_spend: 45000 });
    expect(green.status === 'found' && green.client).toMatchObject({ account_manager: 'Dana Fox', industry: 'Retail' });
  });

  it('says which fields of how many clients change, and counts unchanged rows', async () => {
    const csv = 'name,region,payment_terms\nTechGiant,West,net 45\nRetailCo,EMEA,net 45\nBlue Bank,South,net 60\n';
    const draft = await store.prepareImport(utf8(csv), 'terms.csv');
    const review = await store.reviewImport(draft.id, choices(draft));
    if (review.status !== 'ready') throw new Error('expected a preview');
    const blue = await store.lookup('Blue Bank');
    const blueSame = blue.status === 'found' && blue.client.region === 'South' && blue.client.payment_terms === 'net 60';
    expect(review.preview.changed + review.preview.unchanged).toBe(3);
    expect(review.preview.unchanged).toBe(blueSame ? 1 : 0);
    expect(review.preview.fieldChanges.find((f) => f.field === 'payment_terms')?.clients).toBeGreaterThanOrEqual(2);
    expect(review.preview.absentFields).toContain('ytd_spend');
  });

  it('a new client in a merge needs industry and spend, naming row and field', async () => {
    const err = await rejection(store.importText('name,region\nTechGiant,West\nFresh Co,East\n', 'csv', 'merge'));
    expect(err.message).toBe('Row 2 (line 3), field "industry": is required for a new client ("Fresh Co" is not in your book yet)');
    expect(err.details).toMatchObject({ row: 2, line: 3, field: 'industry' });
  });
});

describe('replace shows what goes before it is applied', () => {
  it('previews added, changed and removed with names, and applies exactly that', async () => {
    const csv = 'name,industry,ytd_spend\nTechGiant,Electronics,120000\nBrand New,Travel,10\n';
    const draft = await store.prepareImport(utf8(csv), 'two.csv');
    const review = await store.reviewImport(draft.id, choices(draft, 'replace'));
    if (review.status !== 'ready') throw new Error('expected a preview');
    expect(review.preview).toMatchObject({ mode: 'replace', added: 1, changed: 1, removed: 59, total: 2, addedNames: ['Brand New'] });
    expect(review.preview.removedNames).toContain('TechGiant Labs');
    // Replace clears what the file does not have: TechGiant loses its manager, products…
    expect(review.preview.fieldChanges.map((f) => f.field)).toEqual(expect.arrayContaining(['account_manager', 'products']));
    expect(await store.applyImport(draft.id, choices(draft, 'replace'))).toMatchObject({ added: 1, updated: 1, removed: 59, total: 2 });
    expect(await store.count()).toBe(2);
  });

  it('restoring the bytes taken before an import gives back the previous book exactly', async () => {
    const before = await store.exportBytes();
    const list = await store.list();
    await store.importText('name,industry,ytd_spend\nOnly One,Retail,5\n', 'csv', 'replace');
    await store.loadBytes(before);
    expect(await store.list()).toEqual(list);
  });
});

describe('CRM exports', () => {
  it('imports a Salesforce report export (footer, USD amounts, M/D/YYYY dates) with no questions', async () => {
    const draft = await store.prepareImport(fixture('salesforce-accounts.csv'), 'report.csv');
    expect(draft.columns.map((c) => [c.header, c.field])).toEqual([
      ['Account Name', 'name'],
      ['Account Owner', 'account_manager'],
      ['Industry', 'industry'],
      ['Type', null],
      ['Billing State/Province', null],
      ['Billing Country', null],
      ['Annual Revenue', null],
      ['YTD Spend', 'ytd_spend'],
      ['Last Year Spend', 'last_year_spend'],
      ['Renewal Date', 'renewal_date'],
      ['Account ID', null],
    ]);
    expect(draft.rows).toBe(4);
    const review = await store.reviewImport(draft.id, choices(draft));
    expect(review).toMatchObject({
      status: 'ready',
      preview: { added: 3, changed: 1, ignoredColumns: ['Type', 'Billing State/Province', 'Billing Country', 'Annual Revenue', 'Account ID'] },
    });
    await store.applyImport(draft.id, choices(draft));
    const c = await store.lookup('Contoso Pharmaceuticals');
    expect(c.status === 'found' && c.client).toMatchObject({
      ytd_spend: 212400.5,
      last_year_spend: 190000,
      renewal_date: '2027-11-30',
      account_manager: 'Priya Nair',
    });
  });

  it('the CLI path (importText) imports the same Salesforce export', async () => {
    const report = await store.importText(fixture('salesforce-accounts.csv').toString('utf8'), 'csv', 'merge');
    expect(report).toMatchObject({ added: 3, updated: 1, total: 63 });
    expect(report.ignored).toContain('Annual Revenue');
  });

  it('imports a HubSpot companies export with $, k and ISO date-times', async () => {
    const report = await store.importBytes(fixture('hubspot-companies.csv'), 'csv', 'merge');
    expect(report).toMatchObject({ added: 2, updated: 1 });
    const w = await store.lookup('Wide World Importers');
    expect(w.status === 'found' && w.client).toMatchObject({ ytd_spend: 48500, last_year_spend: 40000, renewal_date: '2027-09-15', products: [] });
    const t = await store.lookup('TechGiant');
    expect(t.status === 'found' && t.client.products).toEqual(['Search Ads', 'Display Ads']);
  });

  it('an ambiguous column is a question for the rep and an error naming the column for the CLI', async () => {
    const csv = 'Account Name,Industry,YTD Spend,Renewal Date\nAlpha,Retail,"48,500",03/04/2027\nBeta,Retail,"12,000",05/06/2027\n';
    const err = await rejection(store.importText(csv, 'csv', 'merge'));
    expect(err.message).toMatch(/^Column "YTD Spend" \(ytd_spend\): "48,500" in row 1 could use the comma for thousands or for decimals/);
    const draft = await store.prepareImport(utf8(csv), 'ambiguous.csv');
    const first = await store.reviewImport(draft.id, choices(draft));
    expect(first.status === 'questions' && first.questions.map((q) => [q.header, q.kind, q.example])).toEqual([
      ['YTD Spend', 'decimal-mark', '48,500'],
      ['Renewal Date', 'date-order', '03/04/2027'],
    ]);
    const answered = choices(draft, 'merge', { 2: 'point', 3: 'dmy' });
    expect(await store.reviewImport(draft.id, answered)).toMatchObject({ status: 'ready', preview: { added: 2 } });
    await store.applyImport(draft.id, answered);
    const a = await store.lookup('Alpha');
    expect(a.status === 'found' && a.client).toMatchObject({ ytd_spend: 48500, renewal_date: '2027-04-03' });
  });

  it('one value that shows the order settles the rest of the column', async () => {
    await store.importText('name,industry,ytd_spend,renewal_date\nA1,Retail,1,03/04/2027\nA2,Retail,1,25/12/2027\n', 'csv', 'merge');
    const a = await store.lookup('A1');
    expect(a.status === 'found' && a.client.renewal_date).toBe('2027-04-03');
  });

  it('mixed money formats in one column each read as written', async () => {
    await store.importText('name,industry,ytd_spend\nM1,Retail,"$48,500"\nM2,Retail,"48.500,00 €"\nM3,Retail,48.5k\n', 'csv', 'merge');
    for (const name of ['M1', 'M2', 'M3']) {
      const r = await store.lookup(name);
      expect(r.status === 'found' && r.client.ytd_spend).toBe(48500);
    }
  });

  it('two columns that could be the same field must be chosen between', async () => {
    const err = await rejection(store.importText('Account Name,Owner,Account Owner,Industry,YTD Spend\nA,X,Y,R,1\n', 'csv', 'merge'));
    expect(err.message).toMatch(/columns "Owner" and "Account Owner" could both be Account manager/);
  });
});

describe('text in the right encoding (issue 11.6)', () => {
  it('imports a Latin-1 CSV with the right letters; Müller AG and Möller AG stay two clients', async () => {
    const csv = 'name,industry,ytd_spend\nZoë Crème Brûlée SARL,Food & Beverage,100\nMüller AG,Retail,1\nMöller AG,Retail,2\n';
    const draft = await store.prepareImport(latin1(csv), 'latin1.csv');
    expect(draft.encoding).toBe('windows-1252');
    expect(draft.columns[0].samples).toEqual(['Zoë Crème Brûlée SARL', 'Müller AG', 'Möller AG']);
    expect(await store.applyImport(draft.id, choices(draft))).toMatchObject({ added: 3 });
    const zoe = await store.lookup('zoe creme brulee');
    expect(zoe.status === 'found' && zoe.client.name).toBe('Zoë Crème Brûlée SARL');
  });

  it('a Latin-1 "Café Müller GmbH" updates the existing client instead of adding a garbled copy', async () => {
    const report = await store.importBytes(latin1('name,ytd_spend\nCafé Müller GmbH,999\n'), 'csv', 'merge');
    expect(report).toMatchObject({ added: 0, updated: 1, total: 60 });
  });
});

describe('clear messages for bad values (issue 11.11)', () => {
  it('reports 1e309 as out of range, quoting it, in JSON and CSV', async () => {
    const json = await rejection(store.importText('[{"name":"A","industry":"R","ytd_spend":1e309}]', 'json', 'merge'));
    expect(json.message).toBe('Row 1, field "ytd_spend": is out of range: at most 1,000,000,000,000,000 (got 1e309)');
    const csv = await rejection(store.importText('name,industry,ytd_spend\nA,R,1e309\n', 'csv', 'merge'));
    expect(csv.message).toBe('Row 1 (line 2), field "ytd_spend": is out of range: at most 1,000,000,000,000,000 (got "1e309")');
  });

  it('rejects control characters in names with row, field and which character', async () => {
    const nul = await rejection(store.importText('[{"name":"Acme\\u0000Corp","industry":"R","ytd_spend":1}]', 'json', 'merge'));
    expect(nul.message).toBe('Row 1, field "name": contains a null byte (U+0000) at character 5; remove it and import again (got "Acme\\u0000Corp")');
    expect(nul.details).toMatchObject({ row: 1, field: 'name' });
    const rlo = await rejection(store.importText('name,industry,ytd_spend\nOK,R,1\nEvil\u202eCorp,R,1\n', 'csv', 'merge'));
    expect(rlo.message).toMatch(/^Row 2 \(line 3\), field "name": contains an invisible text-direction mark \(U\+202E\)/);
    const garbled = await rejection(store.importText('name,industry,ytd_spend\nM\uFFFDller AG,R,1\n', 'csv', 'merge'));
    expect(garbled.message).toMatch(/field "name": contains "\uFFFD", a character that was garbled/);
    expect(await store.count()).toBe(60);
  });
});

describe('drafts', () => {
  it('a discarded draft cannot be applied', async () => {
    const draft = await store.prepareImport(utf8('name,industry,ytd_spend\nA,R,1\n'), 'a.csv');
    await store.discardImport(draft.id);
    await expect(store.applyImport(draft.id, choices(draft))).rejects.toMatchObject({ code: 'bad-import' });
  });

  it('marks the app’s own format so the mapping step can be skipped', async () => {
    const own = await store.prepareImport(utf8('name,industry,ytd_spend\nA,R,1\n'), 'a.csv');
    const crm = await store.prepareImport(fixture('hubspot-companies.csv'), 'h.csv');
    expect([own.ownFormat, crm.ownFormat]).toEqual([true, false]);
  });

  it('a fresh store rejects garbage bytes with a message, not a crash', async () => {
    const fresh = await SqlClientStore.create();
    await expect(fresh.prepareImport(new Uint8Array(0), 'empty.csv')).rejects.toMatchObject({ code: 'bad-import', message: 'The file is empty.' });
  });
});
