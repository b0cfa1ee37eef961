/**
 * Conversations: kept in IndexedDB, resumable, renamable and deletable; a reload reopens the
 * conversation the rep was in. Each conversation is also a LangGraph thread (same id).
 */
import type { AnswerRecord } from '../../core/agents/types.ts';
import type { CopilotEvent } from '../../core/agents/events.ts';
import { threadPrefix } from '../../core/agents/kv-checkpointer.ts';
import { describeError } from '../errors.ts';
import { compactConversation, readConversation, readConversationList, sortConversations } from '../storage/conversation-records.ts';
import { storageReady } from '../storage/migrate.ts';
import { KEYS, read, readAll, write } from '../storage/persistence.ts';
import { onRemoteChange } from '../storage/tabs.ts';
import { copilot } from './copilot.svelte.ts';

const INDEX_KEY = KEYS.conversations;
const CURRENT_KEY = KEYS.conversationsCurrent;
const convKey = (id: string) => `${KEYS.conversation}${id}`;

/** The list with `meta` added or replaced, newest first. */
function upsert(list: ConversationMeta[], meta: ConversationMeta): ConversationMeta[] {
  return sortConversations([meta, ...list.filter((c) => c.id !== meta.id)]);
}

const setCurrent = (id: string | null) =>
  write(null, {}, (_, batch) => (id ? batch.set(CURRENT_KEY, id) : batch.del(CURRENT_KEY))).catch(() => undefined);

export type StepEvent = Exclude<CopilotEvent, { type: 'token' }>;

export interface Turn {
  id: string;
  question: string;
  answer: string;
  status: 'running' | 'done' | 'error' | 'cancelled';
  /** Live progress line, e.g. "Reflection (attempt 2 of 3)". */
  step: string;
  events: StepEvent[];
  record?: AnswerRecord;
  error?: string;
  notice?: string;
}

export interface ConversationMeta {
  id: string;
  title: string;
  updatedAt: string;
}

export interface Conversation extends ConversationMeta {
  turns: Turn[];
}

const NODE_LABEL = { understand: 'Reading the question', crm_agent: 'CRM agent', tools: 'Running tools', reflection: 'Reflection' } as const;

function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function titleFrom(question: string): string {
  const t = question.trim().replace(/\s+/g, ' ');
  return t.length > 48 ? `${t.slice(0, 47)}…` : t;
}

export class Conversations {
  list = $state.raw<ConversationMeta[]>([]);
  current = $state<Conversation | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  /** Something the rep should know about saved conversations (a damaged record was dropped). */
  notice = $state<string | null>(null);
  #abort: AbortController | null = null;
  #loaded: Promise<void> | null = null;

  load(): Promise<void> {
    this.#loaded ??= (async () => {
      await storageReady();
      await this.#reloadList();
      const currentId = await read<unknown>(CURRENT_KEY).catch(() => undefined);
      if (typeof currentId === 'string') await this.open(currentId);
      // Conversations started, renamed or deleted in another tab show up here too.
      onRemoteChange(() => void this.#onRemoteChange(), ['conversations', 'workspace']);
    })();
    return this.#loaded;
  }

  /** Reads the list; a damaged list is rebuilt from the conversations themselves. */
  async #reloadList(): Promise<void> {
    const stored = await read<unknown>(INDEX_KEY).catch(() => undefined);
    const { list, damaged } = readConversationList(stored);
    if (!damaged) {
      this.list = list;
      return;
    }
    const rebuilt = (await readAll(KEYS.conversation).catch(() => []))
      .map(([, value]) => readConversation(value))
      .filter((c): c is Conversation => c !== null)
      .map(({ id, title, updatedAt }) => ({ id, title, updatedAt }));
    const repaired = sortConversations(rebuilt);
    await write('conversations', {}, (_, batch) => batch.set(INDEX_KEY, repaired)).catch(() => undefined);
    this.list = repaired;
    this.notice = 'The list of conversations was damaged; it was rebuilt from the saved conversations.';
  }

  async #onRemoteChange(): Promise<void> {
    await this.#reloadList();
    const open = this.current;
    if (!open || this.busy) return;
    if (!this.list.some((c) => c.id === open.id)) {
      this.current = null;
      return;
    }
    const fresh = readConversation(await read<unknown>(convKey(open.id)).catch(() => undefined));
    if (fresh && fresh.updatedAt !== open.updatedAt) this.current = fresh;
  }

  async open(id: string): Promise<void> {
    const stored = await read<unknown>(convKey(id)).catch(() => undefined);
    if (stored === undefined) return;
    const conv = readConversation(stored);
    if (!conv) {
      // Drop it rather than break the Chat view; its memory goes with it.
      await this.#delete(id).catch(() => undefined);
      this.notice = 'A saved conversation could not be read (its record is damaged) and was removed.';
      return;
    }
    this.current = conv;
    await setCurrent(id);
  }

  startNew(): void {
    this.current = null;
    void setCurrent(null);
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.trim();
    if (!clean) return;
    const conv = this.current?.id === id ? this.current : readConversation(await read<unknown>(convKey(id)));
    if (!conv) return;
    conv.title = clean;
    await this.#save(conv);
  }

  async remove(id: string): Promise<void> {
    await this.#delete(id);
    if (this.current?.id === id) this.startNew();
  }

  /** Deletes a conversation, its list entry and its memory (checkpoints) in one transaction. */
  async #delete(id: string): Promise<void> {
    const memory = threadPrefix(KEYS.checkpoints, id);
    this.list = await write('conversations', { keys: [INDEX_KEY], prefixes: [memory] }, (cur, batch) => {
      const list = readConversationList(cur.get(INDEX_KEY)).list.filter((c) => c.id !== id);
      batch.del(convKey(id));
      for (const k of cur.keys(memory)) batch.del(k);
      batch.set(INDEX_KEY, list);
      return list;
    });
  }

  stop(): void {
    this.#abort?.abort();
  }

  async ask(question: string): Promise<void> {
    const q = question.trim();
    if (!q || this.busy) return;
    this.error = null;
    if (!this.current) {
      this.current = { id: newId('c'), title: titleFrom(q), updatedAt: new Date().toISOString(), turns: [] };
      await setCurrent(this.current.id);
    }
    const conv = this.current;
    conv.turns.push({ id: newId('t'), question: q, answer: '', status: 'running', step: 'Starting…', events: [] });
    const turn = conv.turns[conv.turns.length - 1];
    this.busy = true;
    this.#abort = new AbortController();
    await this.#save(conv).catch(() => undefined);
    try {
      const record = await copilot.answer(q, conv.id, (e) => this.#onEvent(turn, e), this.#abort.signal);
      turn.record = record;
      turn.answer = record.answer;
      turn.status = 'done';
      turn.step = '';
      if (copilot.takeMemoryReset(conv.id)) {
        this.notice = "The co-pilot's memory of this conversation was damaged and has been reset: earlier answers stay shown, but it no longer recalls them.";
      }
    } catch (err) {
      const cancelled = this.#abort.signal.aborted;
      turn.status = cancelled ? 'cancelled' : 'error';
      turn.error = cancelled ? 'Stopped.' : describeError(err);
      turn.step = '';
    } finally {
      this.busy = false;
      this.#abort = null;
    }
    try {
      await this.#save(conv);
    } catch (err) {
      this.error = `The conversation could not be saved. ${describeError(err)}`;
    }
  }

  #onEvent(turn: Turn, e: CopilotEvent): void {
    if (e.type === 'token') {
      turn.answer += e.text;
      return;
    }
    turn.events.push(e);
    if (e.type === 'node.start') {
      turn.step = `${NODE_LABEL[e.node]} (attempt ${e.attempt} of 3)`;
      // A retry streams a fresh answer.
      if (e.node === 'crm_agent') turn.answer = '';
    } else if (e.type === 'retry') {
      turn.step = `Retry ${e.attempt} of 3: ${e.feedback}`;
    } else if (e.type === 'notice') {
      turn.notice = e.text;
    }
  }

  /** Saves one conversation; the list is re-read and merged, so another tab's conversations stay listed. */
  async #save(conv: Conversation): Promise<void> {
    conv.updatedAt = new Date().toISOString();
    const snapshot = compactConversation($state.snapshot(conv));
    const meta: ConversationMeta = { id: conv.id, title: conv.title, updatedAt: conv.updatedAt };
    this.list = await write('conversations', { keys: [INDEX_KEY] }, (cur, batch) => {
      const list = upsert(readConversationList(cur.get(INDEX_KEY)).list, meta);
      batch.set(convKey(conv.id), snapshot);
      batch.set(INDEX_KEY, list);
      return list;
    });
  }
}

export const conversations = new Conversations();
