import { describe, expect, it } from 'vitest';
import { formatWhen, fullWhen } from './when.ts';

const now = new Date(2026, 11, 3, 16, 30);
const at = (d: number, h: number, m: number, y = 2026, mo = 11) => new Date(y, mo, d, h, m).toISOString();

describe('formatWhen', () => {
  it('shows the time today, "Yesterday", the day this year, the date before', () => {
    expect(formatWhen(at(3, 9, 5), now, 'en-GB')).toBe('09:05');
    expect(formatWhen(at(2, 23, 59), now, 'en-GB')).toBe('Yesterday 23:59');
    expect(formatWhen(at(14, 8, 0, 2026, 2), now, 'en-GB')).toBe('14 Mar, 08:00');
    expect(formatWhen(at(14, 8, 0, 2025, 2), now, 'en-GB')).toBe('14 Mar 2025');
  });

  it('is empty for missing or broken times', () => {
    expect(formatWhen(undefined, now)).toBe('');
    expect(formatWhen('not a date', now)).toBe('');
    expect(fullWhen('nope')).toBe('');
  });
});
