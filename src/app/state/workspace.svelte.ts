/**
 * The rep's workspace: the client database and the playbook index (each in its own worker),
 * loaded from IndexedDB (checksums and integrity checked, backup copy as fallback) or seeded with
 * the demo data, saved after every change through the one write path (storage/persistence.ts).
 */
import type { ImportFormat, ImportMode, ImportReport } from '../../core/clients/types.ts';
import type { ClientImporter, ImportChoices, ImportDraft, ImportProgressCallback } from '../../core/clients/import-types.ts';
import type { PlaybookDocument, PlaybookStats, ProgressCallback } from '../../core/playbook/types.ts';
import type { EmbedderRequest, EmbedderStatus } from '../../core/playbook/host.ts';
import type { ClientStoreWorker } from '../../../workers/clients.ts';
import type { PlaybookWorker } from '../../../workers/playbook.ts';
import type { AddPdfOptions } from '../../core/playbook/library.ts';
import type { EmbedderSettings } from './settings.svelte.ts';
import { AppError, toAppError } from '../../core/errors.ts';
import { storageReady } from '../storage/migrate.ts';
import { KEYS, read, type WorkspaceMeta } from '../storage/persistence.ts';
import { onRemoteChange, withWriteLock, type HeldLock } from '../storage/tabs.ts';
import { deletePdf, loadPdf, savePdf } from '../storage/pdf-store.ts';
import {
  CLIENTS_BLOB,
  PLAYBOOK_BLOB,
  clearWorkspace,
  commitImport,
  exportStoredWorkspace,
  persistWorkspace,
  restoreBlob,
  rescueStoredWorkspace,
  stageWorkspaceFile,
} from '../storage/workspace-store.ts';
import demoClientsUrl from '../../../data/clients.json?url';
import demoPlaybookUrl from '../../../data/playbook.pdf?url';

export type BootStatus = 'booting' | 'ready' | 'error';

/** A removed playbook document and its passages and vectors, kept in memory while Undo is offered. */
export interface RemovedDocument {
  document: PlaybookDocument;
  saved: Uint8Array;
  /** The original PDF, for the document viewer (absent when it was not kept). */
  pdf?: Uint8Array;
}

/** Files bigger than this are refused before any parsing. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** A message for the next page load (e.g. after a workspace import reloads the page). */
const NEXT_LOAD_NOTICE = 'crm-copilot.notice';

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new AppError('internal', `Could not load the demo data (${res.status}).`);
  return new Uint8Array(await res.arrayBuffer());
}

export class Workspace {
  status = $state<BootStatus>('booting');
  bootStep = $state('Starting…');
  bootError = $state<string | null>(null);
  /** Something the user should know about data (restored from backup, reloaded from another tab). */
  notice = $state<string | null>(null);
  clientCount = $state(0);
  documents = $state.raw<PlaybookDocument[]>([]);
  stats = $state.raw<PlaybookStats | null>(null);
  /** Bumped whenever data changes, so views can refetch. */
  revision = $state(0);

  #clients: ClientStoreWorker | null = null;
  #playbook: PlaybookWorker | null = null;
  #version = 0;
  /** SHA-256 of the client book as last saved or loaded here: tells whether it changed since an import. */
  #book = '';
  #listeners = new Set<() => void>();

  get clients(): ClientStoreWorker {
    if (!this.#clients) throw new AppError('internal', 'The client database is still loading.');
    return this.#clients;
  }

  /** The client worker's import pipeline (prepare → review → apply). */
  get importer(): ClientImporter {
    if (!this.#clients) throw new AppError('internal', 'The client database is still loading.');
    return this.#clients;
  }

  /** Version of the saved workspace this tab holds (changes with every write, here or in another tab). */
  get dataVersion(): number {
    return this.#version;
  }

  get playbook(): PlaybookWorker {
    if (!this.#playbook) throw new AppError('internal', 'The playbook is still loading.');
    return this.#playbook;
  }

  /** Called after every data change (e.g. to invalidate tool caches). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Starts both workers, then loads (or seeds) clients and playbook side by side. The workspace
   * is 'ready' as soon as clients and keyword search answer; on a first run the playbook's
   * vectors and the save to IndexedDB finish afterwards (still under the write lock).
   */
  async boot(): Promise<void> {
    try {
      this.bootStep = 'Starting the client database and playbook index…';
      // Each store starts its worker and loads on its own: neither waits for the other's startup.
      const clients = import('../../../workers/clients.ts').then(async (m) => (this.#clients = await m.createClientStoreWorker()));
      const playbook = import('../../../workers/playbook.ts').then(async (m) => (this.#playbook = await m.createPlaybookWorker()));
      // Failures surface through #loadOrSeed; this only keeps an early lock failure from leaving them unobserved.
      for (const started of [clients, playbook]) started.catch(() => undefined);
      this.bootStep = 'Checking saved data…';
      await storageReady();
      await withWriteLock((lock) => this.#loadOrSeed(lock, clients, playbook));
    } catch (err) {
      if (this.status === 'ready') {
        // Data is usable in memory; only the background part (vectors or saving) failed.
        this.notice = `The workspace could not be saved: ${toAppError(err).message}`;
        return;
      }
      this.bootError = toAppError(err).message;
      this.status = 'error';
    }
  }

  async #loadOrSeed(lock: HeldLock, clientsStarted: Promise<unknown>, playbookStarted: Promise<unknown>): Promise<void> {
    const meta = await read<WorkspaceMeta>(KEYS.meta).catch(() => undefined);
    const lost: string[] = [];
    // Separate workers: loading or seeding one does not wait for the other.
    const [clientsSeeded, playbookSeeded] = await Promise.all([
      clientsStarted.then(() => this.#loadOrSeedClients(lost)),
      playbookStarted.then(() => this.#loadOrSeedPlaybook(lost)),
    ]);
    this.#version = meta?.version ?? 0;
    const carried = sessionStorage.getItem(NEXT_LOAD_NOTICE);
    sessionStorage.removeItem(NEXT_LOAD_NOTICE);
    if (lost.length) this.notice = `Some saved data could not be read and was rebuilt: ${lost.join('; ')}.`;
    else if (carried) this.notice = carried;
    await this.#refresh();
    this.#markReady();
    if (playbookSeeded) {
      // Never save a half-built index: wait for the background vectors (rejects if rolled back).
      await this.playbook.whenVectorsReady();
      await this.#refresh();
    }
    if (clientsSeeded || playbookSeeded || lost.length) await this.#persist('workspace', lock);
  }

  /** Interactive from here on: clients and playbook search answer. */
  #markReady(): void {
    if (this.status === 'ready') return;
    onRemoteChange(() => void this.#reloadFromStorage('Another tab changed the workspace; this tab reloaded it.'), ['clients', 'playbook', 'workspace']);
    this.status = 'ready';
  }

  /** Restores the client database or imports the demo client book; true when seeded. */
  async #loadOrSeedClients(lost: string[]): Promise<boolean> {
    this.bootStep = 'Loading clients…';
    const outcome = await restoreBlob(CLIENTS_BLOB, (bytes) => this.clients.loadBytes(bytes));
    if (outcome.restored === 'backup') lost.push('the client database was restored from its backup copy (the main copy was damaged; nothing was lost)');
    if (outcome.restored) {
      this.#book = outcome.sha256;
      return false;
    }
    if (outcome.damaged.length) {
      lost.push(
        `the saved client database was damaged in every copy (${outcome.damaged[0]}), so your client records were lost: the demo client book was loaded instead — import your last exported workspace file in Settings to get them back`,
      );
    }
    this.bootStep = 'Loading the demo client book…';
    const text = new TextDecoder().decode(await fetchBytes(demoClientsUrl));
    await this.clients.importText(text, 'json', 'replace');
    return true;
  }

  /**
   * Restores the playbook snapshot (no re-embedding) or indexes the demo playbook; true when
   * seeded. Seeding resolves once keyword search works; vectors are built in the background.
   */
  async #loadOrSeedPlaybook(lost: string[]): Promise<boolean> {
    this.bootStep = 'Loading the playbook index…';
    const outcome = await restoreBlob(PLAYBOOK_BLOB, (bytes) => this.playbook.loadSnapshot(bytes));
    if (outcome.restored === 'backup') lost.push('the playbook index was restored from its backup copy (the main copy was damaged; nothing was lost)');
    if (outcome.restored) return false;
    if (outcome.damaged.length) {
      lost.push(
        `the saved playbook index was damaged in every copy (${outcome.damaged[0]}): the demo playbook was indexed again, and documents you had imported must be imported again`,
      );
    }
    this.bootStep = 'Indexing the demo playbook…';
    // Load pdf.js in the worker while the PDF is fetched.
    const [bytes] = await Promise.all([fetchBytes(demoPlaybookUrl), this.playbook.warmUp()]);
    const doc = await this.playbook.addPdf('Sales Playbook.pdf', bytes, undefined, { background: true });
    // The original PDF is kept for the document viewer; losing it only costs the page image.
    await savePdf(doc.id, bytes).catch(() => undefined);
    return true;
  }

  async #refresh(): Promise<void> {
    const [count, docs, stats] = await Promise.all([this.clients.count(), this.playbook.listDocuments(), this.playbook.stats()]);
    this.clientCount = count;
    this.documents = docs;
    this.stats = stats;
    this.revision++;
    for (const listener of this.#listeners) listener();
  }

  /**
   * Saves both stores (checksummed, main and backup) in one transaction and tells other tabs. The
   * database is sealed in its worker (checksum and Blob made there): saving a large book costs
   * the main thread neither hashing nor copying it (large-values.ts).
   */
  async #persist(what: 'clients' | 'playbook' | 'workspace', lock: HeldLock): Promise<void> {
    const version = this.#version + 1;
    const meta: WorkspaceMeta = { version, updatedAt: new Date().toISOString(), embedder: this.stats?.embedder ?? '' };
    const saved = await persistWorkspace({ exportDb: () => this.clients.exportBlob(), exportSnapshot: () => this.playbook.exportSnapshot() }, meta, lock, what);
    this.#version = version;
    this.#book = saved.clientsSha256;
  }

  /**
   * Runs a write under the cross-tab lock. If another tab saved newer data first, reload it
   * before writing so this tab never overwrites it. On failure the in-memory stores are
   * reloaded from storage, so the visible data stays what is saved.
   */
  async #write<T>(what: 'clients' | 'playbook', change: () => Promise<T>): Promise<T> {
    return this.#writeThen(what, change, (result) => result);
  }

  /** `#write`, then `saved` (still under the lock) once the change is saved. */
  async #writeThen<T, R>(what: 'clients' | 'playbook', change: () => Promise<T>, saved: (result: T) => R): Promise<R> {
    return withWriteLock(async (lock) => {
      const meta = await read<WorkspaceMeta>(KEYS.meta);
      if (meta && meta.version !== this.#version) await this.#reloadUnlocked();
      try {
        const result = await change();
        await this.#persist(what, lock);
        await this.#refresh();
        return saved(result);
      } catch (err) {
        await this.#reloadUnlocked().catch(() => undefined);
        throw toAppError(err);
      }
    });
  }

  /** Loads what is stored (checksums checked, backup copy as fallback). */
  async #reloadUnlocked(): Promise<void> {
    const meta = await read<WorkspaceMeta>(KEYS.meta).catch(() => undefined);
    const [clients] = await Promise.all([
      restoreBlob(CLIENTS_BLOB, (bytes) => this.clients.loadBytes(bytes)),
      restoreBlob(PLAYBOOK_BLOB, (bytes) => this.playbook.loadSnapshot(bytes)),
    ]);
    this.#version = meta?.version ?? this.#version;
    // A book that could not be reloaded is unknown: no import before it can be undone.
    this.#book = clients.restored ? clients.sha256 : '';
    await this.#refresh();
  }

  async #reloadFromStorage(notice: string): Promise<void> {
    await withWriteLock(() => this.#reloadUnlocked());
    this.notice = notice;
  }

  importClients(text: string, format: ImportFormat, mode: ImportMode): Promise<ImportReport> {
    return this.#write('clients', () => this.clients.importText(text, format, mode));
  }

  /** Reads a CSV/JSON file in the client worker (its bytes are moved there, not copied). */
  async prepareClientImport(file: File, onProgress?: ImportProgressCallback): Promise<ImportDraft> {
    if (file.size > MAX_IMPORT_BYTES) throw new AppError('file-too-large', `"${file.name}" is larger than 50 MB.`);
    return this.importer.prepareImport(new Uint8Array(await file.arrayBuffer()), file.name, onProgress);
  }

  /**
   * Applies a reviewed import and saves it; also returns the book as it was before, so the rep
   * can undo (see `restoreClientBook`), and the checksum of the book the import saved.
   */
  applyClientImport(
    draftId: string,
    choices: ImportChoices,
    onProgress?: ImportProgressCallback,
  ): Promise<{ report: ImportReport; before: Uint8Array; book: string }> {
    return this.#writeThen(
      'clients',
      async () => {
        const before = await this.clients.exportBytes();
        const report = await this.importer.applyImport(draftId, choices, onProgress);
        return { report, before };
      },
      (result) => ({ ...result, book: this.#book }),
    );
  }

  /**
   * Puts back the book saved before an import, exactly, through the one write path (cross-tab
   * lock, one transaction). Refused when the client book is no longer what the import saved
   * (`book`: its checksum), e.g. after a later import here or any client change in another tab,
   * so an undo never throws away later work. Playbook changes since do not block it.
   */
  restoreClientBook(bytes: Uint8Array, book: string): Promise<number> {
    return this.#write('clients', async () => {
      if (!book || this.#book !== book) {
        throw new AppError('stale-tab', 'The client book changed after that import, so it can no longer be undone. Nothing was changed.');
      }
      await this.clients.loadBytes(bytes);
      return this.clients.count();
    });
  }

  /** `opts.ifDuplicate: 'ask'` refuses a PDF whose content is already there (AppError 'duplicate-document'). */
  async importPdf(name: string, bytes: Uint8Array, onProgress?: ProgressCallback, opts?: AddPdfOptions): Promise<PlaybookDocument> {
    if (bytes.byteLength > MAX_IMPORT_BYTES) throw new AppError('file-too-large', `"${name}" is larger than 50 MB.`);
    const doc = await this.#write('playbook', () => this.playbook.addPdf(name, bytes, onProgress, opts));
    // The original PDF is kept for the document viewer; losing it only costs the page image.
    await savePdf(doc.id, bytes).catch(() => undefined);
    if (opts?.replaceId && opts.replaceId !== doc.id) await deletePdf(opts.replaceId).catch(() => undefined);
    return doc;
  }

  /** Switches the embedder (re-embedding the playbook when it changes) and saves the new index. */
  applyEmbedder(pref: EmbedderSettings, onProgress?: ProgressCallback): Promise<EmbedderStatus> {
    const request: EmbedderRequest =
      pref.kind === 'builtin' || pref.kind === 'word-vectors'
        ? { kind: pref.kind }
        : pref.source === 'self-hosted'
          ? { kind: 'transformers', modelId: pref.modelId, localModelPath: pref.localModelPath, allowRemote: false }
          : { kind: 'transformers', modelId: pref.modelId, allowRemote: true };
    return this.#write('playbook', () => this.playbook.setEmbedder(request, onProgress));
  }

  /** The whole workspace as one file's text (never settings or API keys). */
  async exportFile(): Promise<string> {
    await withWriteLock((lock) => this.#persist('workspace', lock));
    return exportStoredWorkspace();
  }

  /**
   * Replaces the workspace with an exported file, all-or-nothing: the file is checked completely
   * (checksums, SQLite integrity check, every record) before anything stored is touched, then
   * written in one transaction. Nothing is shown from it until that commits: the page reloads.
   */
  async importFile(text: string): Promise<void> {
    const staged = await stageWorkspaceFile(text, {
      checkBytes: (bytes) => this.clients.checkBytes(bytes),
      checkSnapshot: (bytes) => this.playbook.checkSnapshot(bytes),
    });
    await withWriteLock(async (lock) => {
      const meta = await read<WorkspaceMeta>(KEYS.meta).catch(() => undefined);
      await commitImport(staged, Math.max(meta?.version ?? 0, this.#version) + 1, lock);
    });
    sessionStorage.setItem(
      NEXT_LOAD_NOTICE,
      staged.ignoredSettings
        ? 'The workspace was imported. Model and endpoint settings in the file were ignored: yours are unchanged.'
        : 'The workspace was imported.',
    );
  }

  /** A workspace file of every stored record that is still sound, for when the workspace cannot start. */
  rescueFile(): Promise<{ text: string; omitted: string[] }> {
    return rescueStoredWorkspace();
  }

  /** Forgets everything but settings and API keys, then reloads with the demo data. */
  async resetToDemo(): Promise<void> {
    await withWriteLock((lock) => clearWorkspace(lock));
  }

  /** Removes a document; the result holds what `restoreDocument` needs to undo it. */
  async removeDocument(id: string): Promise<RemovedDocument> {
    const pdf = await loadPdf(id).catch(() => undefined);
    const removed = await this.#write('playbook', async () => {
      const document = this.documents.find((d) => d.id === id);
      if (!document) throw new AppError('internal', 'That document is no longer in the playbook.');
      const saved = await this.playbook.exportDocument(id);
      await this.playbook.removeDocument(id);
      return { document, saved, pdf };
    });
    await deletePdf(id).catch(() => undefined);
    return removed;
  }

  /** Marks the document whose rules apply when documents disagree (`null`: none, answers name both). */
  setWinner(id: string | null): Promise<void> {
    return this.#write('playbook', () => this.playbook.setWinner(id));
  }

  /** Puts a removed document back with its index (the undo of `removeDocument`). */
  async restoreDocument(removed: RemovedDocument): Promise<PlaybookDocument> {
    const doc = await this.#write('playbook', () => this.playbook.restoreDocument(removed.saved));
    if (removed.pdf) await savePdf(doc.id, removed.pdf).catch(() => undefined);
    return doc;
  }
}

export const workspace = new Workspace();
