/**
 * Search across saved conversations: every word of the query must appear in the conversation's
 * title, questions or answers (case and accents ignored); each hit carries a short snippet from
 * the first question or answer that matches.
 */
import { stripCitations } from '../../core/citations.ts';

export interface SearchableTurn {
  id: string;
  question: string;
  answer: string;
}

export interface SearchableConversation {
  id: string;
  title: string;
  turns: SearchableTurn[];
}

export interface ConversationHit {
  id: string;
  title: string;
  /** Words around the first match, or the title when only the title matched. */
  snippet: string;
  /** The turn the snippet comes from. */
  turnId?: string;
}

/** Lower case without accents, so "cafe" finds "Café". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function snippetAround(text: string, at: number, width = 90): string {
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/** Conversations matching every word of `query`, in the order given (most recent first). */
export function searchConversations(conversations: SearchableConversation[], query: string): ConversationHit[] {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const hits: ConversationHit[] = [];
  for (const conv of conversations) {
    const texts = conv.turns.flatMap((t) => [
      { turnId: t.id, text: t.question.replace(/\s+/g, ' ') },
      {
        turnId: t.id,
        text: stripCitations(t.answer)
          .replace(/[*_`>#|]/g, '')
          .replace(/\s+/g, ' '),
      },
    ]);
    const all = fold([conv.title, ...texts.map((t) => t.text)].join('\n'));
    if (!terms.every((term) => all.includes(term))) continue;
    const first = texts.find((t) => fold(t.text).includes(terms[0]));
    hits.push(
      first
        ? { id: conv.id, title: conv.title, snippet: snippetAround(first.text, fold(first.text).indexOf(terms[0])), turnId: first.turnId }
        : { id: conv.id, title: conv.title, snippet: conv.title },
    );
  }
  return hits;
}
