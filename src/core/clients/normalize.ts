/**
 * Name normalization shared by import (uniqueness), lookup, mentions and list search, so that
 * "CAFÉ MÜLLER gmbh", "Cafe Muller GmbH" and "café müller" all meet on the same key.
 */

/** Legal-form words dropped from the end of a name for matching ("Café Müller GmbH" → "cafe muller"). */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set(['gmbh', 'inc', 'llc', 'ltd', 'co', 'corp', 'plc', 'sa', 'ag']);

// Letters NFKD does not decompose into base letter + mark.
const FOLD: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const FOLD_RE = /[ßẞæœøłđðþı]/g;
const MARKS_RE = /\p{M}+/gu;
// Apostrophes and dots join their neighbours ("O'Brien" → "obrien", "S.A." → "sa").
const JOINERS_RE = /['’‘`´.]/g;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;

/** NFKD, strip diacritics, lowercase, ß→ss, drop apostrophes/punctuation, collapse spaces. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .toLowerCase()
    .replace(FOLD_RE, (ch) => FOLD[ch] ?? ch)
    .replace(JOINERS_RE, '')
    .replace(NON_WORD_RE, ' ')
    .trim();
}

/** Matching key: the normalized name without trailing legal suffixes (never emptied completely). */
export function matchKey(text: string): string {
  return stripSuffixes(normalizeName(text));
}

/** Drops trailing legal-suffix tokens from an already-normalized name. */
export function stripSuffixes(normalized: string): string {
  const tokens = normalized.split(' ');
  let end = tokens.length;
  while (end > 1 && LEGAL_SUFFIXES.has(tokens[end - 1])) end--;
  return tokens.slice(0, end).join(' ');
}
