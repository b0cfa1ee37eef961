/** Words a user understands for each error code. */
import { toAppError, type ErrorCode } from '../core/errors.ts';

const HINTS: Partial<Record<ErrorCode, string>> = {
  'quota-exceeded': 'Free some space (delete old conversations or documents) or allow persistent storage in Settings.',
  'storage-unavailable': 'The browser blocked local storage; private windows may not keep data.',
  'provider-auth': 'Check the API key in Settings. The built-in agent answered instead.',
  'provider-rate-limit': 'The model provider is rate limiting requests; try again in a minute.',
  'provider-network': 'The model endpoint could not be reached (offline, wrong URL or CORS).',
  'webgpu-unavailable': 'This browser has no usable WebGPU adapter, so local models are disabled.',
  'stale-tab': 'Another tab changed the data; this tab has reloaded it.',
};

/** A user-facing sentence for any thrown value: the error's own message plus a hint. */
export function describeError(err: unknown): string {
  const e = toAppError(err);
  if (e.code === 'cancelled') return 'Cancelled.';
  const hint = HINTS[e.code];
  return hint ? `${e.message} ${hint}` : e.message;
}
