/**
 * Cross-tab safety: writes serialize through one Web Lock, and every committed write is announced
 * on a BroadcastChannel so other open tabs reload instead of overwriting newer data.
 *
 * Web Locks are not re-entrant: code that holds the lock passes its `HeldLock` to nested writes
 * (`write(..., { lock })`) instead of requesting it again.
 */
const LOCK_PREFIX = 'crm-copilot.write';

/**
 * Which lock a write takes. The workspace (client database and playbook index) is held for long
 * operations (indexing a PDF, a first-run seed); every other record's write is one short
 * transaction and takes its own lock, so saving a conversation never waits for indexing.
 */
export type LockScope = 'workspace' | 'records';

export function lockScopeOf(topic: ChangeTopic | null): LockScope {
  return topic === 'clients' || topic === 'playbook' || topic === 'workspace' ? 'workspace' : 'records';
}
const CHANNEL_NAME = 'crm-copilot';

/** What changed; each state class listens to its own topics. */
export type ChangeTopic = 'clients' | 'playbook' | 'workspace' | 'conversations' | 'checkpoints' | 'feedback' | 'critic' | 'eval' | 'settings';

export interface DataChangedMessage {
  type: 'data.changed';
  version: number;
  what: ChangeTopic;
}

/** Proof that the caller holds the write lock (only `withWriteLock` makes one). */
export interface HeldLock {
  readonly scope: LockScope;
}

const fallbackQueues: Record<LockScope, Promise<unknown>> = { workspace: Promise.resolve(), records: Promise.resolve() };

/** Runs `fn` while holding a write lock (shared by all tabs of this origin; the workspace's by default). */
export async function withWriteLock<T>(fn: (lock: HeldLock) => Promise<T>, scope: LockScope = 'workspace'): Promise<T> {
  const lock: HeldLock = Object.freeze({ scope });
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request(`${LOCK_PREFIX}.${scope}`, { mode: 'exclusive' }, () => fn(lock));
  }
  // No Web Locks (Node tests, old browsers): serialize within this realm.
  const run = fallbackQueues[scope].then(() => fn(lock));
  fallbackQueues[scope] = run.catch(() => undefined);
  return run;
}

let channel: BroadcastChannel | null = null;
function getChannel(): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  channel ??= new BroadcastChannel(CHANNEL_NAME);
  return channel;
}

export function announceChange(message: Omit<DataChangedMessage, 'type'>): void {
  getChannel()?.postMessage({ type: 'data.changed', ...message } satisfies DataChangedMessage);
}

/** Subscribes to changes made by other tabs (optionally only some topics); returns an unsubscribe function. */
export function onRemoteChange(handler: (message: DataChangedMessage) => void, topics?: readonly ChangeTopic[]): () => void {
  const ch = getChannel();
  if (!ch) return () => {};
  const listener = (e: MessageEvent<DataChangedMessage>) => {
    if (e.data?.type !== 'data.changed') return;
    if (topics && !topics.includes(e.data.what)) return;
    handler(e.data);
  };
  ch.addEventListener('message', listener);
  return () => ch.removeEventListener('message', listener);
}
