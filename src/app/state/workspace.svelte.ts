/**
 * The rep's workspace: the client database and the playbook index (each in its own worker),
 * loaded from IndexedDB or seeded with the demo data, saved after every import.
 */
import type { ImportFormat, ImportMode, ImportReport } from '../../core/clients/types.ts';
import type { HostedClientStore } from '../../core/clients/store-host.ts';
import type { PlaybookDocument, PlaybookStats, ProgressCallback } from '../../core/playbook/types.ts';
import type { EmbedderRequest, EmbedderStatus } from '../../core/playbook/host.ts';
import type { PlaybookWorker } from '../../../workers/playbook.ts';
import type { EmbedderSettings } from './settings.svelte.ts';
import { AppError, toAppError } from '../../core/errors.ts';
import { KEYS, storage, type WorkspaceMeta } from '../storage/persistence.ts';
import { announceChange, onRemoteChange, withWriteLock } from '../storage/tabs.ts';
import demoClientsUrl from '../../../data/clients.json?url';
import demoPlaybookUrl from '../../../data/playbook.pdf?url';

export type BootStatus = 'booting' | 'ready' | 'error';

/** A removed playbook document and its passages and vectors, kept in memory while Undo is offered. */
export interface RemovedDocument {
  document: PlaybookDocument;
  saved: Uint8Array;
}

/** Reads a stored byte record (undefined when missing or unreadable). */
type StoredReader = (key: string) => Promise<Uint8Array | undefined>;

/** Files bigger than this are refused before any parsing. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

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

  #clients: HostedClientStore | null = null;
  #playbook: PlaybookWorker | null = null;
  #version = 0;
  #listeners = new Set<() => void>();

  get clients(): HostedClientStore {
    if (!this.#clients) throw new AppError('internal', 'The client database is still loading.');
    return this.#clients;
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
      await withWriteLock(() => this.#loadOrSeed(clients, playbook));
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

  async #loadOrSeed(clientsStarted: Promise<unknown>, playbookStarted: Promise<unknown>): Promise<void> {
    // Read the saved stores while the workers start (IndexedDB does not need them).
    const saved = new Map<string, Promise<Uint8Array | undefined>>(
      [KEYS.clientsDb, KEYS.playbook].map((key) => [key, storage.get<Uint8Array>(key).catch(() => undefined)]),
    );
    const read = (key: string) => saved.get(key) ?? storage.get<Uint8Array>(key).catch(() => undefined);
    const meta = await storage.get<WorkspaceMeta>(KEYS.meta);
    const lostClients: string[] = [];
    const lostPlaybook: string[] = [];
    // Separate workers: loading or seeding one does not wait for the other.
    const [clientsSeeded, playbookSeeded] = await Promise.all([
      clientsStarted.then(() => this.#loadOrSeedClients(lostClients, read)),
      playbookStarted.then(() => this.#loadOrSeedPlaybook(lostPlaybook, read)),
    ]);
    const lost = [...lostClients, ...lostPlaybook];
    this.#version = meta?.version ?? 0;
    if (lost.length) this.notice = `Some saved data could not be read and was rebuilt: ${lost.join('; ')}.`;
    await this.#refresh();
    this.#markReady();
    if (playbookSeeded) {
      // Never save a half-built index: wait for the background vectors (rejects if rolled back).
      await this.playbook.whenVectorsReady();
      await this.#refresh();
    }
    if (clientsSeeded || playbookSeeded || lost.length) await this.#persist('workspace');
  }

  /** Interactive from here on: clients and playbook search answer. */
  #markReady(): void {
    if (this.status === 'ready') return;
    onRemoteChange(() => void this.#reloadFromStorage('Another tab changed the workspace; this tab reloaded it.'));
    this.status = 'ready';
  }

  /** Restores the client database or imports the demo client book; true when seeded. */
  async #loadOrSeedClients(lost: string[], read: StoredReader): Promise<boolean> {
    this.bootStep = 'Loading clients…';
    if (await this.#restoreClients(lost, read)) return false;
    this.bootStep = 'Loading the demo client book…';
    const text = new TextDecoder().decode(await fetchBytes(demoClientsUrl));
    await this.clients.importText(text, 'json', 'replace');
    return true;
  }

  /**
   * Restores the playbook snapshot (no re-embedding) or indexes the demo playbook; true when
   * seeded. Seeding resolves once keyword search works; vectors are built in the background.
   */
  async #loadOrSeedPlaybook(lost: string[], read: StoredReader): Promise<boolean> {
    this.bootStep = 'Loading the playbook index…';
    if (await this.#restorePlaybook(lost, read)) return false;
    this.bootStep = 'Indexing the demo playbook…';
    // Load pdf.js in the worker while the PDF is fetched.
    const [bytes] = await Promise.all([fetchBytes(demoPlaybookUrl), this.playbook.warmUp()]);
    await this.playbook.addPdf('Sales Playbook.pdf', bytes, undefined, { background: true });
    return true;
  }

  /** Loads the saved database, falling back to its backup; false when nothing usable is stored. */
  async #restoreClients(lost: string[], read: StoredReader): Promise<boolean> {
    for (const key of [KEYS.clientsDb, KEYS.clientsDbBackup]) {
      const bytes = await read(key);
      if (!bytes) continue;
      try {
        await this.clients.loadBytes(bytes);
        if (key === KEYS.clientsDbBackup) lost.push('the client database was restored from its backup copy');
        return true;
      } catch {
        if (key === KEYS.clientsDb) lost.push('the saved client database was unreadable');
      }
    }
    if (lost.length) lost.push('the demo client book was loaded instead');
    return false;
  }

  async #restorePlaybook(lost: string[], read: StoredReader): Promise<boolean> {
    for (const key of [KEYS.playbook, KEYS.playbookBackup]) {
      const bytes = await read(key);
      if (!bytes) continue;
      try {
        await this.playbook.loadSnapshot(bytes);
        if (key === KEYS.playbookBackup) lost.push('the playbook index was restored from its backup copy');
        return true;
      } catch {
        if (key === KEYS.playbook) lost.push('the saved playbook index was unreadable');
      }
    }
    if (lost.includes('the saved playbook index was unreadable')) lost.push('the demo playbook was indexed again');
    return false;
  }

  async #refresh(): Promise<void> {
    const [count, docs, stats] = await Promise.all([
      this.clients.count(),
      this.playbook.listDocuments(),
      this.playbook.stats(),
    ]);
    this.clientCount = count;
    this.documents = docs;
    this.stats = stats;
    this.revision++;
    for (const listener of this.#listeners) listener();
  }

  /**
   * Saves both stores atomically and tells other tabs. Each is written twice (main and backup
   * record) so one unreadable record can be recovered from the other on the next load.
   */
  async #persist(what: 'clients' | 'playbook' | 'workspace'): Promise<void> {
    const [db, snapshot] = await Promise.all([this.clients.exportBytes(), this.playbook.exportSnapshot()]);
    const version = this.#version + 1;
    const meta: WorkspaceMeta = {
      version,
      updatedAt: new Date().toISOString(),
      embedder: this.stats?.embedder ?? '',
    };
    await storage.setMany([
      [KEYS.clientsDb, db],
      [KEYS.clientsDbBackup, db],
      [KEYS.playbook, snapshot],
      [KEYS.playbookBackup, snapshot],
      [KEYS.meta, meta],
    ]);
    this.#version = version;
    announceChange({ version, what });
  }

  /**
   * Runs a write under the cross-tab lock. If another tab saved newer data first, reload it
   * before writing so this tab never overwrites it. On failure the in-memory stores are
   * reloaded from storage, so the visible data stays what is saved.
   */
  async #write<T>(what: 'clients' | 'playbook', change: () => Promise<T>): Promise<T> {
    return withWriteLock(async () => {
      const meta = await storage.get<WorkspaceMeta>(KEYS.meta);
      if (meta && meta.version !== this.#version) await this.#reloadUnlocked();
      try {
        const result = await change();
        await this.#persist(what);
        await this.#refresh();
        return result;
      } catch (err) {
        await this.#reloadUnlocked().catch(() => undefined);
        throw toAppError(err);
      }
    });
  }

  async #reloadUnlocked(): Promise<void> {
    const [db, snapshot, meta] = await Promise.all([
      storage.get<Uint8Array>(KEYS.clientsDb),
      storage.get<Uint8Array>(KEYS.playbook),
      storage.get<WorkspaceMeta>(KEYS.meta),
    ]);
    if (db) await this.clients.loadBytes(db);
    if (snapshot) await this.playbook.loadSnapshot(snapshot);
    this.#version = meta?.version ?? this.#version;
    await this.#refresh();
  }

  async #reloadFromStorage(notice: string): Promise<void> {
    await withWriteLock(() => this.#reloadUnlocked());
    this.notice = notice;
  }

  importClients(text: string, format: ImportFormat, mode: ImportMode): Promise<ImportReport> {
    return this.#write('clients', () => this.clients.importText(text, format, mode));
  }

  importPdf(name: string, bytes: Uint8Array, onProgress?: ProgressCallback): Promise<PlaybookDocument> {
    if (bytes.byteLength > MAX_IMPORT_BYTES) {
      return Promise.reject(new AppError('file-too-large', `"${name}" is larger than 50 MB.`));
    }
    return this.#write('playbook', () => this.playbook.addPdf(name, bytes, onProgress));
  }

  /** Switches the embedder (re-embedding the playbook when it changes) and saves the new index. */
  applyEmbedder(pref: EmbedderSettings, onProgress?: ProgressCallback): Promise<EmbedderStatus> {
    const request: EmbedderRequest =
      pref.kind === 'builtin'
        ? { kind: 'builtin' }
        : pref.source === 'self-hosted'
          ? { kind: 'transformers', modelId: pref.modelId, localModelPath: pref.localModelPath, allowRemote: false }
          : { kind: 'transformers', modelId: pref.modelId, allowRemote: true };
    return this.#write('playbook', () => this.playbook.setEmbedder(request, onProgress));
  }

  /** The whole workspace as one file's text (never the API key). */
  async exportFile(): Promise<string> {
    const { encodeWorkspace } = await import('../storage/workspace-file.ts');
    await this.#persist('workspace');
    const keys = await storage.keys();
    const entries: [string, unknown][] = [];
    for (const key of keys) entries.push([key, await storage.get(key)]);
    return encodeWorkspace(entries);
  }

  /**
   * Replaces the workspace with an exported file. All-or-nothing: the database and index are
   * checked by loading them before anything stored is touched.
   */
  async importFile(text: string): Promise<void> {
    const { decodeWorkspace, isExportable } = await import('../storage/workspace-file.ts');
    const entries = decodeWorkspace(text);
    const get = (key: string) => entries.find(([k]) => k === key)?.[1];
    await withWriteLock(async () => {
      try {
        await this.clients.loadBytes(get(KEYS.clientsDb) as Uint8Array);
        await this.playbook.loadSnapshot(get(KEYS.playbook) as Uint8Array);
      } catch (err) {
        await this.#reloadUnlocked().catch(() => undefined);
        throw new AppError('bad-import', `The workspace file could not be loaded: ${toAppError(err).message}`);
      }
      const stale = (await storage.keys()).filter((k) => isExportable(k) && !entries.some(([e]) => e === k));
      const version = this.#version + 1;
      const meta: WorkspaceMeta = { version, updatedAt: new Date().toISOString(), embedder: '' };
      await storage.delMany(stale);
      await storage.setMany([...entries.filter(([k]) => k !== KEYS.meta), [KEYS.meta, meta]]);
      this.#version = version;
      announceChange({ version, what: 'workspace' });
    });
  }

  /** Forgets everything but settings and the API key, then reloads with the demo data. */
  async resetToDemo(): Promise<void> {
    await withWriteLock(async () => {
      const keep = new Set<string>([KEYS.settings, KEYS.secrets]);
      await storage.delMany((await storage.keys()).filter((k) => !keep.has(k)));
      announceChange({ version: Date.now(), what: 'workspace' });
    });
  }

  /** Removes a document; the result holds what `restoreDocument` needs to undo it. */
  removeDocument(id: string): Promise<RemovedDocument> {
    return this.#write('playbook', async () => {
      const document = this.documents.find((d) => d.id === id);
      if (!document) throw new AppError('internal', 'That document is no longer in the playbook.');
      const saved = await this.playbook.exportDocument(id);
      await this.playbook.removeDocument(id);
      return { document, saved };
    });
  }

  /** Puts a removed document back with its index (the undo of `removeDocument`). */
  restoreDocument(removed: RemovedDocument): Promise<PlaybookDocument> {
    return this.#write('playbook', () => this.playbook.restoreDocument(removed.saved));
  }
}

export const workspace = new Workspace();
