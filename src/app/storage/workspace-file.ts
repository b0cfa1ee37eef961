/**
 * One-file workspace export: every workspace record (never settings, API keys or backups) as
 * JSON, with bytes anywhere in a value written as `{ "$bytes": base64 }`. The client database
 * and the playbook index keep their SHA-256 inside their record, so damage is found on import.
 * Version 1 files (bytes only at the top level, settings included) are still read: they are
 * migrated like stored v1 data and their settings are ignored.
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { migrateToV2 } from './migrate.ts';
import { KEYS } from './persistence.ts';
import { isWorkspaceRecord } from './records.ts';

export const WORKSPACE_FORMAT = 'crm-copilot-workspace';
export const WORKSPACE_FILE_VERSION = 2;

const v1ValueSchema = z.union([z.object({ kind: z.literal('bytes'), base64: z.string() }), z.object({ kind: z.literal('json'), value: z.unknown() })]);

const fileSchema = z.discriminatedUnion('version', [
  z.object({ format: z.literal(WORKSPACE_FORMAT), version: z.literal(1), exportedAt: z.string(), entries: z.record(z.string(), v1ValueSchema) }),
  z.object({ format: z.literal(WORKSPACE_FORMAT), version: z.literal(2), exportedAt: z.string(), entries: z.record(z.string(), z.unknown()) }),
]);

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const isBytesMarker = (v: unknown): v is { $bytes: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { $bytes?: unknown }).$bytes === 'string';

/** Keys that a file carried but this app never imports (settings, API keys). */
export const IGNORED_ON_IMPORT = ['v1/settings', 'v1/secrets', KEYS.settings, KEYS.secrets] as const;

/** The workspace file's text for these stored records (non-workspace records are left out). */
export function encodeWorkspace(entries: readonly [string, unknown][]): string {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) if (isWorkspaceRecord(key)) out[key] = value;
  return JSON.stringify(
    { format: WORKSPACE_FORMAT, version: WORKSPACE_FILE_VERSION, exportedAt: new Date().toISOString(), entries: out },
    (_key, value: unknown) => (value instanceof Uint8Array ? { $bytes: toBase64(value) } : value),
  );
}

export interface DecodedWorkspace {
  entries: Map<string, unknown>;
  /** True when the file carried model/endpoint settings, which were ignored. */
  ignoredSettings: boolean;
}

/** Parses a workspace file into current-layout records; AppError('bad-import') when it is not one. */
export async function decodeWorkspace(text: string): Promise<DecodedWorkspace> {
  let raw: unknown;
  try {
    raw = JSON.parse(text, (_key, value: unknown) => (isBytesMarker(value) ? fromBase64(value.$bytes) : value));
  } catch {
    throw new AppError('bad-import', 'This is not a workspace file (it is not valid JSON, or its data is damaged).');
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('bad-import', 'This is not a CRM Co-Pilot workspace file (wrong format or version).');
  }
  let entries = new Map<string, unknown>();
  if (parsed.data.version === 1) {
    for (const [key, value] of Object.entries(parsed.data.entries)) {
      try {
        entries.set(key, value.kind === 'bytes' ? fromBase64(value.base64) : value.value);
      } catch {
        throw new AppError('bad-import', `The workspace file is damaged (entry "${key}").`);
      }
    }
    entries = await migrateToV2(entries);
  } else {
    entries = new Map(Object.entries(parsed.data.entries));
  }
  const ignoredSettings = Object.keys(parsed.data.entries).some((k) => (IGNORED_ON_IMPORT as readonly string[]).includes(k));
  for (const key of [...entries.keys()]) if (!isWorkspaceRecord(key)) entries.delete(key);
  if (!entries.has(KEYS.clientsDb) || !entries.has(KEYS.playbook)) {
    throw new AppError('bad-import', 'The workspace file has no client database or playbook index.');
  }
  return { entries, ignoredSettings };
}
