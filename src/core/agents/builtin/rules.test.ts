import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bandFor,
  parseDiscountBands,
  parseDiscountCaps,
  parseMultiYear,
  parseRecommendations,
  parseTiers,
  recommendationsFor,
  ruleStance,
  tierFor,
  tierRange,
} from './rules.ts';

const playbook = readFileSync(new URL('../../../../data/playbook/playbook.md', import.meta.url), 'utf8');
const facts = `Spend tiers, by year-to-date (YTD) spend: Platinum $200,000 or more; Gold $100,000 to $199,999; Silver $25,000 to $99,999; Bronze under $25,000.`;

describe('parseTiers', () => {
  it('reads the demo playbook tier table', () => {
    const tiers = parseTiers(playbook);
    expect(tiers.map((t) => t.name)).toEqual(['Platinum', 'Gold', 'Silver', 'Bronze']);
    expect(tierFor(120000, tiers)?.name).toBe('Gold');
    expect(tierFor(199999, tiers)?.name).toBe('Gold');
    expect(tierFor(200000, tiers)?.name).toBe('Platinum');
    expect(tierFor(24999, tiers)?.name).toBe('Bronze');
    expect(tierRange(tiers[1])).toEqual({ min_spend: 100000, max_spend: 200000 });
  });
  it('reads the one-line wording and a different table', () => {
    expect(parseTiers(facts).map((t) => [t.name, t.min, t.max])).toEqual([
      ['Platinum', 200000, undefined],
      ['Gold', 100000, 199999],
      ['Silver', 25000, 99999],
      ['Bronze', undefined, 25000],
    ]);
    const other = parseTiers('- Diamond accounts: annual spend of $500k or more\n- Ruby: spend below $500k');
    expect(other.map((t) => t.name)).toEqual(['Diamond', 'Ruby']);
    expect(tierFor(120000, other)?.name).toBe('Ruby');
  });
  it('does not invent a table from prose', () => {
    expect(parseTiers('Gifts: at most $100 per client contact per year.')).toEqual([]);
  });
});

describe('parseRecommendations', () => {
  const tiers = parseTiers(playbook).map((t) => t.name);
  const rules = parseRecommendations(playbook, tiers);
  const pick = (industry: string, spend: number) =>
    recommendationsFor(rules, industry, spend, tierFor(spend, parseTiers(playbook))?.name).map((r) => r.recommendation);

  it('applies tier, spend conditions and the default', () => {
    expect(pick('Electronics', 120000)).toEqual(['Mobile App Banners and Online Display Ads']);
    expect(pick('Electronics', 22000)).toEqual(['Search Ads']);
    expect(pick('Retail', 45000)).toEqual(['Social Media Starter Pack']);
    expect(pick('Retail', 132500)).toEqual(['Retail Media Network and Social Video Ads']);
    expect(pick('Automotive', 76000)).toEqual(['Connected TV and Search Ads']);
    expect(pick('Logistics', 54000)).toEqual(['Online Display Ads']);
    expect(pick('Healthcare', 88000)).toEqual(['Contextual Display only']);
  });
  it('keeps prohibitions apart', () => {
    const finance = recommendationsFor(rules, 'Finance', 215000, 'Platinum');
    expect(finance.filter((r) => !r.prohibition).map((r) => r.recommendation)).toEqual(['Programmatic Display with the Brand Safety Add-on']);
    expect(finance.some((r) => r.prohibition && /Influencer Partnerships/.test(r.recommendation))).toBe(true);
  });
  it('reads semicolon continuations', () => {
    const r = parseRecommendations('- Automotive with YTD spend of $75,000 or more: Connected TV and Search Ads; under $75,000: Search Ads.', []);
    expect(recommendationsFor(r, 'Automotive', 10000, undefined).map((x) => x.recommendation)).toEqual(['Search Ads']);
  });
});

describe('discount rules', () => {
  const tiers = parseTiers(playbook).map((t) => t.name);
  it('reads bands, caps and the multi-year bonus', () => {
    const bands = parseDiscountBands(playbook);
    expect(bands.map((b) => [b.above, b.upTo, b.approver])).toEqual([
      [0, 10, null],
      [10, 20, 'sales manager'],
      [20, undefined, 'VP of Sales'],
    ]);
    expect(bandFor(15, bands)?.approver).toBe('sales manager');
    expect(bandFor(25, bands)?.approver).toBe('VP of Sales');
    expect(parseDiscountCaps(playbook, tiers)).toMatchObject([{ tier: 'Bronze', maxPct: 5 }]);
    expect(parseMultiYear(playbook)).toMatchObject({ minYears: 2, extraPct: 5, countsTowardThresholds: true });
  });
  it('classifies rule sentences', () => {
    expect(ruleStance('Net 90 is never offered.').kind).toBe('never');
    expect(ruleStance('Net 60 needs finance approval.')).toEqual({ kind: 'approval', approver: 'finance' });
    expect(ruleStance('Standard terms are net 30.').kind).toBe('allowed');
  });
});
