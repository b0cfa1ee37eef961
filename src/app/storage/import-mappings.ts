/**
 * Column mappings the rep confirmed for client imports, remembered per set of headers so the
 * next file from the same CRM export opens with the same columns. One record
 * (`KEYS.importMappings`, schema in records.ts), changed only through `write()`.
 */
import type { ClientField, ColumnMapping } from '../../core/clients/import-types.ts';
import { storageReady } from './migrate.ts';
import { KEYS, read, write } from './persistence.ts';
import { importMappingsSchema, type StoredImportMappings } from './records.ts';

/** Header sets remembered at most (the oldest is forgotten first). */
export const MAX_REMEMBERED = 50;

/** The stored mappings; an unreadable record counts as none (the next save replaces it). */
function parsed(value: unknown): StoredImportMappings {
  const result = importMappingsSchema.safeParse(value);
  return result.success ? result.data : {};
}

/** The mapping remembered for files with these headers (normalized), or null. */
export async function rememberedMapping(headerKey: string, headers: readonly string[]): Promise<ColumnMapping | null> {
  await storageReady();
  const saved = parsed(await read(KEYS.importMappings))[headerKey];
  if (!saved) return null;
  return headers.map((h) => (saved[h] ?? null) as ClientField | null);
}

/** Remembers `mapping` (one field or null per normalized header) for files with these headers. */
export async function rememberMapping(headerKey: string, headers: readonly string[], mapping: ColumnMapping): Promise<void> {
  await storageReady();
  await write(null, { keys: [KEYS.importMappings] }, (current, batch) => {
    const all = parsed(current.get(KEYS.importMappings));
    delete all[headerKey];
    all[headerKey] = Object.fromEntries(headers.map((h, i) => [h, mapping[i] ?? null]));
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete all[old];
    batch.set(KEYS.importMappings, all);
  });
}
