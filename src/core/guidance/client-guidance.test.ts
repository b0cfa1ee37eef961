import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../clients/types.ts';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';
import { PlaybookLibrary } from '../playbook/library.ts';
import { createPdfTextExtractor } from '../playbook/pdf-text.ts';
import { makePdf } from '../../test-support/pdf-fixtures.ts';
import { clientGuidance } from './client-guidance.ts';

const demoClients = JSON.parse(readFileSync(new URL('../../../data/clients.json', import.meta.url), 'utf8')) as Client[];
const demoPdf = new Uint8Array(readFileSync(new URL('../../../data/playbook.pdf', import.meta.url)));
const pdf = createPdfTextExtractor();
const client = (name: string): Client => {
  const c = demoClients.find((x) => x.name === name);
  if (!c) throw new Error(`no demo client ${name}`);
  return c;
};

async function library(pdfBytes: Uint8Array, name: string): Promise<PlaybookLibrary> {
  const lib = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf, indexKind: 'flat' });
  await lib.addPdf(name, pdfBytes);
  return lib;
}

describe('clientGuidance on the demo playbook', () => {
  let lib: PlaybookLibrary;
  beforeAll(async () => {
    lib = await library(demoPdf, 'Sales Playbook.pdf');
  });

  it('reads the tier and the industry recommendation, with their source lines', async () => {
    const g = await clientGuidance(client('TechGiant'), lib);
    expect(g.tier?.text).toBe('Gold');
    expect(g.tier?.source).toMatchObject({ docName: 'Sales Playbook.pdf', heading: 'Spend Tiers' });
    expect(g.tier?.source.line).toContain('$100,000');
    expect(g.recommendations.map((r) => r.text)).toEqual(['Mobile App Banners and Online Display Ads']);
    expect(g.recommendations[0].source.heading).toBe('Product Recommendations by Industry');
    expect(g.avoid).toEqual([]);
    expect(g.escalation).toBeNull();
  });

  it('lists what to avoid and the escalation rule when the record calls for them', async () => {
    const finance = await clientGuidance(client('FinServe Capital'), lib);
    expect(finance.tier?.text).toBe('Platinum');
    expect(finance.recommendations.map((r) => r.text)).toEqual(['Programmatic Display with the Brand Safety Add-on']);
    expect(finance.avoid.map((r) => r.text).join(' ')).toMatch(/Influencer Partnerships/);

    const greenleaf = await clientGuidance(client('GreenLeaf Grocers'), lib);
    expect(greenleaf.recommendations.map((r) => r.text)).toEqual(['Retail Media Network and Social Video Ads']);
    expect(greenleaf.escalation?.text).toMatch(/escalation/i);
    expect(greenleaf.escalation?.source.heading).toBe('Support Escalations');
  });

  it('uses the spend threshold and the default line of the table', async () => {
    const retailSmall = demoClients.find((c) => c.industry === 'Retail' && c.ytd_spend < 50_000);
    expect(retailSmall).toBeDefined();
    expect((await clientGuidance(retailSmall!, lib)).recommendations.map((r) => r.text)).toEqual(['Social Media Starter Pack']);
    const other = { ...client('TechGiant'), industry: 'Agriculture', ytd_spend: 10_000 };
    const g = await clientGuidance(other, lib);
    expect(g.tier?.text).toBe('Bronze');
    expect(g.recommendations.map((r) => r.text)).toEqual(['Online Display Ads']);
  });
});

describe('clientGuidance on a different playbook', () => {
  const lines = [
    'Contoso Ads Field Guide',
    '',
    'Account Levels',
    'Accounts are levelled by year-to-date spend.',
    '- Diamond: YTD spend of $300,000 or more.',
    '- Ruby: YTD spend of $50,000 to $299,999.',
    '- Pearl: YTD spend under $50,000.',
    '',
    'What to Pitch',
    '- Electronics, Diamond: Connected TV.',
    '- Electronics, Ruby or Pearl: Podcast Ads.',
    '- Retail with YTD spend of $40,000 or more: Email Sponsorships.',
  ];

  it("gives that playbook's tier and pitch, and says nothing where it has no rule", async () => {
    const lib = await library(await makePdf([lines]), 'Contoso Field Guide.pdf');
    const tech = await clientGuidance(client('TechGiant'), lib);
    expect(tech.tier?.text).toBe('Ruby');
    expect(tech.tier?.source.docName).toBe('Contoso Field Guide.pdf');
    expect(tech.recommendations.map((r) => r.text)).toEqual(['Podcast Ads']);
    // No Finance line and no default line: no recommendation rather than a guess.
    const finance = await clientGuidance(client('FinServe Capital'), lib);
    expect(finance.tier?.text).toBe('Ruby');
    expect(finance.recommendations).toEqual([]);
    // No escalation rule in this playbook.
    expect((await clientGuidance(client('GreenLeaf Grocers'), lib)).escalation).toBeNull();
  });

  it('reports no tier when the playbook has no tier table', async () => {
    const lib = await library(await makePdf([['Brand voice', 'Write clearly and calmly.', 'Never overstate results.']]), 'Voice.pdf');
    const g = await clientGuidance(client('TechGiant'), lib);
    expect(g).toEqual({ tier: null, recommendations: [], avoid: [], escalation: null });
  });
});
