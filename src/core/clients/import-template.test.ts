import { describe, expect, it } from 'vitest';
import { clientTemplateCsv } from './import-template.ts';
import { SqlClientStore } from './sql-client-store.ts';

describe('clientTemplateCsv', () => {
  it('is the app’s own format and imports as it is, with no questions', async () => {
    const csv = clientTemplateCsv();
    expect(csv.split('\r\n')[0]).toBe(
      'name,industry,ytd_spend,last_year_spend,account_manager,region,renewal_date,products,open_escalation,payment_terms,reference_consent',
    );
    const store = await SqlClientStore.create();
    const draft = await store.prepareImport(new TextEncoder().encode(csv), 'template.csv');
    expect(draft.ownFormat).toBe(true);
    expect(await store.importText(csv, 'csv', 'replace')).toMatchObject({ added: 2, total: 2 });
    const [first, second] = await store.list();
    expect(first).toMatchObject({ products: ['Search Ads', 'Display Ads'], reference_consent: true, renewal_date: '2027-03-15' });
    expect(second).toMatchObject({ name: 'Brasserie Étoile SARL', ytd_spend: 18250.5, open_escalation: true });
  });
});
