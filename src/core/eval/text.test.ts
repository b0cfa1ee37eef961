import { describe, expect, it } from 'vitest';
import { contentTokens, extractFacts, normalizeText, prepareEvidence, splitClaims, supportOf } from './text.ts';

describe('text helpers', () => {
  it('normalizes case, accents and money', () => {
    expect(normalizeText('Café Müller GmbH spent $9,800')).toBe('cafe muller gmbh spent 9800');
  });

  it('splits an answer into sentence claims, bullets included', () => {
    const claims = splitClaims('TechGiant spent $120,000. It is Gold tier!\n- Renews 2027-02-28\n- Manager: Sarah Chen');
    expect(claims).toEqual(['TechGiant spent $120,000.', 'It is Gold tier!', 'Renews 2027-02-28', 'Manager: Sarah Chen']);
  });

  it('extracts numbers with money shorthands, dates and names', () => {
    const facts = extractFacts('Yes, TechGiant spent $120k (10% more) and renews on February 28, 2027 with Sarah Chen.');
    expect(facts.numbers).toEqual([120000, 10]);
    expect(facts.dates).toEqual(['2027-02-28']);
    expect(facts.names).toEqual(['techgiant', 'sarah', 'chen']);
  });

  it('drops stopwords from content tokens', () => {
    expect(contentTokens('What is the tier of TechGiant?')).toEqual(['tier', 'techgiant']);
  });

  it('supports a claim only when its facts are in the evidence', () => {
    const ev = prepareEvidence(['{"name":"TechGiant","ytd_spend":120000,"renewal_date":"2027-02-28"}']);
    expect(supportOf('TechGiant has YTD spend of $120,000.', ev).supported).toBe(true);
    expect(supportOf('TechGiant renews in 2027.', ev).factsFound).toBe(2);
    const wrong = supportOf('TechGiant has YTD spend of $130,000.', ev);
    expect(wrong.supported).toBe(false);
    expect([wrong.factsFound, wrong.factsTotal]).toEqual([1, 2]);
  });
});
