import { describe, expect, it } from 'vitest';
import { compactConversation, readConversation, readConversationList } from './conversation-records.ts';

const record = { question: 'Q?', answer: 'A.', tool_calls: [], contexts: [], citations: [], reflections: [], attempts: 1, ms: 3 };
const conv = { id: 'c', title: 'Q?', updatedAt: 'u', turns: [{ id: 't', question: 'Q?', answer: 'A.', status: 'running', step: 's', events: [], record }] };

describe('conversation records', () => {
  it('stores each answer once and reads it back whole; a running turn reads as cancelled', () => {
    const stored = compactConversation(conv) as typeof conv;
    expect(stored.turns[0].record).not.toHaveProperty('answer');
    const read = readConversation(JSON.parse(JSON.stringify(stored)));
    expect(read?.turns[0].record?.answer).toBe('A.');
    expect(read?.turns[0].status).toBe('cancelled');
  });

  it('drops a damaged conversation instead of showing it half-read', () => {
    expect(readConversation('garbage')).toBeNull();
    expect(readConversation({ ...conv, turns: [{ id: 't' }] })).toBeNull();
    expect(readConversation({ ...conv, turns: [{ ...conv.turns[0], record: { answer: 7 } }] })).toBeNull();
  });

  it('keeps the valid entries of a damaged list and says it was damaged', () => {
    expect(readConversationList(undefined)).toEqual({ list: [], damaged: false });
    expect(readConversationList({ not: 'a list' })).toEqual({ list: [], damaged: true });
    const ok = { id: 'a', title: 'A', updatedAt: 'u' };
    expect(readConversationList([ok, 42, ok])).toEqual({ list: [ok], damaged: true });
  });
});
