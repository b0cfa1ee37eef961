/**
 * Money amounts and percentages in text ("$120,000", "$50k", "$1.2M", "75 dollars", "15%"), and
 * small counts ("two", "3"): plain patterns with no language model, shared by the question reader
 * and the playbook rule parsers.
 */

const WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
  couple: 2,
  dozen: 12,
};

/** "3", "three" → number (digits and common count words only). */
export function smallCount(word: string): number | undefined {
  const w = word.trim().toLowerCase().replace(/^a /, '');
  if (/^\d+(?:\.\d+)?$/.test(w)) return Number(w);
  return WORDS[w];
}

const MONEY = /\$\s?(\d[\d,]*(?:\.\d+)?)\s?([kKmM]\b)?|\b(\d[\d,]*(?:\.\d+)?)\s?(k|thousand|m|million)?\s?(?:dollars|usd)\b/i;

/** "$120,000", "$50k", "$1.2M", "75 dollars" → number. */
export function parseMoney(text: string): number | undefined {
  const m = MONEY.exec(text);
  if (!m) return undefined;
  const base = Number((m[1] ?? m[3]).replace(/,/g, ''));
  if (!Number.isFinite(base)) return undefined;
  const unit = (m[2] ?? m[4] ?? '').toLowerCase();
  const mult = unit.startsWith('k') || unit === 'thousand' ? 1_000 : unit.startsWith('m') ? 1_000_000 : 1;
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
  const body = Math.abs(rounded).toLocaleString('en-US', { minimumFractionDigits: hasCents ? 2 : 0, maximumFractionDigits: hasCents ? 2 : 0 });
  return `${rounded < 0 ? '-' : ''}$${body}`;
}
