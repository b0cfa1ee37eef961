/**
 * The rep's workspace: the client database and the playbook index (each in its own worker),
 * loaded from IndexedDB or seeded with the demo data, saved after every import.
 */
import type { ClientStore, ImportFormat, ImportMode, ImportReport } from '../../core/clients/types.ts';
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

  #clients: ClientStore | null = null;
  #playbook: PlaybookWorker | null = null;
  #version = 0;
  #listeners = new Set<() => void>();

  get clients(): ClientStore {
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

  async boot(): Promise<void> {
    try {
      this.bootStep = 'Starting the client database and playbook index…';
      const [{ createClientStoreWorker }, { createPlaybookWorker }] = await Promise.all([
        import('../../../workers/clients.ts'),
        import('../../../workers/playbook.ts'),
      ]);
      [this.#clients, this.#playbook] = await Promise.all([createClientStoreWorker(), createPlaybookWorker()]);
      await withWriteLock(() => this.#loadOrSeed());
      onRemoteChange(() => void this.#reloadFromStorage('Another tab changed the workspace; this tab reloaded it.'));
      this.status = 'ready';
    } catch (err) {
      this.bootError = toAppError(err).message;
      this.status = 'error';
    }
  }

  async #loadOrSeed(): Promise<void> {
    const meta = await storage.get<WorkspaceMeta>(KEYS.meta);
    const lost: string[] = [];
    let seeded = false;

    this.bootStep = 'Loading clients…';
    if (!(await this.#restoreClients(lost))) {
      this.bootStep = 'Loading the demo client book…';
      const text = new TextDecoder().decode(await fetchBytes(demoClientsUrl));
      await this.clients.importText(text, 'json', 'replace');
      seeded = true;
    }

    this.bootStep = 'Loading the playbook index…';
    if (!(await this.#restorePlaybook(lost))) {
      this.bootStep = 'Indexing the demo playbook…';
      await this.playbook.addPdf('Sales Playbook.pdf', await fetchBytes(demoPlaybookUrl));
      seeded = true;
    }

    this.#version = meta?.version ?? 0;
    if (seeded || lost.length) await this.#persist('workspace');
    if (lost.length) this.notice = `Some saved data could not be read and was rebuilt: ${lost.join('; ')}.`;
    await this.#refresh();
  }

  /** Loads the saved database, falling back to its backup; false when nothing usable is stored. */
  async #restoreClients(lost: string[]): Promise<boolean> {
    for (const key of [KEYS.clientsDb, KEYS.clientsDbBackup]) {
      const bytes = await storage.get<Uint8Array>(key).catch(() => undefined);
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

  async #restorePlaybook(lost: string[]): Promise<boolean> {
    for (const key of [KEYS.playbook, KEYS.playbookBackup]) {
      const bytes = await storage.get<Uint8Array>(key).catch(() => undefined);
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

  removeDocument(id: string): Promise<void> {
    return this.#write('playbook', () => this.playbook.removeDocument(id));
  }
}

export const workspace = new Workspace();
