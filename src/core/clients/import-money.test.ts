import { describe, expect, it } from 'vitest';
import { readMoney } from './import-money.ts';

describe('readMoney', () => {
  const numbers: [string, number][] = [
    ['48500', 48500],
    ['$48,500', 48500],
    ['$48,500.00', 48500],
    ['48.500,00 €', 48500],
    ['€48.500', 48500],
    ['EUR 48 500', 48500],
    ['48 500,50 EUR', 48500.5],
    ['USD 1,234,567.89', 1234567.89],
    ['1.234.567,89', 1234567.89],
    ["CHF 48'500.50", 48500.5],
    ['48.5k', 48500],
    ['1.2M', 1200000],
    ['$2.5m', 2500000],
    ['48,5', 48.5],
    ['48.50', 48.5],
    ['0,500', 0.5],
    ['1234.567', 1234.567],
    ['4.85E+04', 48500],
    ['1e309', Infinity],
    ['-1,250.00', -1250],
    ['(1,250.00)', -1250],
    ['£ 900', 900],
  ];
  for (const [text, value] of numbers) {
    it(`reads "${text}" as ${value}`, () => {
      const r = readMoney(text);
      expect(r.kind).toBe('number');
      if (r.kind === 'number') expect(r.value).toBeCloseTo(value, 6);
    });
  }

  it('says which decimal mark a value proves', () => {
    expect(readMoney('1,234.50')).toMatchObject({ mark: 'point' });
    expect(readMoney('1.234,50')).toMatchObject({ mark: 'comma' });
    expect(readMoney('1,234,567')).toMatchObject({ mark: 'point' });
    expect(readMoney('1.234.567')).toMatchObject({ value: 1234567, mark: 'comma' });
    expect(readMoney('48500')).not.toHaveProperty('mark');
  });

  it('reports "48,500" and "1.500" without a currency sign as ambiguous', () => {
    expect(readMoney('48,500')).toEqual({ kind: 'ambiguous', ifPoint: 48500, ifComma: 48.5 });
    expect(readMoney('1.500')).toEqual({ kind: 'ambiguous', ifPoint: 1.5, ifComma: 1500 });
  });

  it('reads an ambiguous value by the column mark once it is known', () => {
    expect(readMoney('48,500', 'point')).toMatchObject({ value: 48500 });
    expect(readMoney('48,500', 'comma')).toMatchObject({ value: 48.5 });
  });

  it('lets a currency sign settle three digits after one separator (no such currency has three decimals)', () => {
    expect(readMoney('48,500 €')).toMatchObject({ kind: 'number', value: 48500 });
    expect(readMoney('$1.500')).toMatchObject({ kind: 'number', value: 1500 });
  });

  const invalid = ['12abc', '1,2,3', 'abc', '48,', '$$48', '1,23,456', '1.234,56.7', '$48 €', '--5', '12 345 6'];
  for (const text of invalid) {
    it(`rejects "${text}" instead of guessing`, () => {
      expect(readMoney(text).kind).toBe('invalid');
    });
  }
});
