/** Small word helpers shared by the question model: normalising, phrase search, keywords. */

/** Lower-case, strip accents and punctuation, collapse spaces: "Café Müller" → "cafe muller". */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9%$.&]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const bare = (s: string): string => normalize(s).replace(/[.$%]/g, ' ').replace(/\s+/g, ' ').trim();

/** Where `phrase` occurs in `text` on word boundaries (plural "s" allowed), after normalising both. */
export function findPhrase(text: string, phrase: string): boolean {
  const p = bare(phrase);
  if (!p) return false;
  const t = ` ${bare(text)} `;
  return t.includes(` ${p} `) || t.includes(` ${p}s `);
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The original words of `text` that match `phrase` (case-insensitive, accents ignored), or the phrase. */
export function wordsOf(text: string, phrase: string): string {
  const re = new RegExp(`\\b${escapeRegExp(phrase)}s?\\b`, 'i');
  return re.exec(text)?.[0] ?? phrase;
}

/** A crude stem for overlap scoring: "pricing", "prices", "price" → "pric". */
export function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s|e|ly)$/, '').slice(0, 5);
}

const STOP = new Set(
  (
    'the and for are can our with what who how much many does did has have had you your their them they ' +
    'this that these those from into about any all not but was were will would should could may might must ' +
    'give tell show list which when where why get got its his her him she use using per one out off than ' +
    'then there here been being also just over under more most some such only very i me my we us is it to of in on ' +
    'do a an as at be by if or so up client clients account accounts policy ok okay allowed'
  ).split(' '),
);

/** Words that carry meaning (no stop words), normalised. */
export function keywords(text: string): string[] {
  return normalize(text)
    .replace(/[.$%]/g, ' ')
    .split(' ')
    .filter((w) => w.length > 2 && !STOP.has(w));
}

/** Splits prose into sentences and list items (markdown bullets count as one each). */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine
      .replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '')
      .replace(/^#+\s*/, '')
      .trim();
    if (!line) continue;
    for (const s of line.split(/(?<=[.!?])\s+(?=[A-Z"(])/)) {
      const t = s.trim();
      if (t) out.push(t);
    }
  }
  return out;
}
