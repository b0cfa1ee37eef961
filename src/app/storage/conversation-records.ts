/**
 * Conversations as stored: validated on load (a damaged one is dropped, a damaged list is rebuilt
 * from the conversations themselves), and compacted on save so each answer is kept once.
 */
import type { AnswerRecord } from '../../core/agents/types.ts';
import type { Conversation, ConversationMeta } from '../state/conversations.svelte.ts';
import { conversationMetaSchema, conversationSchema } from './records.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored form: an answer record's question and answer are left out when they equal the turn's. */
export function compactConversation(value: unknown): unknown {
  if (!isObj(value) || !Array.isArray(value.turns)) return value;
  return {
    ...value,
    turns: value.turns.map((t: unknown) => {
      if (!isObj(t) || !isObj(t.record)) return t;
      const { question, answer, ...rest } = t.record;
      return {
        ...t,
        record: { ...rest, ...(question !== t.question ? { question } : {}), ...(answer !== t.answer ? { answer } : {}) },
      };
    }),
  };
}

/** A stored conversation, checked and expanded; null when it cannot be shown safely. */
export function readConversation(value: unknown): Conversation | null {
  const parsed = conversationSchema.safeParse(value);
  if (!parsed.success) return null;
  const conv = parsed.data;
  return {
    id: conv.id,
    title: conv.title,
    updatedAt: conv.updatedAt,
    turns: conv.turns.map((t) => ({
      ...t,
      // An answer interrupted by a reload cannot resume mid-stream.
      status: t.status === 'running' ? 'cancelled' : t.status,
      events: t.events as Conversation['turns'][number]['events'],
      // Validated above for what the chat shows; the rest of the record passes through as saved.
      record: t.record
        ? ({ ...t.record, question: t.record.question ?? t.question, answer: t.record.answer ?? t.answer } as unknown as AnswerRecord)
        : undefined,
    })),
  };
}

/** The conversation list: valid entries, and whether anything in it had to be dropped. */
export function readConversationList(value: unknown): { list: ConversationMeta[]; damaged: boolean } {
  if (value === undefined) return { list: [], damaged: false };
  if (!Array.isArray(value)) return { list: [], damaged: true };
  const list: ConversationMeta[] = [];
  for (const item of value) {
    const parsed = conversationMetaSchema.safeParse(item);
    if (parsed.success && !list.some((c) => c.id === parsed.data.id)) list.push(parsed.data);
  }
  return { list, damaged: list.length !== value.length };
}

/** Newest first. */
export function sortConversations(list: ConversationMeta[]): ConversationMeta[] {
  return [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
