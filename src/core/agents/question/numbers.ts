/**
 * Numbers in a question, written as digits or words ("fifteen percent", "three years", "top
 * five", "60 days"). compromise reads number words; money amounts are read by `money.ts`.
 */
import nlp from 'compromise';
import type { Amounts } from './frame.ts';
import { parseMoney, smallCount } from './money.ts';

/** "3", "three", "twenty-one" → number; undefined when the word is not a number. */
export function parseCount(word: string | undefined): number | undefined {
  if (!word) return undefined;
  const w = word.trim().toLowerCase();
  const small = smallCount(w);
  if (small !== undefined) return small;
  const n = (nlp(w).numbers().get() as unknown[])[0];
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

const NUMBER_WORD =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen|half|quarter)\b/i;

/** Replaces number words with digits ("fifteen percent" → "15 percent", "top five" → "top 5"). */
export function digitize(text: string): string {
  if (!NUMBER_WORD.test(text)) return text;
  const doc = nlp(text);
  doc.numbers().toNumber();
  return doc.text();
}

/** The percentages, years, money and net-days a question states. */
export function amountsIn(text: string): Amounts {
  const t = digitize(text);
  const out: Amounts = {};
  const pct = /(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b|pct\b)/i.exec(t);
  if (pct) out.percent = Number(pct[1]);
  const years = /\b(\d+)[- ]years?\b|\b(\d+)[- ]year (?:deal|contract|commitment|term)\b/i.exec(t);
  if (years) out.years = Number(years[1] ?? years[2]);
  else if (/\bmulti-?year\b/i.test(t)) out.years = 2;
  const money = parseMoney(t);
  if (money !== undefined) out.money = money;
  const net = /\bnet\s?(\d+)\b|\b(\d+)[- ]day (?:payment )?terms\b|\bpay (?:in|within) (\d+) days\b/i.exec(t);
  if (net) out.netDays = Number(net[1] ?? net[2] ?? net[3]);
  return out;
}
