/**
 * The RLHF trainer engine: one interface, implemented in process here and by the worker proxy
 * in `workers/rlhf.ts`, so the UI does not care where training runs. A run trains a version,
 * then calibrates and checks it on answers it was not trained on (see check.ts).
 */
import type { Reflector } from '../agents/reflection.ts';
import { AppError } from '../errors.ts';
import type { Embedder } from '../playbook/types.ts';
import { checkReadiness } from './assessment.ts';
import { checkCritic } from './check.ts';
import { trainCritic, type CriticModel, type TrainOptions, type TrainResult } from './critic.ts';
import { criticHook } from './critic-hook.ts';
import type { EpochStats } from './ppo.ts';
import { parseFeedback, type FeedbackRecord } from './records.ts';

/** Options that can cross a worker boundary (no embedder, callbacks or signals). */
export type TrainerOptions = Omit<TrainOptions, 'embedder' | 'onEpoch' | 'signal' | 'now'> & {
  /** The critic in use today (active and switched on), which the new version must beat. */
  current?: CriticModel;
};

export interface RlhfTrainer {
  train(records: FeedbackRecord[], options?: TrainerOptions, onEpoch?: (s: EpochStats) => void): Promise<TrainResult>;
  /** Stops a running training; its `train` call rejects with code `cancelled`. */
  cancel(): Promise<void>;
}

/**
 * Trains on `records`, then calibrates and checks the version on the held-back answers (the
 * returned `critic` carries `calibration` and `check`). Shared by the worker and the CLI.
 */
export async function trainAndCheck(records: readonly FeedbackRecord[], options: TrainOptions & { rules: Reflector; current?: CriticModel }): Promise<TrainResult> {
  const { rules, current, ...train } = options;
  const result = await trainCritic(records, train);
  const readiness = checkReadiness(records, train.reference ?? []);
  const critic = await checkCritic(result.critic, result.held_back, {
    embedder: train.embedder,
    rules,
    current: current ? criticHook(current, train.embedder, train.knownClients) : null,
    knownClients: train.knownClients,
    fromRatings: result.held_back_from_ratings,
    fromExamples: result.held_back_from_examples,
    needs: readiness.needs,
    seed: result.critic.training?.seed,
  });
  return { ...result, critic };
}

export class InProcessTrainer implements RlhfTrainer {
  #controller: AbortController | undefined;
  constructor(
    private readonly embedder: Embedder,
    private readonly rules: Reflector,
  ) {}

  async train(records: FeedbackRecord[], options: TrainerOptions = {}, onEpoch?: (s: EpochStats) => void): Promise<TrainResult> {
    if (this.#controller) throw new AppError('internal', 'A training run is already in progress.');
    const controller = new AbortController();
    this.#controller = controller;
    try {
      // Records may come from a file or across a worker boundary: validate before training.
      const reference = options.reference ? parseFeedback(options.reference) : [];
      return await trainAndCheck(parseFeedback(records), { ...options, reference, embedder: this.embedder, rules: this.rules, signal: controller.signal, onEpoch });
    } finally {
      this.#controller = undefined;
    }
  }

  async cancel(): Promise<void> {
    this.#controller?.abort();
  }
}
