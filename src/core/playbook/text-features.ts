/**
 * Shared text normalisation for the builtin embedder and the keyword index: lower-casing,
 * number clean-up ("$25,000" → "25000"), stop-words and a light suffix-stripping stemmer.
 */

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could did do does for from had has have how i if in into is it its ' +
    'me my no not of on or our ours so such than that the their them then there these they this those to too us was ' +
    'we were what when where which while who whom why will with would you your yours about any all also may must ' +
    'should shall each every other only more most very just one per'
  ).split(' '),
);

/** Light stemmer: plurals, -ing, -ed, -ation, -al, trailing -e. Keeps short words intact. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|us|is)$/.test(w)) {
    /* not a plural */
  } else if (/(sh|ch|x|s)es$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith('al') && w.length > 6) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  // Collapse a doubled final consonant left by -ing/-ed ("planned" → "plan").
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ss|ll)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Lower-cased word tokens with digit groups joined; no stemming or stop-word removal. */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/(\d),(?=\d{3})/g, '$1')
      .replace(/[\u2019']/g, "'")
      .match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []
  );
}

/** Content terms: words minus stop-words, stemmed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
}
