/**
 * The RLHF trainer engine: one interface, implemented in process here and by the worker proxy
 * in `workers/rlhf.ts`, so the UI does not care where training runs. Checking the new version
 * needs the client book, so it happens where the book is open (check-version.ts).
 */
import { AppError } from '../errors.ts';
import type { Embedder } from '../playbook/types.ts';
import { trainCritic, type TrainOptions, type TrainResult } from './critic.ts';
import type { EpochStats } from './ppo.ts';
import { parseFeedback, type FeedbackRecord } from './records.ts';

/** Options that can cross a worker boundary (no embedder, callbacks or signals). */
export type TrainerOptions = Omit<TrainOptions, 'embedder' | 'onEpoch' | 'signal' | 'now'>;

export interface RlhfTrainer {
  train(records: FeedbackRecord[], options?: TrainerOptions, onEpoch?: (s: EpochStats) => void): Promise<TrainResult>;
  /** Stops a running training; its `train` call rejects with code `cancelled`. */
  cancel(): Promise<void>;
}

export class InProcessTrainer implements RlhfTrainer {
  #controller: AbortController | undefined;
  constructor(private readonly embedder: Embedder) {}

  async train(records: FeedbackRecord[], options: TrainerOptions = {}, onEpoch?: (s: EpochStats) => void): Promise<TrainResult> {
    if (this.#controller) throw new AppError('internal', 'A training run is already in progress.');
    const controller = new AbortController();
    this.#controller = controller;
    try {
      // Records may come from a file or across a worker boundary: validate before training.
      const reference = options.reference ? parseFeedback(options.reference) : [];
      return await trainCritic(parseFeedback(records), { ...options, reference, embedder: this.embedder, signal: controller.signal, onEpoch });
    } finally {
      this.#controller = undefined;
    }
  }

  async cancel(): Promise<void> {
    this.#controller?.abort();
  }
}
