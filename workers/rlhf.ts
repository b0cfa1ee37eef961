/** Main-thread proxy for the RLHF worker; satisfies the same `RlhfTrainer` interface. */
import type { TrainResult } from '../src/core/rlhf/critic.ts';
import type { EpochStats } from '../src/core/rlhf/ppo.ts';
import type { FeedbackRecord } from '../src/core/rlhf/records.ts';
import type { RlhfTrainer, TrainerOptions } from '../src/core/rlhf/trainer.ts';
import { Comlink, wrap } from './rpc.ts';

/** Starts the RLHF worker and returns a trainer whose progress callback crosses via Comlink.proxy. */
export async function createWorkerTrainer(): Promise<RlhfTrainer & { terminate(): void }> {
  const worker = new Worker(new URL('./rlhf.worker.ts', import.meta.url), { type: 'module', name: 'rlhf' });
  const remote = await wrap(worker, 'rlhf');
  return {
    train(records: FeedbackRecord[], options?: TrainerOptions, onEpoch?: (s: EpochStats) => void): Promise<TrainResult> {
      return remote.train(records, options, onEpoch ? Comlink.proxy(onEpoch) : undefined);
    },
    cancel: () => remote.cancel(),
    terminate: () => worker.terminate(),
  };
}
