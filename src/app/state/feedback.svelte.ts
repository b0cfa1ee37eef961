/**
 * The rep's feedback (thumbs up/down with corrections) in the `rlhf.json` format: loaded lazily
 * from IndexedDB, every write is a read-modify-write under the cross-tab lock, announced to
 * other tabs, and reloaded when another tab changes it.
 */
import { AppError, toAppError } from '../../core/errors.ts';
import { exportFeedback, parseFeedbackText, type FeedbackRecord } from '../../core/rlhf/records.ts';
import { exportTrl } from '../../core/rlhf/export-trl.ts';
import {
  ensureIds,
  findFeedback,
  mergeById,
  patchRecord,
  readFeedbackDoc,
  type FeedbackDoc,
  type FeedbackPatch,
  type MergeReport,
} from '../components/feedback/feedback-model.ts';
import { storageReady } from '../storage/migrate.ts';
import { KEYS, read, write } from '../storage/persistence.ts';
import { onRemoteChange } from '../storage/tabs.ts';

export type { FeedbackPatch, MergeReport };

/** A file the page offers for download. */
export interface DownloadFile {
  name: string;
  type: string;
  text: string;
}

export class FeedbackStore {
  records = $state.raw<FeedbackRecord[]>([]);
  loaded = $state(false);
  /** Set when loading fails (e.g. storage blocked); writes still report their own errors. */
  loadError = $state<string | null>(null);
  #version = 0;
  #loading: Promise<void> | null = null;
  #unsubscribe: (() => void) | null = null;

  /** Loads once; later calls return the same promise. Safe to call from a template (no sync writes). */
  load(): Promise<void> {
    this.#loading ??= storageReady()
      .then(() => this.#reload())
      .then(() => {
        this.#unsubscribe ??= onRemoteChange(() => void this.#reload(), ['feedback', 'workspace']);
      });
    return this.#loading;
  }

  async #reload(): Promise<void> {
    try {
      const doc = readFeedbackDoc(await read<unknown>(KEYS.feedback));
      this.#version = doc.version;
      this.records = doc.records;
      this.loadError = null;
    } catch (err) {
      this.loadError = toAppError(err).message;
    } finally {
      this.loaded = true;
    }
  }

  /**
   * Applies `change` to the latest stored records under the write lock, saves, then publishes.
   * Reading inside the lock means a write from another tab is never overwritten.
   */
  async #write<T>(change: (records: FeedbackRecord[]) => { records: FeedbackRecord[]; result: T }): Promise<T> {
    await this.load();
    const { doc, result } = await write('feedback', { keys: [KEYS.feedback] }, (cur, batch) => {
      const current = readFeedbackDoc(cur.get(KEYS.feedback));
      const changed = change(current.records);
      const next: FeedbackDoc = { version: Math.max(current.version, this.#version) + 1, records: changed.records };
      batch.set(KEYS.feedback, next);
      return { doc: next, result: changed.result };
    });
    this.#version = doc.version;
    this.records = doc.records;
    this.loadError = null;
    return result;
  }

  /** Adds one record (an id is assigned when missing); returns the stored record. */
  add(record: FeedbackRecord): Promise<FeedbackRecord> {
    const [withId] = ensureIds([record]);
    return this.#write((rs) => ({ records: mergeById(rs, [withId]).records, result: withId }));
  }

  /** Edits correctness and/or correction of one record. */
  update(id: string, patch: FeedbackPatch): Promise<void> {
    return this.#write((rs) => ({ records: patchRecord(rs, id, patch), result: undefined }));
  }

  remove(id: string): Promise<void> {
    return this.#write((rs) => ({ records: rs.filter((r) => r.id !== id), result: undefined }));
  }

  /**
   * Imports a feedback file (a JSON array or `{examples: [...]}`), all-or-nothing: the whole file
   * is validated first and a bad item throws `bad-feedback` naming the item and field.
   */
  async importText(text: string): Promise<MergeReport> {
    const incoming = parseFeedbackText(text);
    if (incoming.length === 0) throw new AppError('bad-feedback', 'The feedback file has no records.');
    return this.#write((rs) => {
      const { records, report } = mergeById(rs, incoming);
      return { records, result: report };
    });
  }

  /** The records as `feedback.json`, in the same format the import accepts. */
  exportJson(): DownloadFile {
    return { name: 'feedback.json', type: 'application/json', text: exportFeedback(this.records) };
  }

  /** Preference pairs (reward/DPO) and unpaired labels (KTO) as two JSONL files for TRL. */
  exportTrl(): DownloadFile[] {
    return Object.entries(exportTrl(this.records)).map(([name, text]) => ({ name, type: 'application/jsonl', text }));
  }

  /** A rating given earlier to this exact answer (starts loading on first use). */
  feedbackFor(question: string, answer: string): FeedbackRecord | undefined {
    if (!this.loaded) void this.load();
    return findFeedback(this.records, question, answer);
  }
}

export const feedback = new FeedbackStore();
