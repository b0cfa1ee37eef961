/**
 * Saving, restoring, importing and rescuing the workspace records (the client database, the
 * playbook index and everything that travels with them). The engines (workers) are passed in,
 * so this module holds the storage rules and nothing about the UI.
 */
import { AppError, toAppError } from '../../core/errors.ts';
import { seal, sealedBytesSchema, unseal, type SealedBlob, type SealedBytes } from '../../core/storage/integrity.ts';
import { KEYS, SCHEMA_VERSION, read, readAll, write, type WorkspaceMeta } from './persistence.ts';
import { checkRecord, isWorkspaceRecord } from './records.ts';
import type { HeldLock } from './tabs.ts';
import { decodeWorkspace, encodeWorkspace } from './workspace-file.ts';

/** One checksummed record kept twice (main and backup). */
export interface BlobSpec {
  main: string;
  backup: string;
  /** In a rep's words: "client database". */
  what: string;
}

export const CLIENTS_BLOB: BlobSpec = { main: KEYS.clientsDb, backup: KEYS.clientsDbBackup, what: 'client database' };
export const PLAYBOOK_BLOB: BlobSpec = { main: KEYS.playbook, backup: KEYS.playbookBackup, what: 'playbook index' };

/** Which copy was loaded and the checksum of its bytes; or, when none loaded, what was damaged. */
export type RestoreOutcome = { restored: 'main' | 'backup'; sha256: string } | { restored: null; damaged: string[] };

/**
 * Loads the main copy, else the backup. Each copy must match its checksum and then load (the
 * engine runs its own checks, e.g. SQLite's integrity check). Missing copies are not damage.
 */
export async function restoreBlob(spec: BlobSpec, load: (bytes: Uint8Array) => Promise<void>): Promise<RestoreOutcome> {
  const damaged: string[] = [];
  for (const key of [spec.main, spec.backup]) {
    const raw = await read<unknown>(key).catch(() => 'unreadable');
    if (raw === undefined) continue;
    try {
      const bytes = await unseal(raw, spec.what);
      await load(bytes);
      // unseal checked that the bytes match the record's checksum.
      return { restored: key === spec.main ? 'main' : 'backup', sha256: (raw as SealedBytes).sha256 };
    } catch (err) {
      damaged.push(toAppError(err).message);
    }
  }
  return { restored: null, damaged };
}

export interface WorkspaceEngines {
  /**
   * The client database already sealed by its worker (checksum computed and Blob made there), so
   * the main thread neither hashes nor copies a large book (see large-values.ts).
   */
  exportDb(): Promise<SealedBlob | SealedBytes>;
  exportSnapshot(): Promise<Uint8Array>;
}

/**
 * Saves the database and index (each twice, checksummed) and the version stamp in one
 * transaction; returns the checksum of the saved database.
 */
export async function persistWorkspace(
  engines: WorkspaceEngines,
  meta: WorkspaceMeta,
  lock: HeldLock,
  topic: 'clients' | 'playbook' | 'workspace',
): Promise<{ clientsSha256: string }> {
  const [sealedDb, snapshot] = await Promise.all([engines.exportDb(), engines.exportSnapshot()]);
  const sealedSnapshot = await seal(snapshot);
  await write(
    topic,
    {},
    (_, batch) => {
      batch.set(KEYS.clientsDb, sealedDb);
      batch.set(KEYS.clientsDbBackup, sealedDb);
      batch.set(KEYS.playbook, sealedSnapshot);
      batch.set(KEYS.playbookBackup, sealedSnapshot);
      batch.set(KEYS.meta, { ...meta, schema: SCHEMA_VERSION });
    },
    { lock, version: meta.version },
  );
  return { clientsSha256: sealedDb.sha256 };
}

export interface ImportChecks {
  /** Throws when database bytes would not load (SQLite integrity check, schema); loads nothing. */
  checkBytes(bytes: Uint8Array): Promise<void>;
  checkSnapshot(bytes: Uint8Array): Promise<void>;
}

export interface StagedImport {
  entries: Map<string, unknown>;
  /** The file carried model or endpoint settings; they were left out. */
  ignoredSettings: boolean;
}

const damagedFile = (why: string) => new AppError('bad-import', `The workspace file is damaged: ${why}.`);

/**
 * Reads and checks a workspace file completely before anything stored is touched: checksums,
 * SQLite's integrity check of the database, the index, and every record's schema.
 */
export async function stageWorkspaceFile(text: string, checks: ImportChecks): Promise<StagedImport> {
  const { entries, ignoredSettings } = await decodeWorkspace(text);
  for (const spec of [CLIENTS_BLOB, PLAYBOOK_BLOB]) {
    let bytes: Uint8Array;
    try {
      bytes = await unseal(entries.get(spec.main), spec.what);
    } catch {
      throw damagedFile(`its ${spec.what} does not match its checksum`);
    }
    try {
      await (spec === CLIENTS_BLOB ? checks.checkBytes(bytes) : checks.checkSnapshot(bytes));
    } catch (err) {
      throw damagedFile(`its ${spec.what} cannot be used (${toAppError(err).message})`);
    }
    entries.set(spec.backup, entries.get(spec.main));
  }
  for (const [key, value] of entries) {
    const bad = checkRecord(key, value);
    if (bad) throw damagedFile(`${bad} ("${key}") cannot be read`);
  }
  return { entries, ignoredSettings };
}

/**
 * Replaces the stored workspace with a staged import in one transaction: every workspace record
 * not in the file is deleted in the same commit the new ones land in. Settings and API keys stay.
 */
export async function commitImport(staged: StagedImport, version: number, lock: HeldLock): Promise<void> {
  const meta: WorkspaceMeta = { version, updatedAt: new Date().toISOString(), embedder: '', schema: SCHEMA_VERSION };
  await write(
    'workspace',
    { prefixes: [''] },
    (current, batch) => {
      for (const key of current.keys('')) {
        if ((isWorkspaceRecord(key) || key.endsWith('.bak') || key === KEYS.conversationsCurrent) && !staged.entries.has(key)) batch.del(key);
      }
      for (const [key, value] of staged.entries) if (key !== KEYS.meta) batch.set(key, value);
      batch.set(KEYS.meta, meta);
    },
    { lock, version },
  );
}

/** Deletes everything but settings and API keys (the next start seeds the demo data). */
export async function clearWorkspace(lock: HeldLock): Promise<void> {
  const keep = new Set<string>([KEYS.settings, KEYS.secrets]);
  await write(
    'workspace',
    { prefixes: [''] },
    (current, batch) =>
      current
        .keys('')
        .filter((k) => !keep.has(k))
        .forEach((k) => batch.del(k)),
    {
      lock,
    },
  );
}

/** The workspace file for everything stored now. */
export async function exportStoredWorkspace(): Promise<string> {
  return encodeWorkspace(await readAll());
}

/**
 * "Download what can be saved": a workspace file of every record that is still sound (a
 * damaged main copy is replaced by a sound backup), and what had to be left out.
 */
export async function rescueStoredWorkspace(): Promise<{ text: string; omitted: string[] }> {
  const all = new Map(await readAll().catch(() => []));
  const keep: [string, unknown][] = [];
  const omitted: string[] = [];
  for (const spec of [CLIENTS_BLOB, PLAYBOOK_BLOB]) {
    let found = false;
    for (const key of [spec.main, spec.backup]) {
      const value = all.get(key);
      if (found || !sealedBytesSchema.safeParse(value).success) continue;
      try {
        await unseal(value, spec.what);
        keep.push([spec.main, value]);
        found = true;
      } catch {
        // Try the other copy.
      }
    }
    if (!found) omitted.push(`the ${spec.what}`);
  }
  for (const [key, value] of all) {
    if (!isWorkspaceRecord(key) || key === KEYS.clientsDb || key === KEYS.playbook) continue;
    const bad = checkRecord(key, value);
    if (bad) omitted.push(bad);
    else keep.push([key, value]);
  }
  return { text: encodeWorkspace(keep), omitted };
}
