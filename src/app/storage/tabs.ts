/**
 * Cross-tab safety: writes serialize through a Web Lock, and every committed write is announced
 * on a BroadcastChannel so other open tabs reload instead of overwriting newer data.
 */
const LOCK_NAME = 'crm-copilot.write';
const CHANNEL_NAME = 'crm-copilot';

export interface DataChangedMessage {
  type: 'data.changed';
  version: number;
  what: 'clients' | 'playbook' | 'workspace' | 'conversations' | 'feedback' | 'eval' | 'settings';
}

/** Runs `fn` while holding the workspace write lock (shared by all tabs of this origin). */
export async function withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request(LOCK_NAME, { mode: 'exclusive' }, fn);
  }
  return fn();
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

/** Subscribes to changes made by other tabs; returns an unsubscribe function. */
export function onRemoteChange(handler: (message: DataChangedMessage) => void): () => void {
  const ch = getChannel();
  if (!ch) return () => {};
  const listener = (e: MessageEvent<DataChangedMessage>) => {
    if (e.data?.type === 'data.changed') handler(e.data);
  };
  ch.addEventListener('message', listener);
  return () => ch.removeEventListener('message', listener);
}
