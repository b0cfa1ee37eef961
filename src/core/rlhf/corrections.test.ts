import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../storage/kv.ts';
import { CorrectionNotebook, notesEdit, readCorrectionsDoc } from './corrections.ts';

const t0 = new Date('2026-03-01T10:00:00Z');
const t1 = new Date('2026-03-02T10:00:00Z');
let n = 0;
const ids = () => `n-${++n}`;

describe('correction notes', () => {
  it('a thumbs-down with a correction adds a note; rating it again updates the same note', () => {
    const bad = {
      feedbackId: 'fb-1',
      question: 'How much has TechGiant spent?',
      answer: 'TechGiant spent $1.',
      correction: ' Use the YTD spend. ',
      correct: false,
    };
    const one = notesEdit.fromRating([], bad, t0, ids);
    expect(one).toEqual([
      {
        id: 'n-1',
        question: bad.question,
        correction: 'Use the YTD spend.',
        answer: bad.answer,
        feedback_id: 'fb-1',
        created_at: t0.toISOString(),
        updated_at: t0.toISOString(),
        retired: false,
      },
    ]);
    const again = notesEdit.fromRating(one, { ...bad, correction: 'Say $120,000 YTD.' }, t1, ids);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: 'n-1', correction: 'Say $120,000 YTD.', updated_at: t1.toISOString(), created_at: t0.toISOString() });
  });

  it('a thumbs-up, or emptying the correction, retires the note of that rating; no note without a correction', () => {
    const start = notesEdit.fromRating([], { feedbackId: 'fb-1', question: 'Q?', correction: 'C.', correct: false }, t0, ids);
    expect(notesEdit.fromRating(start, { feedbackId: 'fb-1', question: 'Q?', correction: 'C.', correct: true }, t1)[0].retired).toBe(true);
    expect(notesEdit.fromRating(start, { feedbackId: 'fb-1', question: 'Q?', correction: '  ', correct: false }, t1)[0].retired).toBe(true);
    expect(notesEdit.fromRating([], { feedbackId: 'fb-2', question: 'Q?', correction: '', correct: false }, t1)).toEqual([]);
  });

  it('edits, retires and restores; an empty edit is refused and an unknown id is reported', () => {
    const notes = notesEdit.fromRating([], { question: 'Q?', correction: 'C.', correct: false }, t0, () => 'n-x');
    expect(notesEdit.edit(notes, 'n-x', 'Better.', t1)[0].correction).toBe('Better.');
    expect(() => notesEdit.edit(notes, 'n-x', ' ', t1)).toThrow(expect.objectContaining({ code: 'bad-feedback' }));
    const retired = notesEdit.setRetired(notes, 'n-x', true, t1);
    expect(retired[0].retired).toBe(true);
    expect(notesEdit.setRetired(retired, 'n-x', false, t1)[0].retired).toBe(false);
    expect(() => notesEdit.setRetired(notes, 'gone', true, t1)).toThrow(expect.objectContaining({ code: 'bad-feedback' }));
  });

  it('persists through the key-value store and refuses a damaged document', async () => {
    const kv = new MemoryStore();
    const book = new CorrectionNotebook(kv);
    expect(await book.list()).toEqual([]);
    const doc = await book.change((ns) => notesEdit.fromRating(ns, { question: 'Q?', correction: 'C.', correct: false }, t0, () => 'n-1'));
    expect(doc.version).toBe(1);
    expect((await new CorrectionNotebook(kv).list())[0].id).toBe('n-1');
    await kv.set('v2/corrections', { version: 1, notes: [{ id: 'x' }] });
    await expect(book.list()).rejects.toMatchObject({ code: 'storage-corrupt' });
    expect(readCorrectionsDoc(undefined)).toEqual({ version: 0, notes: [] });
  });
});
