/**
 * The client fields an import can fill, what each holds, and the column names CRMs use for it in
 * their account exports. Header matching (import-headers.ts) reads only this table, so teaching
 * the importer a new export is one line here.
 *
 * Export names, as the CRMs write them:
 * - Salesforce: report labels ("Account Name", "Account Owner", "Billing State/Province") and
 *   Data Loader API names ("Name", "Industry", "AnnualRevenue", custom fields "Renewal_Date__c").
 * - HubSpot: company export labels ("Company name", "Company owner", "Total Revenue",
 *   "Country/Region") and internal names ("name", "annualrevenue").
 * - Pipedrive: "Organization - Name", "Organization - Owner" (entity prefix + field label).
 * - Dynamics 365: "Account Name", "Owner", "Territory", "Payment Terms", "(Do Not Modify) Account".
 */

export type ClientField =
  | 'id'
  | 'name'
  | 'industry'
  | 'ytd_spend'
  | 'last_year_spend'
  | 'account_manager'
  | 'region'
  | 'renewal_date'
  | 'products'
  | 'open_escalation'
  | 'payment_terms'
  | 'reference_consent';

export type FieldKind = 'id' | 'text' | 'money' | 'date' | 'products' | 'flag';

export interface FieldSpec {
  field: ClientField;
  /** What a rep reads in the mapping step. */
  label: string;
  kind: FieldKind;
  /** Needed for every new client. */
  required: boolean;
  /** Column names (any case and punctuation) that mean this field, with the CRM that writes them. */
  aliases: [name: string, source: string][];
  /** Columns that might hold this field but often mean something else: suggested, never chosen. */
  maybe?: [name: string, why: string][];
}

const SF = 'Salesforce';
const HS = 'HubSpot';
const PD = 'Pipedrive';
const D365 = 'Dynamics 365';
const COMMON = 'common';

export const FIELD_SPECS: readonly FieldSpec[] = [
  { field: 'id', label: 'Client number (this app’s id)', kind: 'id', required: false, aliases: [] },
  {
    field: 'name',
    label: 'Client name',
    kind: 'text',
    required: true,
    aliases: [
      ['Account Name', SF],
      ['Account', SF],
      ['Company name', HS],
      ['Company', HS],
      ['Organization - Name', PD],
      ['Organization', PD],
      ['Organization Name', PD],
      ['Organisation', PD],
      ['Client name', COMMON],
      ['Client', COMMON],
      ['Customer name', COMMON],
      ['Customer', COMMON],
    ],
  },
  {
    field: 'industry',
    label: 'Industry',
    kind: 'text',
    required: true,
    aliases: [
      ['Industry', SF],
      ['Organization - Industry', PD],
      ['Industry Code', D365],
      ['Sector', COMMON],
      ['Vertical', COMMON],
    ],
  },
  {
    field: 'ytd_spend',
    label: 'Spend this year',
    kind: 'money',
    required: true,
    aliases: [
      ['YTD Spend', COMMON],
      ['Spend YTD', COMMON],
      ['Year to date spend', COMMON],
      ['YTD Revenue', COMMON],
      ['Revenue YTD', COMMON],
      ['Spend this year', COMMON],
      ['Current Year Spend', COMMON],
      ['YTD Sales', COMMON],
    ],
    maybe: [
      ['Annual Revenue', 'in Salesforce, HubSpot and Dynamics this is usually the company’s own revenue, not what it spends with you'],
      ['Total Revenue', 'in HubSpot this is the total of all closed deals, not this year’s'],
      ['Revenue', 'may be the company’s own revenue'],
    ],
  },
  {
    field: 'last_year_spend',
    label: 'Spend last year',
    kind: 'money',
    required: false,
    aliases: [
      ['Last Year Spend', COMMON],
      ['Spend Last Year', COMMON],
      ['Prior Year Spend', COMMON],
      ['Previous Year Spend', COMMON],
      ['LY Spend', COMMON],
      ['Last Year Revenue', COMMON],
      ['Prior Year Revenue', COMMON],
    ],
  },
  {
    field: 'account_manager',
    label: 'Account manager',
    kind: 'text',
    required: false,
    aliases: [
      ['Account Owner', SF],
      ['Account Owner Name', SF],
      ['Owner Name', SF],
      ['Owner.Name', SF],
      ['Company owner', HS],
      ['HubSpot Owner', HS],
      ['Organization - Owner', PD],
      ['Owner', D365],
      ['Account Manager', COMMON],
      ['Account Executive', COMMON],
      ['Sales Rep', COMMON],
    ],
  },
  {
    field: 'region',
    label: 'Region',
    kind: 'text',
    required: false,
    aliases: [
      ['Region', COMMON],
      ['Sales Region', COMMON],
      ['Territory', D365],
      ['Sales Territory', SF],
      ['Organization - Region', PD],
    ],
    maybe: [
      ['Billing State/Province', 'a state, not a sales region'],
      ['State/Region', 'a state, not a sales region'],
    ],
  },
  {
    field: 'renewal_date',
    label: 'Renewal date',
    kind: 'date',
    required: false,
    aliases: [
      ['Renewal Date', COMMON],
      ['Next Renewal Date', COMMON],
      ['Contract Renewal Date', COMMON],
      ['Contract End Date', SF],
      ['Contract End', COMMON],
      ['Renewal', COMMON],
      ['Organization - Renewal date', PD],
    ],
  },
  {
    field: 'products',
    label: 'Products (separated by ; or |)',
    kind: 'products',
    required: false,
    aliases: [
      ['Products', COMMON],
      ['Product', COMMON],
      ['Products Owned', COMMON],
      ['Product Lines', COMMON],
      ['Organization - Products', PD],
    ],
  },
  {
    field: 'open_escalation',
    label: 'Open escalation (yes/no)',
    kind: 'flag',
    required: false,
    aliases: [
      ['Open Escalation', COMMON],
      ['Has Open Escalation', COMMON],
      ['Escalation', COMMON],
      ['Escalated', COMMON],
    ],
  },
  {
    field: 'payment_terms',
    label: 'Payment terms',
    kind: 'text',
    required: false,
    aliases: [
      ['Payment Terms', D365],
      ['Payment Term', COMMON],
      ['Terms', COMMON],
    ],
  },
  {
    field: 'reference_consent',
    label: 'Agreed to be a reference (yes/no)',
    kind: 'flag',
    required: false,
    aliases: [
      ['Reference Consent', COMMON],
      ['Reference Customer', COMMON],
      ['Referenceable', COMMON],
      ['Reference Account', COMMON],
    ],
  },
];

export const FIELD_BY_ID: ReadonlyMap<ClientField, FieldSpec> = new Map(FIELD_SPECS.map((s) => [s.field, s]));

/** The app's own column order (the template and `ALL_FIELDS`). */
export const ALL_FIELDS: readonly ClientField[] = [
  'name',
  'industry',
  'ytd_spend',
  'id',
  'last_year_spend',
  'account_manager',
  'region',
  'renewal_date',
  'products',
  'open_escalation',
  'payment_terms',
  'reference_consent',
];
export const REQUIRED_FIELDS: readonly ClientField[] = FIELD_SPECS.filter((s) => s.required).map((s) => s.field);

export function fieldLabel(field: ClientField): string {
  return FIELD_BY_ID.get(field)?.label ?? field;
}
