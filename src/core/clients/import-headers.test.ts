import { describe, expect, it } from 'vitest';
import { headerSetKey, matchHeaders, normalizeHeader } from './import-headers.ts';

const fields = (headers: string[]) => matchHeaders(headers).matches.map((m) => m.field);

describe('matchHeaders', () => {
  it('matches the app’s own names in any case and punctuation', () => {
    expect(fields(['Name', 'INDUSTRY', 'ytd-spend', 'Account Manager', 'renewal date', 'Open_Escalation'])).toEqual([
      'name',
      'industry',
      'ytd_spend',
      'account_manager',
      'renewal_date',
      'open_escalation',
    ]);
    expect(matchHeaders(['ytd_spend']).matches[0]).toEqual({ field: 'ytd_spend', match: 'app' });
  });

  it('matches a Salesforce account report and ignores what it does not know', () => {
    const headers = [
      'Account ID',
      'Account Name',
      'Account Owner',
      'Industry',
      'Type',
      'Billing State/Province',
      'Annual Revenue',
      'YTD Spend',
      'Renewal Date',
      'Last Activity',
    ];
    expect(fields(headers)).toEqual([null, 'name', 'account_manager', 'industry', null, null, null, 'ytd_spend', 'renewal_date', null]);
    expect(matchHeaders(headers).matches[1]).toEqual({ field: 'name', match: 'crm', source: 'Salesforce' });
  });

  it('matches Salesforce Data Loader API names and custom fields', () => {
    expect(fields(['Id', 'Name', 'Industry', 'AnnualRevenue', 'OwnerId', 'YTD_Spend__c', 'Renewal_Date__c'])).toEqual([
      'id',
      'name',
      'industry',
      null,
      null,
      'ytd_spend',
      'renewal_date',
    ]);
  });

  it('matches a HubSpot companies export', () => {
    expect(fields(['Record ID', 'Company name', 'Company owner', 'Industry', 'Country/Region', 'Total Revenue', 'Spend YTD', 'Create Date'])).toEqual([
      null,
      'name',
      'account_manager',
      'industry',
      null,
      null,
      'ytd_spend',
      null,
    ]);
  });

  it('matches Pipedrive organization fields by their entity prefix', () => {
    expect(fields(['Organization - ID', 'Organization - Name', 'Organization - Owner', 'Organization - Industry', 'Organization - Address'])).toEqual([
      'id',
      'name',
      'account_manager',
      'industry',
      null,
    ]);
  });

  it('matches a Dynamics 365 account export and skips its hidden columns', () => {
    expect(
      fields(['(Do Not Modify) Account', '(Do Not Modify) Row Checksum', 'Account Name', 'Owner', 'Territory', 'Payment Terms', 'Address 1: City']),
    ).toEqual([null, null, 'name', 'account_manager', 'region', 'payment_terms', null]);
  });

  it('leaves two equally good columns for one field to the rep', () => {
    const p = matchHeaders(['Account Name', 'Owner', 'Account Owner', 'Industry']);
    expect(p.matches.map((m) => m.field)).toEqual(['name', null, null, 'industry']);
    expect(p.conflicts).toEqual([{ field: 'account_manager', columns: [1, 2] }]);
  });

  it('prefers the app’s own name over a CRM name for the same field', () => {
    expect(fields(['name', 'Account Name', 'industry'])).toEqual(['name', null, 'industry']);
  });

  it('suggests, but never chooses, columns that often mean something else', () => {
    const p = matchHeaders(['Account Name', 'Industry', 'Annual Revenue']);
    expect(p.matches[2].field).toBeNull();
    expect(p.maybe).toEqual([{ field: 'ytd_spend', column: 2, why: expect.stringContaining('own revenue') }]);
    expect(matchHeaders(['Account Name', 'YTD Spend', 'Annual Revenue']).maybe).toEqual([]);
  });

  it('normalizes headers and keys header sets regardless of order and case', () => {
    expect(normalizeHeader(' Renewal_Date__c ')).toBe('renewaldate');
    expect(normalizeHeader('Billing State/Province')).toBe('billingstateprovince');
    expect(headerSetKey(['Account Name', 'Industry'])).toBe(headerSetKey(['industry', 'account_name']));
    expect(headerSetKey(['Account Name'])).not.toBe(headerSetKey(['Account Name', 'Industry']));
  });
});
