/** Small text helpers shared by the built-in agent: normalisation, sentences, money and dates. */

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

/** True when `phrase` occurs in `text` on word boundaries, after normalisation of both. */
export function containsPhrase(text: string, phrase: string): boolean {
  const t = ` ${normalize(text).replace(/[.$%]/g, ' ').replace(/\s+/g, ' ')} `;
  const p = normalize(phrase).replace(/[.$%]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!p) return false;
  return t.includes(` ${p} `) || t.includes(` ${p}s `);
}

/** Splits prose into sentences and list items (markdown bullets and table rows count as one each). */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').replace(/^#+\s*/, '').trim();
    if (!line) continue;
    for (const s of line.split(/(?<=[.!?])\s+(?=[A-Z"(])/)) {
      const t = s.trim();
      if (t) out.push(t);
    }
  }
  return out;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};

/** "3" or "three" → 3; undefined when neither. */
export function parseCount(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBER_WORDS[w];
}

/** Parses "$120,000", "$50k", "$1.2M" → number. */
export function parseMoney(text: string): number | undefined {
  const m = /\$\s?(\d[\d,]*(?:\.\d+)?)\s?([kKmM])?\b/.exec(text);
  if (!m) return undefined;
  const base = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(base)) return undefined;
  const mult = m[2] ? (m[2].toLowerCase() === 'k' ? 1_000 : 1_000_000) : 1;
  return base * mult;
}

/** Every money amount in a text, in order. */
export function allMoney(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\$\s?\d[\d,]*(?:\.\d+)?(?:\s?[kKmM]\b)?/g)) {
    const v = parseMoney(m[0]);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** Every percentage in a text ("15%", "15 percent"), in order. */
export function allPercents(text: string): number[] {
  return [...text.matchAll(/(\d+(?:\.\d+)?)\s?(?:%|percent\b)/gi)].map((m) => Number(m[1]));
}

/** 120000 → "$120,000" (cents only when present). */
export function formatMoney(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  const hasCents = Math.abs(rounded - Math.round(rounded)) > 1e-9;
  return `$${rounded.toLocaleString('en-US', {
    minimumFractionDigits: hasCents ? 2 : 0,
    maximumFractionDigits: hasCents ? 2 : 0,
  })}`;
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A crude stem for overlap scoring: "pricing", "prices", "price" → "pric". */
export function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s|e|ly)$/, '').slice(0, 5);
}

/** Words that carry meaning in a question (no stop words), normalised. */
export function keywords(text: string): string[] {
  return normalize(text)
    .replace(/[.$%]/g, ' ')
    .split(' ')
    .filter((w) => w.length > 2 && !STOP.has(w));
}

const STOP = new Set(
  (
    'the and for are can our with what who how much many does did has have had you your their them they ' +
    'this that these those from into about any all not but was were will would should could may might must ' +
    'give tell show list which when where why get got its his her him she use using per one out off than ' +
    'then there here been being also just over under more most some such only very i me my we us is it to of in on ' +
    'do a an as at be by if or so up client clients account accounts policy'
  ).split(' '),
);
