import { describe, expect, it } from 'vitest';
import { searchConversations, type SearchableConversation } from './conversation-search.ts';

const convs: SearchableConversation[] = [
  {
    id: 'c1',
    title: 'Renewals this quarter',
    turns: [
      {
        id: 't1',
        question: 'Which Healthcare clients renew in the next 60 days?',
        answer: '**Two** clients renew: Nordwind Klinik [client: Nordwind Klinik] and Café Sole.',
      },
    ],
  },
  {
    id: 'c2',
    title: 'Pricing questions',
    turns: [{ id: 't2', question: 'Can I discuss 2027 prices?', answer: 'No. Quote the current rate card [doc: Rules.pdf p. 2].' }],
  },
];

describe('searchConversations', () => {
  it('finds words in answers, ignoring case, accents and citation markers', () => {
    expect(searchConversations(convs, 'cafe sole')).toEqual([
      { id: 'c1', title: 'Renewals this quarter', snippet: expect.stringContaining('Café Sole'), turnId: 't1' },
    ]);
    expect(searchConversations(convs, 'rules.pdf')).toEqual([]);
  });

  it('needs every word, and matches titles and questions too', () => {
    expect(searchConversations(convs, 'rate card').map((h) => h.id)).toEqual(['c2']);
    expect(searchConversations(convs, 'pricing').map((h) => h.snippet)).toEqual(['Pricing questions']);
    expect(searchConversations(convs, 'healthcare pricing')).toEqual([]);
    expect(searchConversations(convs, '   ')).toEqual([]);
  });
});
