/**
 * Schema 1 → 2, for workspaces saved by earlier versions (on first load) and for version 1
 * workspace files (on import), with one pure function over the records:
 * - the database and index bytes get a SHA-256 checksum;
 * - the API key is bound to the origin of the endpoint it was saved with; settings lose the key;
 * - conversations keep one copy of each answer; checkpoints keep only each thread's latest;
 * - the unused `v1/playbook.pdfs` record is dropped.
 */
import { migrateUnboundedCheckpoints } from '../../core/agents/kv-checkpointer.ts';
import { seal } from '../../core/storage/integrity.ts';
import { DEFAULT_OPENAI_BASE_URL } from '../../core/providers/openai.ts';
import { compactConversation } from './conversation-records.ts';
import { KEYS, SCHEMA_VERSION, listKeys, readAll, write } from './persistence.ts';
import { withWriteLock, type HeldLock } from './tabs.ts';

export const V1_PREFIX = 'v1/';
const V1_CHECKPOINTS = 'v1/checkpoints/';

const RENAMED: Record<string, string> = {
  'v1/conversations': KEYS.conversations,
  'v1/conversations.current': KEYS.conversationsCurrent,
  'v1/feedback': KEYS.feedback,
  'v1/use-critic': KEYS.useCritic,
  'v1/corrections': KEYS.corrections,
  'v1/import-mappings': KEYS.importMappings,
};

/** The origin an endpoint URL sends to ('' when it is not a URL). */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Current-layout records for schema-1 records; keys that are not `v1/…` pass through unchanged. */
export async function migrateToV2(v1: ReadonlyMap<string, unknown>): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const [key, value] of v1) {
    if (!key.startsWith(V1_PREFIX)) out.set(key, value);
  }
  const blobs: [string, string][] = [
    ['v1/clients.sqlite', KEYS.clientsDb],
    ['v1/clients.sqlite.bak', KEYS.clientsDbBackup],
    ['v1/playbook.snapshot', KEYS.playbook],
    ['v1/playbook.snapshot.bak', KEYS.playbookBackup],
  ];
  for (const [from, to] of blobs) {
    const bytes = v1.get(from);
    // Checksummed as found: the SQLite integrity check on load still catches older damage.
    if (bytes instanceof Uint8Array) out.set(to, await seal(bytes));
  }
  const meta = v1.get('v1/meta');
  if (isObj(meta)) out.set(KEYS.meta, { ...meta, schema: SCHEMA_VERSION });
  for (const [from, to] of Object.entries(RENAMED)) if (v1.has(from)) out.set(to, v1.get(from));

  const settings = v1.get('v1/settings');
  const providers = isObj(settings) && isObj(settings.providers) ? settings.providers : undefined;
  const openai = providers && isObj(providers.openai) ? providers.openai : undefined;
  if (isObj(settings)) {
    out.set(KEYS.settings, providers && openai ? { ...settings, providers: { ...providers, openai: { ...openai, apiKey: '' } } } : settings);
  }
  const secrets = v1.get('v1/secrets');
  const key = isObj(secrets) && typeof secrets.openaiApiKey === 'string' ? secrets.openaiApiKey : '';
  if (key) {
    const origin = originOf(typeof openai?.baseUrl === 'string' ? openai.baseUrl : DEFAULT_OPENAI_BASE_URL);
    out.set(KEYS.secrets, { keys: origin ? { [origin]: key } : {} });
  }

  for (const [k, value] of v1) {
    if (k.startsWith('v1/conversation/')) out.set(KEYS.conversation + k.slice('v1/conversation/'.length), compactConversation(value));
    if (k.startsWith('v1/eval-runs/')) out.set(KEYS.evalRuns + k.slice('v1/eval-runs'.length), value);
  }
  for (const [k, value] of migrateUnboundedCheckpoints(v1, V1_CHECKPOINTS, KEYS.checkpoints)) out.set(k, value);
  return out;
}

/**
 * Migrates schema-1 records in this browser's storage in one transaction (the old records go in
 * the same commit the new ones land in). Records a stale tab of an older version wrote after the
 * migration are dropped. Returns whether anything was migrated.
 */
export async function migrateStoredWorkspace(lock: HeldLock): Promise<boolean> {
  const oldKeys = await listKeys(V1_PREFIX);
  if (oldKeys.length === 0) return false;
  const alreadyMigrated = (await listKeys(KEYS.meta)).includes(KEYS.meta);
  const migrated = alreadyMigrated ? new Map<string, unknown>() : await migrateToV2(new Map(await readAll(V1_PREFIX)));
  await write(
    'workspace',
    {},
    (_, batch) => {
      for (const k of oldKeys) batch.del(k);
      for (const [k, v] of migrated) batch.set(k, v);
    },
    { lock },
  );
  return !alreadyMigrated;
}

let ready: Promise<void> | null = null;

/**
 * Resolves once stored records are in the current layout (migrating them once per page load).
 * Everything that reads stored records awaits it first, so nothing reads before the migration.
 */
export function storageReady(): Promise<void> {
  // Only an old workspace waits for the lock (another tab may hold it for a long first run).
  ready ??= listKeys(V1_PREFIX)
    .then((old) => (old.length ? withWriteLock((lock) => migrateStoredWorkspace(lock)) : false))
    .then(
      () => undefined,
      // A failed migration leaves the v1 records in place; the workspace then starts as new.
      () => undefined,
    );
  return ready;
}
