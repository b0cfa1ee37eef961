/**
 * The reflection critic in the app: training in the RLHF worker with live per-epoch history,
 * saved versions (CriticStore over the one persistence module), activate/reset, and the
 * "use the critic in reflection" switch. `scorer()` is the hook the chat passes to reflection.
 */
import { toAppError } from '../../core/errors.ts';
import type { Critic } from '../../core/agents/reflection.ts';
import { BuiltinEmbedder } from '../../core/playbook/builtin-embedder.ts';
import type { CriticModel, TrainResult } from '../../core/rlhf/critic.ts';
import { CriticStore, type CriticVersionInfo } from '../../core/rlhf/critic-store.ts';
import type { EpochStats } from '../../core/rlhf/ppo.ts';
import type { FeedbackRecord } from '../../core/rlhf/records.ts';
import type { RlhfTrainer } from '../../core/rlhf/trainer.ts';
import { describeError } from '../errors.ts';
import {
  checkSettings,
  criticCell,
  criticFits,
  criticHook,
  critiqueRecords,
  trainingReadiness,
  type CriticCell,
  type RecordVerdict,
  type TrainSettings,
} from '../components/feedback/feedback-model.ts';
import { storageReady } from '../storage/migrate.ts';
import { KEYS, kvStore, read, write } from '../storage/persistence.ts';
import { onRemoteChange } from '../storage/tabs.ts';

export type { CriticCell, TrainSettings };
export const DEFAULT_TRAIN_SETTINGS: TrainSettings = { epochs: 3, lr: 1e-5, seed: 42 };

/** What the last finished training produced. */
export interface TrainOutcome {
  version: number;
  valAccuracyBefore: number;
  valAccuracyAfter: number;
  nTrain: number;
  nVal: number;
}

type WorkerTrainer = RlhfTrainer & { terminate(): void };

export class CriticState {
  versions = $state.raw<CriticVersionInfo[]>([]);
  /** The active trained critic; null means the untrained critic (never vetoes). */
  active = $state.raw<CriticModel | null>(null);
  useCritic = $state(true);
  training = $state(false);
  /** Per-epoch statistics of the running (or last) training, for the chart and table. */
  history = $state.raw<EpochStats[]>([]);
  outcome = $state.raw<TrainOutcome | null>(null);
  error = $state<string | null>(null);
  loaded = $state(false);
  /** The active critic's verdicts on the feedback records (by id), tagged with the critic that gave them. */
  verdicts = $state.raw<{ model: CriticModel; byId: ReadonlyMap<string, RecordVerdict> } | null>(null);

  readonly #store = new CriticStore(kvStore('critic'));
  readonly #embedder = new BuiltinEmbedder();
  #trainer: Promise<WorkerTrainer> | null = null;
  #loading: Promise<void> | null = null;
  #hook: { model: CriticModel; critic: Critic | null } | null = null;
  #judgeRequest = 0;

  /** Loads versions, the active critic and the switch once; reloads when another tab changes them. */
  load(): Promise<void> {
    this.#loading ??= storageReady().then(() => this.#refresh()).then(() => {
      onRemoteChange(() => void this.#refresh(), ['critic', 'workspace']);
    });
    return this.#loading;
  }

  async #refresh(): Promise<void> {
    try {
      const [versions, active, use] = await Promise.all([
        this.#store.list(),
        this.#store.loadActive(),
        read<boolean>(KEYS.useCritic),
      ]);
      this.versions = versions;
      this.active = active ?? null;
      this.useCritic = use ?? true;
    } catch (err) {
      this.error = describeError(err);
    } finally {
      this.loaded = true;
    }
  }

  /** Runs a critic-store write (one transaction, announced to other tabs), then refreshes. */
  async #write<T>(fn: () => Promise<T>): Promise<T> {
    const result = await fn();
    await this.#refresh();
    return result;
  }

  async setUseCritic(on: boolean): Promise<void> {
    this.error = null;
    try {
      await this.#write(() => write('critic', {}, (_, batch) => batch.set(KEYS.useCritic, on)));
    } catch (err) {
      this.error = describeError(err);
    }
  }

  /**
   * Trains a critic on `records` in the RLHF worker, streaming epochs into `history`, then saves it
   * as the next version and makes it active. Refuses too little or one-sided feedback up front.
   */
  async train(records: readonly FeedbackRecord[], settings: TrainSettings = DEFAULT_TRAIN_SETTINGS): Promise<void> {
    if (this.training) return;
    this.error = null;
    this.outcome = null;
    const ready = trainingReadiness(records);
    if (!ready.ok) {
      this.error = ready.reason;
      return;
    }
    const bad = checkSettings(settings);
    if (bad) {
      this.error = bad;
      return;
    }
    this.training = true;
    this.history = [];
    try {
      const trainer = await this.#getTrainer();
      // Plain copies: records may come from reactive state and must be structured-cloneable.
      const plain = records.map((r) => JSON.parse(JSON.stringify(r)) as FeedbackRecord);
      const result: TrainResult = await trainer.train(plain, { ...settings }, (s) => {
        this.history = [...this.history, s];
      });
      const saved = await this.#write(() => this.#store.save(result.critic));
      this.outcome = {
        version: saved.version,
        valAccuracyBefore: result.val_accuracy_before,
        valAccuracyAfter: result.val_accuracy_after,
        nTrain: saved.training?.n_train ?? 0,
        nVal: saved.training?.n_val ?? 0,
      };
    } catch (err) {
      const e = toAppError(err);
      this.error = e.code === 'cancelled' ? 'Training was cancelled; no new version was saved.' : describeError(e);
    } finally {
      this.training = false;
    }
  }

  /** Stops the running training; `train` then reports the cancellation. */
  async cancel(): Promise<void> {
    if (!this.training || !this.#trainer) return;
    const trainer = await this.#trainer;
    await trainer.cancel();
  }

  async activate(version: number): Promise<void> {
    this.error = null;
    try {
      await this.#write(() => this.#store.activate(version));
    } catch (err) {
      this.error = describeError(err);
    }
  }

  /** Back to the untrained critic; saved versions stay listed. */
  async reset(): Promise<void> {
    this.error = null;
    try {
      await this.#write(() => this.#store.reset());
    } catch (err) {
      this.error = describeError(err);
    }
  }

  /**
   * The reflection hook (`Critic` from core/agents/reflection.ts): null when the switch is off,
   * no trained critic is active, or the critic was trained on another embedder's features.
   */
  async scorer(): Promise<Critic | null> {
    await this.load();
    const model = this.active;
    if (!this.useCritic || !model) return null;
    if (this.#hook?.model !== model) this.#hook = { model, critic: criticHook(model, this.#embedder) };
    return this.#hook.critic;
  }

  /** True when reflection uses a trained critic: one is active, the switch is on and it fits the built-in embedder. */
  get inUse(): boolean {
    return this.useCritic && this.active !== null && criticFits(this.active, this.#embedder);
  }

  /**
   * Recomputes the active critic's verdict on every record, with the same features and embedder
   * as training and reflection. Reads the critic and the switch before its first await, so a
   * `$effect` calling it re-runs after training, activation, reset, the switch and record edits.
   * Results of an older call are dropped.
   */
  async judge(records: readonly FeedbackRecord[]): Promise<void> {
    const model = this.active;
    const inUse = this.inUse;
    const request = ++this.#judgeRequest;
    if (!model || !inUse) {
      this.verdicts = null;
      return;
    }
    try {
      const byId = await critiqueRecords(model, this.#embedder, records);
      if (request === this.#judgeRequest) this.verdicts = { model, byId };
    } catch (err) {
      if (request === this.#judgeRequest) {
        this.verdicts = null;
        this.error = describeError(err);
      }
    }
  }

  /** The Critic column, one cell per record; a verdict from a previous critic shows as pending. */
  cells(records: readonly FeedbackRecord[]): CriticCell[] {
    const inUse = this.inUse;
    const current = this.verdicts && this.verdicts.model === this.active ? this.verdicts.byId : undefined;
    return records.map((r) => criticCell(r, inUse, r.id ? current?.get(r.id) : undefined));
  }

  /** Stops the worker (e.g. when the app is torn down in tests). */
  dispose(): void {
    const pending = this.#trainer;
    this.#trainer = null;
    void pending?.then((t) => t.terminate()).catch(() => undefined);
  }

  #getTrainer(): Promise<WorkerTrainer> {
    if (!this.#trainer) {
      const starting = import('../../../workers/rlhf.ts').then((m) => m.createWorkerTrainer());
      // A worker that failed to start is not cached, so the next attempt retries.
      starting.catch(() => {
        if (this.#trainer === starting) this.#trainer = null;
      });
      this.#trainer = starting;
    }
    return this.#trainer;
  }
}

export const critic = new CriticState();
