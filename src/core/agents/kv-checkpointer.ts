/**
 * A LangGraph checkpoint saver over the app's KeyValueStore (IndexedDB in the browser, memory
 * in Node), so conversation threads survive reloads. Writes go through one queue: LangGraph
 * stores the writes of parallel tasks concurrently and each record is read-modify-write.
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

interface StoredCheckpoint {
  checkpoint: Serialized;
  metadata: Serialized;
  parentId?: string;
}

interface StoredWrite {
  taskId: string;
  idx: number;
  channel: string;
  value: Serialized;
  taskPath: string;
}

type Address = [thread: string, ns: string, id: string];

export class KvCheckpointSaver extends BaseCheckpointSaver {
  readonly #kv: KeyValueStore;
  readonly #prefix: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(kv: KeyValueStore, opts: { prefix?: string; serde?: SerializerProtocol } = {}) {
    super(opts.serde);
    this.#kv = kv;
    this.#prefix = opts.prefix ?? 'lg';
  }

  #cpKey(a: Address): string {
    return `${this.#prefix}:cp:${JSON.stringify(a)}`;
  }

  #wKey(a: Address): string {
    return `${this.#prefix}:w:${JSON.stringify(a)}`;
  }

  #serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(op, op);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #addresses(kind: 'cp' | 'w'): Promise<Address[]> {
    const start = `${this.#prefix}:${kind}:`;
    return (await this.#kv.keys()).filter((k) => k.startsWith(start)).map((k) => JSON.parse(k.slice(start.length)) as Address);
  }

  async #pendingWrites(a: Address): Promise<CheckpointPendingWrite[]> {
    const stored = (await this.#kv.get<Record<string, StoredWrite>>(this.#wKey(a))) ?? {};
    const ordered = Object.values(stored).sort((x, y) =>
      compareWritesSortKeys(writesSortKey(x.taskPath, x.taskId, x.idx), writesSortKey(y.taskPath, y.taskId, y.idx)),
    );
    return Promise.all(
      ordered.map(async (w): Promise<CheckpointPendingWrite> => [w.taskId, w.channel, await this.serde.loadsTyped(w.value[0], w.value[1])]),
    );
  }

  async #tuple(a: Address, stored: StoredCheckpoint, config?: RunnableConfig): Promise<CheckpointTuple> {
    const [thread_id, checkpoint_ns, checkpoint_id] = a;
    const tuple: CheckpointTuple = {
      config: config ?? { configurable: { thread_id, checkpoint_ns, checkpoint_id } },
      checkpoint: (await this.serde.loadsTyped(stored.checkpoint[0], stored.checkpoint[1])) as Checkpoint,
      metadata: (await this.serde.loadsTyped(stored.metadata[0], stored.metadata[1])) as CheckpointMetadata,
      pendingWrites: await this.#pendingWrites(a),
    };
    if (stored.parentId !== undefined) {
      tuple.parentConfig = { configurable: { thread_id, checkpoint_ns, checkpoint_id: stored.parentId } };
    }
    return tuple;
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const thread = config.configurable?.thread_id;
    if (typeof thread !== 'string') return undefined;
    const ns: string = config.configurable?.checkpoint_ns ?? '';
    const id = getCheckpointId(config);
    if (id) {
      const stored = await this.#kv.get<StoredCheckpoint>(this.#cpKey([thread, ns, id]));
      return stored ? this.#tuple([thread, ns, id], stored, config) : undefined;
    }
    const latest = (await this.#addresses('cp'))
      .filter(([t, n]) => t === thread && n === ns)
      .map(([, , cid]) => cid)
      .sort()
      .pop();
    if (latest === undefined) return undefined;
    const stored = await this.#kv.get<StoredCheckpoint>(this.#cpKey([thread, ns, latest]));
    return stored ? this.#tuple([thread, ns, latest], stored) : undefined;
  }

  async *list(config: RunnableConfig, options: CheckpointListOptions = {}): AsyncGenerator<CheckpointTuple> {
    const { before, filter } = options;
    let limit = options.limit;
    const thread = config.configurable?.thread_id;
    const ns = config.configurable?.checkpoint_ns;
    const id = config.configurable?.checkpoint_id;
    const beforeId = before?.configurable?.checkpoint_id;
    const addresses = (await this.#addresses('cp'))
      .filter(([t, n, c]) => (thread === undefined || t === thread) && (ns === undefined || n === ns) && (!id || c === id))
      .filter(([, , c]) => !beforeId || c < beforeId)
      .sort((x, y) => (x[0] === y[0] ? (x[2] < y[2] ? 1 : x[2] > y[2] ? -1 : 0) : x[0] < y[0] ? -1 : 1));
    for (const a of addresses) {
      if (limit !== undefined && limit <= 0) break;
      const stored = await this.#kv.get<StoredCheckpoint>(this.#cpKey(a));
      if (!stored) continue;
      const tuple = await this.#tuple(a, stored);
      const metadata = (tuple.metadata ?? {}) as Record<string, unknown>;
      if (filter && !Object.entries(filter).every(([k, v]) => metadata[k] === v)) continue;
      if (limit !== undefined) limit -= 1;
      yield tuple;
    }
  }

  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, _versions: ChannelVersions): Promise<RunnableConfig> {
    const thread = config.configurable?.thread_id;
    if (typeof thread !== 'string') throw new Error('KvCheckpointSaver.put needs configurable.thread_id');
    const ns: string = config.configurable?.checkpoint_ns ?? '';
    const [cp, md] = await Promise.all([this.serde.dumpsTyped(checkpoint), this.serde.dumpsTyped(metadata)]);
    const stored: StoredCheckpoint = { checkpoint: cp, metadata: md, parentId: config.configurable?.checkpoint_id };
    await this.#serial(() => this.#kv.set(this.#cpKey([thread, ns, checkpoint.id]), stored));
    return { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath = ''): Promise<void> {
    const thread = config.configurable?.thread_id;
    const id = config.configurable?.checkpoint_id;
    if (typeof thread !== 'string' || typeof id !== 'string') throw new Error('KvCheckpointSaver.putWrites needs thread_id and checkpoint_id');
    const ns: string = config.configurable?.checkpoint_ns ?? '';
    const serialized = await Promise.all(writes.map(([, value]) => this.serde.dumpsTyped(value)));
    const key = this.#wKey([thread, ns, id]);
    await this.#serial(async () => {
      const record = (await this.#kv.get<Record<string, StoredWrite>>(key)) ?? {};
      writes.forEach(([channel], i) => {
        const idx = WRITES_IDX_MAP[channel] ?? i;
        const inner = `${taskId},${idx}`;
        // Regular writes are idempotent per (task, idx); special writes (errors, interrupts) overwrite.
        if (idx >= 0 && inner in record) return;
        record[inner] = { taskId, idx, channel, value: serialized[i], taskPath };
      });
      await this.#kv.set(key, record);
    });
  }

  async deleteThread(threadId: string): Promise<void> {
    const [cps, ws] = await Promise.all([this.#addresses('cp'), this.#addresses('w')]);
    await this.#serial(async () => {
      for (const a of cps) if (a[0] === threadId) await this.#kv.del(this.#cpKey(a));
      for (const a of ws) if (a[0] === threadId) await this.#kv.del(this.#wKey(a));
    });
  }
}
