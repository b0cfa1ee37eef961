/**
 * One citation model for every answer, whoever wrote it. An answer cites its sources with inline
 * markers in a single format — `[client: TechGiant]`, `[doc: playbook.pdf p. 4]`, `[note: n-12]` —
 * that the built-in composer writes, the LLM prompt asks for, the reviewer and the evaluation
 * parse, and the UI turns into numbered links with one list of sources below the answer.
 */

export type CitationKind = 'client' | 'playbook' | 'note';

export interface Citation {
  kind: CitationKind;
  /** Client name, playbook document name, or "Your note". */
  source: string;
  /** Playbook page (1-based). */
  page?: number;
  heading?: string;
  /** Client id in the book, when known: opens the client's page. */
  clientId?: number;
  /** Playbook document id, when known: opens the document at `page`. */
  docId?: string;
  /** The passage text (or the sentence used), for highlighting in the document viewer. */
  quote?: string;
  /** Id of a rep's remembered correction. */
  noteId?: string;
}

/** A citation marker found in answer text. */
export interface CitationMarker {
  kind: CitationKind;
  /** Client name, document name or note id as written in the marker. */
  ref: string;
  page?: number;
  /** Offsets of the whole marker in the text. */
  start: number;
  end: number;
}

const clean = (s: string): string =>
  s
    .replace(/[[\]\n]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The inline marker for a citation. */
export function formatCitation(c: Pick<Citation, 'kind' | 'source' | 'page' | 'noteId'>): string {
  if (c.kind === 'client') return `[client: ${clean(c.source)}]`;
  if (c.kind === 'note') return `[note: ${clean(c.noteId ?? c.source)}]`;
  return `[doc: ${clean(c.source)}${c.page ? ` p. ${c.page}` : ''}]`;
}

const MARKER = /\[(client|doc|note):\s*([^\]\n]+?)\s*\]/gi;

/** Every citation marker in a text, in order. */
export function parseCitations(text: string): CitationMarker[] {
  const out: CitationMarker[] = [];
  for (const m of text.matchAll(MARKER)) {
    const tag = m[1].toLowerCase();
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (tag === 'doc') {
      const pm = /^(.*?)(?:,?\s+(?:p\.|page)\s*(\d+))?$/i.exec(m[2]);
      out.push({ kind: 'playbook', ref: (pm?.[1] ?? m[2]).trim(), page: pm?.[2] ? Number(pm[2]) : undefined, start, end });
    } else {
      out.push({ kind: tag === 'client' ? 'client' : 'note', ref: m[2].trim(), start, end });
    }
  }
  return out;
}

/** The text with every citation marker removed (for metrics and plain-text copies). */
export function stripCitations(text: string): string {
  return text
    .replace(MARKER, '')
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ');
}

/** True when a marker refers to this citation. */
export function markerMatches(m: CitationMarker, c: Citation): boolean {
  if (m.kind !== c.kind) return false;
  if (c.kind === 'note') return m.ref === (c.noteId ?? c.source);
  // Markers carry the cleaned name (brackets and newlines become spaces): compare like with like.
  if (clean(m.ref).toLowerCase() !== clean(c.source).toLowerCase()) return false;
  return c.kind !== 'playbook' || m.page === undefined || m.page === c.page;
}

/** Identity of a citation, for de-duplication. */
export function citationKey(c: Citation): string {
  return `${c.kind}|${c.source}|${c.page ?? ''}|${c.noteId ?? ''}`;
}

/** Removes duplicate citations, keeping first-seen order. */
export function dedupeCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = citationKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The sources an answer used, numbered by first appearance: each marker is matched to the
 * available citations (the tool results'); markers that match nothing are returned separately
 * (the reviewer fails an answer citing a source it was never given).
 */
export function usedCitations(text: string, available: Citation[]): { used: Citation[]; unmatched: CitationMarker[] } {
  const used: Citation[] = [];
  const unmatched: CitationMarker[] = [];
  for (const m of parseCitations(text)) {
    const hit =
      available.find((c) => markerMatches(m, c)) ?? (m.kind === 'playbook' ? available.find((c) => markerMatches({ ...m, page: undefined }, c)) : undefined);
    if (!hit) unmatched.push(m);
    else if (!used.some((u) => citationKey(u) === citationKey(hit))) used.push(hit);
  }
  return { used, unmatched };
}

/** Number (1-based) of the source each marker points to, for rendering `[1]`, `[2]`… in place. */
export function numberMarkers(text: string, used: Citation[]): { marker: CitationMarker; n: number }[] {
  return parseCitations(text).flatMap((m) => {
    const i =
      used.findIndex((c) => markerMatches(m, c)) >= 0
        ? used.findIndex((c) => markerMatches(m, c))
        : used.findIndex((c) => markerMatches({ ...m, page: undefined }, c));
    return i >= 0 ? [{ marker: m, n: i + 1 }] : [];
  });
}
