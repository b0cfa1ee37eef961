/** Main-thread factory for the evaluation worker (workers/eval.worker.ts). */
import type { EvalEngine } from '../src/core/eval/host.ts';
import { Comlink, wrap } from './rpc.ts';

/** An EvalEngine running in its own worker; `dispose()` terminates it. */
export interface EvalEngineWorker extends EvalEngine {
  dispose(): void;
}

/** Starts the evaluation worker and resolves once it is ready. */
export async function createEvalWorker(): Promise<EvalEngineWorker> {
  const worker = new Worker(new URL('./eval.worker.ts', import.meta.url), { type: 'module', name: 'eval' });
  try {
    const remote = await wrap(worker, 'eval');
    return {
      // Bytes are copied, not transferred: the caller keeps its persisted copies.
      run: (cases, options, onProgress) => remote.run(cases, options, onProgress ? Comlink.proxy(onProgress) : undefined),
      checkCritic: (request, cases, options, onProgress) => remote.checkCritic(request, cases, options, onProgress ? Comlink.proxy(onProgress) : undefined),
      cancel: () => remote.cancel(),
      dispose: () => worker.terminate(),
    };
  } catch (err) {
    worker.terminate();
    throw err;
  }
}
