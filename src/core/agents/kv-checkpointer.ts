/**
 * A LangGraph checkpoint saver over the app's KeyValueStore (IndexedDB in the browser, memory
 * in Node), so conversation threads survive reloads. Bounded: it keeps only what resuming needs,
 * the latest checkpoint of each thread (and namespace) plus that checkpoint's pending writes, so
 * storage grows with the conversation, not with every graph step. Generic over the graph state.
 *
 * Records per thread and namespace: `<prefix><thread>/<ns>/cp` and `<prefix><thread>/<ns>/w`.
 * Operations run in call order through one queue; each is one atomic `update`.
 * A checkpoint that cannot be read is dropped (the thread starts afresh) and reported through
 * `onDamaged`, so one damaged record never breaks a conversation for good.
 */
import { BaseCheckpointSaver, type Checkpoint, type CheckpointTuple } from '@langchain/langgraph/web';
import {
  WRITES_IDX_MAP,
  compareWritesSortKeys,
  getCheckpointId,
  writesSortKey,
  type ChannelVersions,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type PendingWrite,
  type SerializerProtocol,
} from '@langchain/langgraph-checkpoint';
import type { RunnableConfig } from '@langchain/core/runnables';
import type { KeyValueStore } from '../storage/kv.ts';

type Serialized = [type: string, bytes: Uint8Array];

/** The latest checkpoint of one thread and namespace. */
export interface StoredCheckpoint {
  id: string;
  checkpoint: Serialized;
  metadata: Serialized;
  parentId?: string;
}

export interface StoredWrite {
  taskId: string;
  idx: number;
  channel: string;
  value: Serialized;
  taskPath: string;
}

/** Pending writes of the latest checkpoint, keyed `taskId,idx`. */
export interface StoredWrites {
  checkpointId: string;
  writes: Record<string, StoredWrite>;
}

export interface KvCheckpointSaverOptions {
  prefix?: string;
  serde?: SerializerProtocol;
  /** Called when a thread's checkpoint could not be read and was dropped. */
  onDamaged?: (threadId: string) => void;
}

const enc = encodeURIComponent;

/** Key of a thread's records (all namespaces) under `prefix`. */
export function threadPrefix(prefix: string, threadId: string): string {
  return `${prefix}${enc(threadId)}/`;
}

function recordKeys(prefix: string, thread: string, ns: string): { cp: string; w: string } {
  const base = `${threadPrefix(prefix, thread)}${enc(ns)}/`;
  return { cp: `${base}cp`, w: `${base}w` };
}

function isSerialized(v: unknown): v is Serialized {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && v[1] instanceof Uint8Array;
}

function isStoredCheckpoint(v: unknown): v is StoredCheckpoint {
  const c = v as Partial<StoredCheckpoint> | undefined;
  return !!c && typeof c === 'object' && typeof c.id === 'string' && isSerialized(c.checkpoint) && isSerialized(c.metadata);
}

export class KvCheckpointSaver extends BaseCheckpointSaver {
  readonly #kv: KeyValueStore;
  readonly #prefix: string;
  readonly #onDamaged?: (threadId: string) => void;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(kv: KeyValueStore, opts: KvCheckpointSaverOptions = {}) {
    super(opts.serde);
    this.#kv = kv;
    this.#prefix = opts.prefix ?? 'lg/';
    this.#onDamaged = opts.onDamaged;
  }

  /** Runs operations in call order (LangGraph stores parallel tasks' writes concurrently). */
  #serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(op, op);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #pendingWrites(w: StoredWrites | undefined, checkpointId: string): Promise<CheckpointPendingWrite[]> {
    if (!w || w.checkpointId !== checkpointId) return [];
    const ordered = Object.values(w.writes).sort((x, y) =>
      compareWritesSortKeys(writesSortKey(x.taskPath, x.taskId, x.idx), writesSortKey(y.taskPath, y.taskId, y.idx)),
    );
    return Promise.all(ordered.map(async (x): Promise<CheckpointPendingWrite> => [x.taskId, x.channel, await this.serde.loadsTyped(x.value[0], x.value[1])]));
  }

  async #tuple(thread: string, ns: string, stored: StoredCheckpoint, w: StoredWrites | undefined, config?: RunnableConfig): Promise<CheckpointTuple> {
    const tuple: CheckpointTuple = {
      config: config ?? { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: stored.id } },
      checkpoint: (await this.serde.loadsTyped(stored.checkpoint[0], stored.checkpoint[1])) as Checkpoint,
      metadata: (await this.serde.loadsTyped(stored.metadata[0], stored.metadata[1])) as CheckpointMetadata,
      pendingWrites: await this.#pendingWrites(w, stored.id),
    };
    if (stored.parentId !== undefined) {
      tuple.parentConfig = { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: stored.parentId } };
    }
    return tuple;
  }

  /** Reads a thread's tuple; a damaged record is deleted and reported, and reads as missing. */
  async #read(thread: string, ns: string, id: string | undefined, config?: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const keys = recordKeys(this.#prefix, thread, ns);
    const [stored, w] = await Promise.all([this.#kv.get<unknown>(keys.cp), this.#kv.get<StoredWrites>(keys.w)]);
    if (stored === undefined) return undefined;
    try {
      if (!isStoredCheckpoint(stored)) throw new Error('not a checkpoint record');
      if (id && stored.id !== id) return undefined;
      return await this.#tuple(thread, ns, stored, w, id ? config : undefined);
    } catch {
      await this.#serial(() => this.#kv.update({}, (_, batch) => [keys.cp, keys.w].forEach((k) => batch.del(k))));
      this.#onDamaged?.(thread);
      return undefined;
    }
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const thread = config.configurable?.thread_id;
    if (typeof thread !== 'string') return undefined;
    const ns: string = config.configurable?.checkpoint_ns ?? '';
    return this.#read(thread, ns, getCheckpointId(config) || undefined, config);
  }

  async *list(config: RunnableConfig, options: CheckpointListOptions = {}): AsyncGenerator<CheckpointTuple> {
    const { before, filter } = options;
    let limit = options.limit;
    const thread = config.configurable?.thread_id;
    const ns = config.configurable?.checkpoint_ns;
    const id = config.configurable?.checkpoint_id;
    const beforeId = before?.configurable?.checkpoint_id;
    const start = typeof thread === 'string' ? threadPrefix(this.#prefix, thread) : this.#prefix;
    const addresses = (await this.#kv.keys())
      .filter((k) => k.startsWith(start) && k.endsWith('/cp'))
      .map((k) => k.slice(this.#prefix.length, -'/cp'.length).split('/').map(decodeURIComponent) as [string, string])
      .filter(([, n]) => ns === undefined || n === ns)
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    for (const [t, n] of addresses) {
      if (limit !== undefined && limit <= 0) break;
      const tuple = await this.#read(t, n, undefined);
      if (!tuple) continue;
      const cid = tuple.checkpoint.id;
      if ((id && cid !== id) || (beforeId && cid >= beforeId)) continue;
      const metadata = (tuple.metadata ?? {}) as Record<string, unknown>;
      if (filter && !Object.entries(filter).every(([k, v]) => metadata[k] === v)) continue;
      if (limit !== undefined) limit -= 1;
      yield tuple;
    }
  }

  /** Stores `checkpoint` as the thread's latest and drops the previous one and its writes. */
  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, _versions: ChannelVersions): Promise<RunnableConfig> {
    const thread = config.configurable?.thread_id;
    if (typeof thread !== 'string') throw new Error('KvCheckpointSaver.put needs configurable.thread_id');
    const ns: string = config.configurable?.checkpoint_ns ?? '';
    const parentId: string | undefined = config.configurable?.checkpoint_id;
    // Serialize now (the caller may reuse the objects), write in call order.
    const serialized = Promise.all([this.serde.dumpsTyped(checkpoint), this.serde.dumpsTyped(metadata)]);
    const keys = recordKeys(this.#prefix, thread, ns);
    await this.#serial(async () => {
      const [cp, md] = await serialized;
      const stored: StoredCheckpoint = { id: checkpoint.id, checkpoint: cp, metadata: md, ...(parentId ? { parentId } : {}) };
      await this.#kv.update({ keys: [keys.cp, keys.w] }, (current, batch) => {
        const existing = current.get<unknown>(keys.cp);
        // Never replace a newer checkpoint with an older one (e.g. two tabs on one thread).
        if (isStoredCheckpoint(existing) && existing.id > checkpoint.id) return;
        batch.set(keys.cp, stored);
        if (current.get<StoredWrites>(keys.w)?.checkpointId !== checkpoint.id) batch.del(keys.w);
      });
    });
    return { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  /** Records pending writes of the thread's latest checkpoint (writes of an older one are not needed). */
  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath = ''): Promise<void> {
    const thread = config.configurable?.thread_id;
    const id = config.configurable?.checkpoint_id;
    if (typeof thread !== 'string' || typeof id !== 'string') throw new Error('KvCheckpointSaver.putWrites needs thread_id and checkpoint_id');
    const ns: string = config.configurable?.checkpoint_ns ?? '';
    const serialized = Promise.all(writes.map(([, value]) => this.serde.dumpsTyped(value)));
    const keys = recordKeys(this.#prefix, thread, ns);
    await this.#serial(async () => {
      const values = await serialized;
      await this.#kv.update({ keys: [keys.cp, keys.w] }, (current, batch) => {
        const cp = current.get<unknown>(keys.cp);
        if (!isStoredCheckpoint(cp) || cp.id !== id) return;
        const existing = current.get<StoredWrites>(keys.w);
        const record: StoredWrites = existing?.checkpointId === id ? existing : { checkpointId: id, writes: {} };
        writes.forEach(([channel], i) => {
          const idx = WRITES_IDX_MAP[channel] ?? i;
          const inner = `${taskId},${idx}`;
          // Regular writes are idempotent per (task, idx); special writes (errors, interrupts) overwrite.
          if (idx >= 0 && inner in record.writes) return;
          record.writes[inner] = { taskId, idx, channel, value: values[i], taskPath };
        });
        batch.set(keys.w, record);
      });
    });
  }

  async deleteThread(threadId: string): Promise<void> {
    const prefix = threadPrefix(this.#prefix, threadId);
    await this.#serial(() => this.#kv.update({ prefixes: [prefix] }, (current, batch) => current.keys(prefix).forEach((k) => batch.del(k))));
  }
}

/**
 * Converts checkpoints stored by the first, unbounded saver (`<from>:cp:[thread,ns,id]` and
 * `<from>:w:[thread,ns,id]`, one record per step) to this saver's layout under `to`, keeping
 * only the latest checkpoint of each thread and namespace and its pending writes.
 */
export function migrateUnboundedCheckpoints(entries: ReadonlyMap<string, unknown>, from: string, to: string): Map<string, unknown> {
  const parse = (key: string, kind: 'cp' | 'w'): [string, string, string] | null => {
    const start = `${from}:${kind}:`;
    if (!key.startsWith(start)) return null;
    try {
      const a: unknown = JSON.parse(key.slice(start.length));
      return Array.isArray(a) && a.length === 3 && a.every((x) => typeof x === 'string') ? (a as [string, string, string]) : null;
    } catch {
      return null;
    }
  };
  const latest = new Map<string, [string, string, string]>();
  for (const key of entries.keys()) {
    const a = parse(key, 'cp');
    if (!a) continue;
    const id = JSON.stringify([a[0], a[1]]);
    const seen = latest.get(id);
    if (!seen || seen[2] < a[2]) latest.set(id, a);
  }
  const out = new Map<string, unknown>();
  for (const [thread, ns, id] of latest.values()) {
    const old = entries.get(`${from}:cp:${JSON.stringify([thread, ns, id])}`) as { checkpoint?: unknown; metadata?: unknown; parentId?: unknown };
    if (!old || !isSerialized(old.checkpoint) || !isSerialized(old.metadata)) continue;
    const keys = recordKeys(to, thread, ns);
    const stored: StoredCheckpoint = { id, checkpoint: old.checkpoint, metadata: old.metadata };
    if (typeof old.parentId === 'string') stored.parentId = old.parentId;
    out.set(keys.cp, stored);
    const w = entries.get(`${from}:w:${JSON.stringify([thread, ns, id])}`);
    if (w && typeof w === 'object') out.set(keys.w, { checkpointId: id, writes: w as Record<string, StoredWrite> } satisfies StoredWrites);
  }
  return out;
}
