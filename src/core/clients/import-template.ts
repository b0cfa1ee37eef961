/**
 * The downloadable template: the app's own column names and two example rows that show each
 * field's format (money as plain numbers, ISO dates, products separated by ";", yes/no flags).
 */
import Papa from 'papaparse';
import { ALL_FIELDS } from './import-fields.ts';

const EXAMPLES: Record<string, string>[] = [
  {
    name: 'Northwind Traders',
    industry: 'Retail',
    ytd_spend: '64000',
    last_year_spend: '51500',
    account_manager: 'Marcus Lee',
    region: 'West',
    renewal_date: '2027-03-15',
    products: 'Search Ads; Display Ads',
    open_escalation: 'no',
    payment_terms: 'net 30',
    reference_consent: 'yes',
  },
  {
    name: 'Brasserie Étoile SARL',
    industry: 'Food & Beverage',
    ytd_spend: '18250.50',
    last_year_spend: '',
    account_manager: 'Sarah Chen',
    region: 'EMEA',
    renewal_date: '2027-11-30',
    products: 'Email Sponsorships',
    open_escalation: 'yes',
    payment_terms: 'net 60',
    reference_consent: 'no',
  },
];

/** CSV text of the template (UTF-8; the id column is left out: the app assigns ids). */
export function clientTemplateCsv(): string {
  const fields = ALL_FIELDS.filter((f) => f !== 'id');
  return `${Papa.unparse({ fields: [...fields], data: EXAMPLES.map((row) => fields.map((f) => row[f] ?? '')) })}\r\n`;
}
