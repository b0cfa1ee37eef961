/**
 * The rep's remembered corrections: a thumbs-down with a correction becomes a note (through the
 * one persistence module's locked, announced writes), the Feedback page lists, edits and
 * retires them, and `memory` is the `CorrectionMemory` the co-pilot recalls them through.
 */
import type { CorrectionMemory } from '../../core/agents/types.ts';
import { toAppError } from '../../core/errors.ts';
import { BuiltinEmbedder } from '../../core/playbook/builtin-embedder.ts';
import { EmbeddingCorrectionMemory } from '../../core/rlhf/correction-memory.ts';
import { SentenceEmbedder, recallEmbedder } from '../../core/rlhf/recall-embedder.ts';
import { CorrectionNotebook, notesEdit, type CorrectionNote, type RatedCorrection } from '../../core/rlhf/corrections.ts';
import { storageReady } from '../storage/migrate.ts';
import { KEYS, kvStore } from '../storage/persistence.ts';
import { onRemoteChange } from '../storage/tabs.ts';
import { workspace } from './workspace.svelte.ts';

export type { CorrectionNote };

/** Client names a text mentions, through the client book's typo-tolerant lookup. */
async function clientNames(text: string): Promise<string[]> {
  if (workspace.status !== 'ready') return [];
  const found = await workspace.clients.findMentions(text);
  return found.flatMap((r) => (r.status === 'found' ? [r.client.name] : []));
}

export class CorrectionsState {
  notes = $state.raw<CorrectionNote[]>([]);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  readonly #book = new CorrectionNotebook(kvStore('feedback'), KEYS.corrections);
  #loading: Promise<void> | null = null;

  /**
   * What the co-pilot recalls notes through: keywords plus word meaning (computed in the playbook
   * worker, where the word vectors live), or keywords alone if word meaning cannot be used.
   */
  readonly memory: CorrectionMemory = new EmbeddingCorrectionMemory({
    embedder: recallEmbedder(new BuiltinEmbedder(), new SentenceEmbedder({ embedSentence: (text) => workspace.playbook.embedSentence(text) })),
    fallback: new BuiltinEmbedder(),
    notes: async () => {
      await this.load();
      return this.notes;
    },
    names: clientNames,
  });

  /** Active notes first (newest first), then retired ones. */
  readonly ordered = $derived([...this.notes].sort((a, b) => +a.retired - +b.retired || b.updated_at.localeCompare(a.updated_at)));

  load(): Promise<void> {
    this.#loading ??= storageReady()
      .then(() => this.#reload())
      .then(() => {
        onRemoteChange(() => void this.#reload(), ['feedback', 'workspace']);
      });
    return this.#loading;
  }

  async #reload(): Promise<void> {
    try {
      this.notes = await this.#book.list();
      this.loadError = null;
    } catch (err) {
      this.loadError = toAppError(err).message;
    } finally {
      this.loaded = true;
    }
  }

  /** Applies an edit to the latest stored notes (one locked write, announced to other tabs). */
  async #change(edit: (notes: readonly CorrectionNote[]) => CorrectionNote[]): Promise<void> {
    await this.load();
    const doc = await this.#book.change(edit);
    this.notes = doc.notes;
    this.loadError = null;
  }

  /** Keeps the note of a rating in step with it: a thumbs-down with a correction is remembered. */
  fromRating(r: RatedCorrection): Promise<void> {
    return this.#change((ns) => notesEdit.fromRating(ns, r, new Date()));
  }

  edit(id: string, correction: string): Promise<void> {
    return this.#change((ns) => notesEdit.edit(ns, id, correction, new Date()));
  }

  /** Retired notes are kept (and can be restored) but never recalled. */
  setRetired(id: string, retired: boolean): Promise<void> {
    return this.#change((ns) => notesEdit.setRetired(ns, id, retired, new Date()));
  }
}

export const corrections = new CorrectionsState();
