import { describe, expect, it } from 'vitest';
import { findPassage } from './find-passage.ts';

const items = [
  'Payment terms',
  'Standard terms are Net 30. Enter-',
  'prise clients may ask for Net 45',
  'with finance approval.',
  'Discounts',
  'Up to 10% needs a manager.',
];

describe('findPassage', () => {
  it('finds a passage that chunking joined across lines', () => {
    expect(findPassage(items, 'Standard terms are Net 30. Enterprise clients may ask for Net 45 with finance approval.')).toEqual({ first: 1, last: 3 });
  });

  it('finds a passage that starts mid-way and ignores case and punctuation', () => {
    expect(findPassage(items, 'UP TO 10% — needs a manager')).toEqual({ first: 5, last: 5 });
  });

  it('returns null when the passage is not on the page', () => {
    expect(findPassage(items, 'Renewals are handled by the customer success team.')).toBeNull();
    expect(findPassage([], 'anything')).toBeNull();
  });
});
