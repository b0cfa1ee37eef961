import { describe, expect, it } from 'vitest';
import { matchKey, normalizeName } from './normalize.ts';

describe('normalizeName', () => {
  it('strips accents, folds case and ß', () => {
    expect(normalizeName('Café Müller GmbH')).toBe('cafe muller gmbh');
    expect(normalizeName('STRAßE Bäckerei')).toBe('strasse backerei');
    expect(normalizeName('Ærø Øl')).toBe('aero ol');
  });

  it('joins apostrophes and dots, turns other punctuation into single spaces', () => {
    expect(normalizeName("O'Brien Logistics")).toBe('obrien logistics');
    expect(normalizeName('O’Brien   Logistics')).toBe('obrien logistics');
    expect(normalizeName('Acme, S.A.')).toBe('acme sa');
    expect(normalizeName('  Smith & Sons -- Ltd.  ')).toBe('smith sons ltd');
  });

  it('handles compatibility characters (NFKD)', () => {
    expect(normalizeName('ＴｅｃｈＧｉａｎｔ')).toBe('techgiant');
    expect(normalizeName('ﬁnServe')).toBe('finserve');
  });
});

describe('matchKey', () => {
  it('drops trailing legal suffixes, repeatedly', () => {
    expect(matchKey('Café Müller GmbH')).toBe('cafe muller');
    expect(matchKey('Acme Holdings Co. Ltd')).toBe('acme holdings');
    expect(matchKey('Blue Inc.')).toBe('blue');
  });

  it('keeps suffix words that are part of the name, and never empties a name', () => {
    expect(matchKey('RetailCo')).toBe('retailco');
    expect(matchKey('Co Op Market')).toBe('co op market');
    expect(matchKey('AG')).toBe('ag');
  });
});
