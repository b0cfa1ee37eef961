/**
 * Comlink glue shared by every worker and its main-thread proxy: AppErrors keep their code
 * across the boundary (a custom throw handler) instead of degrading to a plain Error.
 */
import * as Comlink from 'comlink';
import { AppError, toAppError, type AppErrorData } from '../src/core/errors.ts';
import type { WorkerContracts, WorkerName } from './contracts.ts';

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

interface ReadyMessage {
  type: 'ready';
  contract: WorkerName;
}

function isReady(data: unknown): data is ReadyMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'ready';
}

/**
 * Waits for the worker's ready message (sent after its top-level await: messages posted before
 * it are dropped), checks it hosts contract `name`, and wraps it as that contract.
 */
export async function wrap<K extends WorkerName>(worker: Worker, name: K): Promise<Comlink.Remote<WorkerContracts[K]>> {
  await new Promise<void>((resolve, reject) => {
    const onMessage = (e: MessageEvent) => {
      if (!isReady(e.data)) return;
      worker.removeEventListener('message', onMessage);
      if (e.data.contract === name) resolve();
      else reject(new AppError('internal', `Expected the ${name} worker, got the ${e.data.contract} worker.`));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', (e) => reject(new AppError('internal', `Worker failed to start: ${e.message}`)), {
      once: true,
    });
  });
  return Comlink.wrap<WorkerContracts[K]>(worker);
}

/** Exposes the object implementing contract `name` from inside a worker and announces readiness. */
export function exposeReady<K extends WorkerName>(name: K, obj: WorkerContracts[K]): void {
  Comlink.expose(obj);
  const ready: ReadyMessage = { type: 'ready', contract: name };
  (self as unknown as Worker).postMessage(ready);
}
