/**
 * Finds client names mentioned in a free-text question ("Compare RetailCo and GreenLeaf").
 *
 * Rules (conservative, so the agent never talks about a client the rep did not mean):
 * - Word n-grams of 4 down to 1 words are tried at each position; the longest accepted match
 *   wins and matched words are consumed (no overlaps). N-grams never cross , ; : . ! ? ( ).
 *   Exact/normalized names are claimed in a first pass over the whole text, prefix/fuzzy after.
 * - An exact or normalized name match is accepted anywhere, in any case ("techgiant").
 * - A unique whole-word prefix ("GreenLeaf" → GreenLeaf Grocers) or a fuzzy match needs the
 *   span to look like a name: its first word has an inner capital (RetailCo) or is capitalised
 *   and not at the start of a sentence. Lower-case fuzzy spans are accepted only when long
 *   (≥ 7 letters) and very close (≥ 0.85). Spans starting or ending with a stop word are never
 *   prefix/fuzzy matched.
 * - Only the first MAX_TEXT characters are scanned.
 * - A not-found result is reported only for capitalised words right after "client",
 *   "customer", "account" or "about" ("tell me about Acme Widgets").
 */
import type { IndexMatch, NameIndex } from './name-index.ts';
import { normalizeName } from './normalize.ts';

export interface MentionMatch {
  /** The words as written in the text. */
  query: string;
  start: number;
  end: number;
  match: IndexMatch;
}

interface Word {
  text: string;
  norm: string;
  start: number;
  end: number;
  nameLike: boolean;
  capitalised: boolean;
  stop: boolean;
  /** Punctuation between this word and the next ends any n-gram. */
  breakAfter: boolean;
}

const MAX_WORDS = 4;
/** Only the start of very long texts is scanned (a question, not a document). */
export const MAX_TEXT = 10_000;
const WORD_RE = /[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*/gu;
const BREAK_RE = /[,;:.!?()[\]{}"\n]/;
const TRIGGERS = new Set(['client', 'customer', 'account', 'about']);
const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from into about as is are was were be been am do does did ' +
    'i me my we our you your he she it its they them their this that these those what which who whom how why when ' +
    'where should would could can will shall may might must have has had not no yes please tell show give get ' +
    'compare between vs versus than then there here any all some more most less also just meeting call pitch ' +
    'client clients customer customers account accounts today tomorrow yesterday next last week month year'
  ).split(' '),
);

function tokenize(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index ?? 0;
    const raw = m[0].replace(/['’]s$/i, '');
    const before = text.slice(0, start).trimEnd();
    const sentenceStart = before === '' || /[.!?:\n]$/.test(before);
    const first = raw.charAt(0);
    const capitalised = first !== first.toLowerCase() && first === first.toUpperCase();
    const innerCap = /\p{Lu}/u.test(raw.slice(1)) && /\p{Ll}/u.test(raw);
    const norm = normalizeName(raw);
    if (norm === '') continue;
    if (words.length > 0) {
      const prev = words[words.length - 1];
      prev.breakAfter = BREAK_RE.test(text.slice(prev.end, start));
    }
    words.push({
      text: raw,
      norm,
      start,
      end: start + raw.length,
      nameLike: innerCap || (capitalised && !sentenceStart),
      capitalised,
      stop: STOP_WORDS.has(norm),
      breakAfter: false,
    });
  }
  return words;
}

/** Cheap pre-check so pass 2 only runs fuzzy lookups on spans `accept` could take. */
function couldAcceptLoose(span: Word[], key: string): boolean {
  if (span[0].stop || span[span.length - 1].stop) return false;
  return span[0].nameLike || key.replaceAll(' ', '').length >= 7;
}

function accept(match: IndexMatch, span: Word[], key: string): boolean {
  if (match.kind !== 'found') return false;
  if (match.match === 'exact' || match.match === 'normalized') return true;
  if (span[0].stop || span[span.length - 1].stop) return false;
  const letters = key.replaceAll(' ', '').length;
  if (match.match === 'prefix') return span[0].nameLike;
  if (span[0].nameLike && letters >= 5) return true;
  return letters >= 7 && match.score >= 0.85;
}

/** Client mentions in text order, each a found match or (after a trigger word) a not-found. */
export function findMentionMatches(index: NameIndex, text: string): MentionMatch[] {
  const words = tokenize(text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);
  const consumed = new Array<boolean>(words.length).fill(false);
  const out: MentionMatch[] = [];
  const seen = new Set<number>();
  // Pass 1 claims exact/normalized names everywhere; pass 2 tries prefix/fuzzy on what is left,
  // so a fuzzy span can never swallow a word that belongs to an exactly named client.
  for (const exactOnly of [true, false]) {
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1; n--) {
        const span = words.slice(i, i + n);
        if (consumed.slice(i, i + n).some(Boolean)) continue;
        if (span.slice(0, -1).some((w) => w.breakAfter)) continue;
        if (n === 1 && span[0].stop && !span[0].nameLike) continue;
        const key = span.map((w) => w.norm).join(' ');
        if (!exactOnly && !couldAcceptLoose(span, key)) continue;
        const written = text.slice(span[0].start, span[n - 1].end);
        // Raw lookup first so a name typed exactly as stored reports match 'exact'.
        const raw = index.lookup(written, { prefix: false, fuzzy: false });
        const best = raw.kind === 'found' ? raw : index.lookup(key, { prefix: !exactOnly, fuzzy: !exactOnly });
        if (!accept(best, span, key)) continue;
        for (let k = i; k < i + n; k++) consumed[k] = true;
        if (best.kind === 'found' && !seen.has(best.id)) {
          seen.add(best.id);
          out.push({ query: written, start: span[0].start, end: span[n - 1].end, match: best });
        }
        i += n - 1;
        break;
      }
    }
  }
  for (let i = 0; i < words.length - 1; i++) {
    if (!TRIGGERS.has(words[i].norm) || words[i].breakAfter) continue;
    const span: Word[] = [];
    for (let k = i + 1; k < words.length && span.length < MAX_WORDS; k++) {
      const w = words[k];
      if (consumed[k] || !w.capitalised || w.stop || /\d/.test(w.text)) break;
      span.push(w);
      if (w.breakAfter) break;
    }
    if (span.length === 0) continue;
    const query = text.slice(span[0].start, span[span.length - 1].end);
    const match = index.lookup(query);
    if (match.kind === 'found' && seen.has(match.id)) continue;
    if (match.kind === 'found') seen.add(match.id);
    out.push({ query, start: span[0].start, end: span[span.length - 1].end, match });
  }
  return out.sort((a, b) => a.start - b.start);
}
