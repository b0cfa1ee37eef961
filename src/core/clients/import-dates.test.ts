import { describe, expect, it } from 'vitest';
import { describeIsoDate, readDate } from './import-dates.ts';

describe('readDate', () => {
  const dates: [string, string][] = [
    ['2027-03-04', '2027-03-04'],
    ['2027-03-04T00:00:00.000Z', '2027-03-04'],
    ['2027-03-04 23:30', '2027-03-04'],
    ['2027/3/4', '2027-03-04'],
    ['Mar 4, 2027', '2027-03-04'],
    ['March 4, 2027', '2027-03-04'],
    ['4 March 2027', '2027-03-04'],
    ['04-Mar-2027', '2027-03-04'],
    ['4-Mar-27', '2027-03-04'],
    ['13/04/2027', '2027-04-13'],
    ['04/13/2027', '2027-04-13'],
    ['13.04.2027', '2027-04-13'],
    ['4/13/2027 10:15 AM', '2027-04-13'],
    ['04/04/2027', '2027-04-04'],
  ];
  for (const [text, iso] of dates) {
    it(`reads "${text}" as ${iso}`, () => {
      expect(readDate(text)).toMatchObject({ kind: 'date', iso });
    });
  }

  it('says which order a value proves', () => {
    expect(readDate('13/04/2027')).toMatchObject({ order: 'dmy' });
    expect(readDate('04/13/2027')).toMatchObject({ order: 'mdy' });
  });

  it('reports 03/04/2027 as ambiguous, and reads it once the order is known', () => {
    expect(readDate('03/04/2027')).toEqual({ kind: 'ambiguous', mdy: '2027-03-04', dmy: '2027-04-03' });
    expect(readDate('03/04/2027', 'mdy')).toMatchObject({ iso: '2027-03-04' });
    expect(readDate('03/04/2027', 'dmy')).toMatchObject({ iso: '2027-04-03' });
  });

  const invalid = ['2027-02-30', '31/31/2027', '02/30/2027', 'next spring', '46447', '0027-01-01', '2027-13-01'];
  for (const text of invalid) {
    it(`rejects "${text}"`, () => {
      expect(readDate(text).kind).toBe('invalid');
    });
  }

  it('describes a date in words for the question to the rep', () => {
    expect(describeIsoDate('2027-04-03')).toBe('3 April 2027');
  });
});
