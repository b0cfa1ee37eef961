/**
 * One-file workspace export: every stored record except secrets and backups, with binary
 * values (the SQLite file, the index snapshot) as base64. Validated on import.
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { KEYS } from './persistence.ts';

export const WORKSPACE_FORMAT = 'crm-copilot-workspace';

const valueSchema = z.union([
  z.object({ kind: z.literal('bytes'), base64: z.string() }),
  z.object({ kind: z.literal('json'), value: z.unknown() }),
]);

const fileSchema = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  entries: z.record(z.string(), valueSchema),
});

/** Keys that never leave the device or are rebuilt locally. */
export function isExportable(key: string): boolean {
  return key !== KEYS.secrets && !key.endsWith('.bak');
}

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

export function encodeWorkspace(entries: [string, unknown][]): string {
  const out: Record<string, z.infer<typeof valueSchema>> = {};
  for (const [key, value] of entries) {
    if (!isExportable(key)) continue;
    out[key] = value instanceof Uint8Array ? { kind: 'bytes', base64: toBase64(value) } : { kind: 'json', value };
  }
  return JSON.stringify({ format: WORKSPACE_FORMAT, version: 1, exportedAt: new Date().toISOString(), entries: out });
}

export function decodeWorkspace(text: string): [string, unknown][] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('bad-import', 'This is not a workspace file (it is not valid JSON).');
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('bad-import', 'This is not a CRM Co-Pilot workspace file (wrong format or version).');
  }
  const entries: [string, unknown][] = [];
  for (const [key, value] of Object.entries(parsed.data.entries)) {
    if (!isExportable(key)) continue;
    try {
      entries.push([key, value.kind === 'bytes' ? fromBase64(value.base64) : value.value]);
    } catch {
      throw new AppError('bad-import', `The workspace file is damaged (entry "${key}").`);
    }
  }
  const keys = new Set(entries.map(([k]) => k));
  if (!keys.has(KEYS.clientsDb) || !keys.has(KEYS.playbook)) {
    throw new AppError('bad-import', 'The workspace file has no client database or playbook index.');
  }
  return entries;
}
