/**
 * Versioned reflection critics over a KeyValueStore: each save is version n+1. A saved version
 * becomes active only when its check says it is better than today's reviewer, or when the rep
 * switches it on; reset makes the untrained critic active again without deleting history.
 */
import { AppError } from '../errors.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import { shouldActivate, type CriticCheck } from './assessment.ts';
import { parseCriticModel, type CriticModel } from './critic.ts';

const PREFIX = 'rlhf/critic/v';
const ACTIVE = 'rlhf/critic/active';

export interface CriticVersionInfo {
  version: number;
  trained_at: string | null;
  val_accuracy_after: number | null;
  active: boolean;
  /** The check against the reviewer in use when it was trained (absent for older versions). */
  check: CriticCheck | null;
  calibrated: boolean;
}

function versionsOf(keys: readonly string[]): number[] {
  return keys
    .filter((k) => k.startsWith(PREFIX))
    .map((k) => Number(k.slice(PREFIX.length)))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
}

export class CriticStore {
  constructor(private readonly kv: KeyValueStore) {}

  async versions(): Promise<number[]> {
    return versionsOf(await this.kv.keys());
  }

  /** Saves a trained critic as the next version (one atomic write). It is switched on only when its
   * check found it better (never by itself otherwise); returns it with its version and whether it is now active. */
  async save(critic: CriticModel): Promise<{ critic: CriticModel; activated: boolean }> {
    return this.kv.update({ prefixes: [PREFIX] }, (current, batch) => {
      const next = (versionsOf(current.keys(PREFIX)).at(-1) ?? 0) + 1;
      const saved: CriticModel = { ...critic, version: next };
      batch.set(PREFIX + next, saved);
      const activated = shouldActivate(saved.check);
      if (activated) batch.set(ACTIVE, next);
      return { critic: saved, activated };
    });
  }

  /** The active version number, 0 for the untrained critic. */
  async activeVersion(): Promise<number> {
    return (await this.kv.get<number>(ACTIVE)) ?? 0;
  }

  /** The active critic, or undefined when the untrained critic is in use. */
  async loadActive(): Promise<CriticModel | undefined> {
    const active = await this.kv.get<number>(ACTIVE);
    return active ? this.load(active) : undefined;
  }

  async load(version: number): Promise<CriticModel> {
    const data = await this.kv.get<unknown>(PREFIX + version);
    if (data === undefined) throw new AppError('model-unavailable', `Critic version ${version} does not exist.`);
    try {
      return parseCriticModel(data);
    } catch {
      throw new AppError('storage-corrupt', `Stored critic version ${version} is damaged.`);
    }
  }

  /** Makes an existing version active (roll back or forward). */
  async activate(version: number): Promise<void> {
    await this.load(version);
    await this.kv.set(ACTIVE, version);
  }

  /** Back to the untrained critic (P(pass) = 0.5, never vetoes); saved versions are kept. */
  async reset(): Promise<void> {
    await this.kv.set(ACTIVE, 0);
  }

  async list(): Promise<CriticVersionInfo[]> {
    const active = (await this.kv.get<number>(ACTIVE)) ?? 0;
    const out: CriticVersionInfo[] = [];
    for (const v of await this.versions()) {
      const c = await this.load(v);
      out.push({
        version: v,
        trained_at: c.trained_at,
        val_accuracy_after: c.training?.val_accuracy_after ?? null,
        active: v === active,
        check: c.check ?? null,
        calibrated: !!c.calibration,
      });
    }
    return out;
  }
}
