/**
 * Corrections the co-pilot remembers. A thumbs-down with a correction becomes a note stored with
 * its question; a later question with the same meaning recalls it (`CorrectionMemory`). Notes
 * persist in one document over a KeyValueStore and can be edited or retired (kept, not recalled).
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { KeyValueStore } from '../storage/kv.ts';

export interface CorrectionNote {
  id: string;
  /** The question the rep corrected the answer to. */
  question: string;
  /** The rep's correction, as written. */
  correction: string;
  /** The answer the rep rated bad (for context on the Feedback page). */
  answer?: string;
  /** The feedback record the note came from. */
  feedback_id?: string;
  created_at: string;
  updated_at: string;
  /** Retired notes are kept and listed but never recalled. */
  retired: boolean;
}

const noteSchema = z.object({
  id: z.string().min(1),
  question: z.string().trim().min(1),
  correction: z.string().trim().min(1),
  answer: z.string().optional(),
  feedback_id: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  retired: z.boolean(),
});
const docSchema = z.object({ version: z.number().int().min(0), notes: z.array(noteSchema) });

export type CorrectionsDoc = z.infer<typeof docSchema>;

/** Reads the stored document; anything unreadable is `storage-corrupt`, never a silent reset. */
export function readCorrectionsDoc(data: unknown): CorrectionsDoc {
  if (data === undefined || data === null) return { version: 0, notes: [] };
  const r = docSchema.safeParse(data);
  if (!r.success) throw new AppError('storage-corrupt', 'The saved notes could not be read.');
  return r.data;
}

/** What a thumbs-down with a correction contributes. */
export interface RatedCorrection {
  feedbackId?: string;
  question: string;
  answer?: string;
  /** The correction; empty (or a thumbs-up) retires the note of that rating. */
  correction: string;
  correct: boolean;
}

let counter = 0;
function newNoteId(): string {
  const c: { randomUUID?: () => string } | undefined = globalThis.crypto;
  return c?.randomUUID ? `n-${c.randomUUID().slice(0, 8)}` : `n-${Date.now().toString(36)}${(counter++).toString(36)}`;
}

/** Pure edits of the notes list, each returning a new list. */
export const notesEdit = {
  /** Adds or updates the note of a rating; a thumbs-up or an emptied correction retires it. */
  fromRating(notes: readonly CorrectionNote[], r: RatedCorrection, now: Date, makeId = newNoteId): CorrectionNote[] {
    const text = r.correction.trim();
    const at = r.feedbackId ? notes.findIndex((n) => n.feedback_id === r.feedbackId) : -1;
    const stamp = now.toISOString();
    if (r.correct || !text) {
      if (at < 0) return notes.slice();
      return notes.map((n, i) => (i === at ? { ...n, retired: true, updated_at: stamp } : n));
    }
    if (at >= 0) {
      return notes.map((n, i) =>
        i === at ? { ...n, question: r.question, correction: text, ...(r.answer ? { answer: r.answer } : {}), retired: false, updated_at: stamp } : n,
      );
    }
    const note: CorrectionNote = {
      id: makeId(),
      question: r.question.trim(),
      correction: text,
      ...(r.answer ? { answer: r.answer } : {}),
      ...(r.feedbackId ? { feedback_id: r.feedbackId } : {}),
      created_at: stamp,
      updated_at: stamp,
      retired: false,
    };
    return [...notes, note];
  },

  /** Rewrites a note's correction; an empty text is refused (retire the note instead). */
  edit(notes: readonly CorrectionNote[], id: string, correction: string, now: Date): CorrectionNote[] {
    const text = correction.trim();
    if (!text) throw new AppError('bad-feedback', 'A note cannot be empty: retire it instead.');
    return update(notes, id, (n) => ({ ...n, correction: text, updated_at: now.toISOString() }));
  },

  setRetired(notes: readonly CorrectionNote[], id: string, retired: boolean, now: Date): CorrectionNote[] {
    return update(notes, id, (n) => ({ ...n, retired, updated_at: now.toISOString() }));
  },
};

function update(notes: readonly CorrectionNote[], id: string, change: (n: CorrectionNote) => CorrectionNote): CorrectionNote[] {
  const at = notes.findIndex((n) => n.id === id);
  if (at < 0) throw new AppError('bad-feedback', 'That note no longer exists (changed in another tab?).');
  return notes.map((n, i) => (i === at ? change(n) : n));
}

/**
 * The notes document over a KeyValueStore: every change is a read-modify-write of the latest
 * stored document, so a caller holding a write lock never overwrites another tab's change.
 */
export class CorrectionNotebook {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly key = 'v2/corrections',
  ) {}

  async read(): Promise<CorrectionsDoc> {
    return readCorrectionsDoc(await this.kv.get<unknown>(this.key));
  }

  async list(): Promise<CorrectionNote[]> {
    return (await this.read()).notes;
  }

  /** Applies a pure edit to the stored notes and saves them; returns the new document. */
  async change(edit: (notes: readonly CorrectionNote[]) => CorrectionNote[]): Promise<CorrectionsDoc> {
    return this.kv.update({ keys: [this.key] }, (cur, batch) => {
      const current = readCorrectionsDoc(cur.get<unknown>(this.key));
      const doc: CorrectionsDoc = { version: current.version + 1, notes: edit(current.notes) };
      batch.set(this.key, doc);
      return doc;
    });
  }
}
