/**
 * Comlink glue shared by every worker and its main-thread proxy: AppErrors keep their code
 * across the boundary (a custom throw handler) instead of degrading to a plain Error.
 */
import * as Comlink from 'comlink';
import { AppError, toAppError, type AppErrorData } from '../src/core/errors.ts';

type Thrown = { value: unknown };

function isThrown(value: unknown): value is Thrown {
  return typeof value === 'object' && value !== null && 'value' in value;
}

const defaultThrow = Comlink.transferHandlers.get('throw');

Comlink.transferHandlers.set('throw', {
  canHandle: (value: unknown): value is Thrown => isThrown(value) && (defaultThrow?.canHandle(value) ?? false),
  serialize: (thrown: unknown) => {
    const err = toAppError(isThrown(thrown) ? thrown.value : thrown);
    return [err.toJSON(), []];
  },
  deserialize: (data: unknown) => {
    throw AppError.fromData(data as AppErrorData);
  },
});

export { Comlink };

/** Waits for a worker's `{ type: 'ready' }` message (sent after its top-level await) before wrapping it. */
export async function wrapWhenReady<T>(worker: Worker): Promise<Comlink.Remote<T>> {
  await new Promise<void>((resolve, reject) => {
    const onMessage = (e: MessageEvent) => {
      if (e.data && e.data.type === 'ready') {
        worker.removeEventListener('message', onMessage);
        resolve();
      }
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', (e) => reject(new AppError('internal', `Worker failed to start: ${e.message}`)), {
      once: true,
    });
  });
  return Comlink.wrap<T>(worker);
}

/** Exposes a core object from inside a worker and announces readiness. */
export function exposeReady(obj: object): void {
  Comlink.expose(obj);
  (self as unknown as Worker).postMessage({ type: 'ready' });
}
