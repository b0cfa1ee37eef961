/**
 * Conversations: kept in IndexedDB, resumable, renamable, searchable and deletable with undo; a
 * reload reopens the conversation the rep was in. Each conversation is also a LangGraph thread
 * (same id). The last answer can be regenerated, its question edited and sent again, and a
 * stopped or failed answer retried; the answer it replaces is kept in `earlier`.
 */
import type { AnswerRecord } from '../../core/agents/types.ts';
import type { CopilotEvent } from '../../core/agents/events.ts';
import { describeError } from '../errors.ts';
import { compactConversation, readConversation, readConversationList, sortConversations } from '../storage/conversation-records.ts';
import { storageReady } from '../storage/migrate.ts';
import { KEYS, read, readAll, write } from '../storage/persistence.ts';
import { onRemoteChange } from '../storage/tabs.ts';
import { copilot } from './copilot.svelte.ts';
import { searchConversations, type ConversationHit } from './conversation-search.ts';

const INDEX_KEY = KEYS.conversations;
const CURRENT_KEY = KEYS.conversationsCurrent;
const convKey = (id: string) => `${KEYS.conversation}${id}`;

/** The list with `meta` added or replaced, newest first. */
function upsert(list: ConversationMeta[], meta: ConversationMeta): ConversationMeta[] {
  return sortConversations([meta, ...list.filter((c) => c.id !== meta.id)]);
}

const setCurrent = (id: string | null) => write(null, {}, (_, batch) => (id ? batch.set(CURRENT_KEY, id) : batch.del(CURRENT_KEY))).catch(() => undefined);

const readStored = async (id: string): Promise<Conversation | null> => readConversation(await read<unknown>(convKey(id)).catch(() => undefined));

/** How long a deleted conversation can be brought back. */
export const UNDO_MS = 15_000;

export type StepEvent = Exclude<CopilotEvent, { type: 'token' }>;

/** An answer that was replaced by regenerating, editing or retrying; kept so nothing is lost. */
export interface EarlierAnswer {
  question: string;
  answer: string;
  askedAt?: string;
  record?: AnswerRecord;
}

export interface Turn {
  id: string;
  question: string;
  answer: string;
  status: 'running' | 'done' | 'error' | 'cancelled';
  /** Live progress line, e.g. "Checking the answer (attempt 2 of 3)". */
  step: string;
  events: StepEvent[];
  record?: AnswerRecord;
  error?: string;
  notice?: string;
  /** ISO times; missing on turns saved before they were recorded. */
  askedAt?: string;
  answeredAt?: string;
  earlier?: EarlierAnswer[];
}

export interface ConversationMeta {
  id: string;
  title: string;
  updatedAt: string;
  /** Number of questions asked (missing on conversations saved before it was recorded). */
  questions?: number;
}

export interface Conversation extends ConversationMeta {
  turns: Turn[];
}

/** A deletion that can still be undone. */
export interface PendingDelete {
  conversation: Conversation;
  wasCurrent: boolean;
}

const STEP_LABEL = {
  understand: 'Reading the question',
  crm_agent: 'Writing the answer',
  tools: 'Looking things up',
  reflection: 'Checking the answer',
} as const;

function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The question as the title, whole (long ones end at a word, with an ellipsis). */
export function titleFrom(question: string): string {
  const t = question.trim().replace(/\s+/g, ' ');
  if (t.length <= 120) return t;
  const cut = t.slice(0, 120);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 60 ? cut.lastIndexOf(' ') : 120).replace(/[\s,;:.-]+$/, '')}…`;
}

export class Conversations {
  list = $state.raw<ConversationMeta[]>([]);
  current = $state<Conversation | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  /** Something the rep should know about saved conversations (a damaged record was dropped). */
  notice = $state<string | null>(null);
  /** The last deletion, while it can be undone. */
  pendingDelete = $state.raw<PendingDelete | null>(null);
  /** The turn that finished last (for announcing the answer once). */
  finished = $state.raw<{ turnId: string; status: Turn['status'] } | null>(null);
  #abort: AbortController | null = null;
  #loaded: Promise<void> | null = null;
  #undoTimer: ReturnType<typeof setTimeout> | undefined;
  /** Every conversation's turns, loaded on the first search and kept current by saves. */
  #searchCache: Map<string, Conversation> | null = null;

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
    this.#searchCache = null;
    if (!damaged) {
      this.list = list;
      return;
    }
    const rebuilt = (await readAll(KEYS.conversation).catch(() => []))
      .map(([, value]) => readConversation(value))
      .filter((c): c is Conversation => c !== null)
      .map(({ id, title, updatedAt, turns }) => ({ id, title, updatedAt, questions: turns.length }));
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
    const fresh = await readStored(open.id);
    if (fresh && fresh.updatedAt !== open.updatedAt) this.current = fresh;
  }

  async open(id: string): Promise<void> {
    const stored = await read<unknown>(convKey(id)).catch(() => undefined);
    if (stored === undefined) return;
    const conv = readConversation(stored);
    if (!conv) {
      // Drop it rather than break the Chat view; its memory goes with it.
      await this.#delete(id).catch(() => undefined);
      await copilot.forgetThread(id).catch(() => undefined);
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
    const conv = this.current?.id === id ? this.current : await readStored(id);
    if (!conv) return;
    conv.title = clean;
    await this.#save(conv);
  }

  /** Number of questions in a conversation, for the delete confirmation. */
  async questionCount(id: string): Promise<number> {
    if (this.current?.id === id) return this.current.turns.length;
    const meta = this.list.find((c) => c.id === id);
    if (meta?.questions !== undefined) return meta.questions;
    return (await readStored(id))?.turns.length ?? 0;
  }

  /**
   * Deletes a conversation; `undoRemove` brings it back for `UNDO_MS`. Its LangGraph thread is
   * kept until then, so an undone conversation resumes where it was.
   */
  async remove(id: string): Promise<void> {
    const conv = this.current?.id === id ? ($state.snapshot(this.current) as Conversation) : await readStored(id);
    await this.#delete(id);
    this.#searchCache?.delete(id);
    const wasCurrent = this.current?.id === id;
    if (wasCurrent) this.startNew();
    this.#finishPendingDelete();
    if (!conv) return;
    this.pendingDelete = { conversation: conv, wasCurrent };
    this.#undoTimer = setTimeout(() => this.#finishPendingDelete(), UNDO_MS);
  }

  /** Deletes a conversation and its list entry in one transaction (its memory goes when the undo window ends). */
  async #delete(id: string): Promise<void> {
    this.list = await write('conversations', { keys: [INDEX_KEY] }, (cur, batch) => {
      const list = readConversationList(cur.get(INDEX_KEY)).list.filter((c) => c.id !== id);
      batch.del(convKey(id));
      batch.set(INDEX_KEY, list);
      return list;
    });
  }

  /** Restores the last deleted conversation (and reopens it if it was open). */
  async undoRemove(): Promise<void> {
    const pending = this.pendingDelete;
    if (!pending) return;
    clearTimeout(this.#undoTimer);
    this.pendingDelete = null;
    const conv = pending.conversation;
    await this.#save(conv, { touch: false });
    if (pending.wasCurrent && !this.busy) await this.open(conv.id);
  }

  /** Ends the undo window: the deleted conversation's thread checkpoints go too. */
  #finishPendingDelete(): void {
    clearTimeout(this.#undoTimer);
    const pending = this.pendingDelete;
    this.pendingDelete = null;
    if (pending) void copilot.forgetThread(pending.conversation.id).catch(() => undefined);
  }

  /** Conversations whose title, questions or answers contain every word of `query`. */
  async search(query: string): Promise<ConversationHit[]> {
    if (!query.trim()) return [];
    if (!this.#searchCache) {
      const cache = new Map<string, Conversation>();
      for (const meta of this.list) {
        const conv = await readStored(meta.id);
        if (conv) cache.set(conv.id, conv);
      }
      this.#searchCache = cache;
    }
    const cache = this.#searchCache;
    const ordered = this.list.flatMap((m) => {
      const conv = cache.get(m.id);
      return conv ? [{ ...conv, title: m.title }] : [];
    });
    return searchConversations(ordered, query);
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
    conv.turns.push({ id: newId('t'), question: q, answer: '', status: 'running', step: 'Starting…', events: [], askedAt: new Date().toISOString() });
    await this.#run(conv, conv.turns[conv.turns.length - 1]);
  }

  /** Whether a turn is the last of the open conversation (only it can be regenerated or edited). */
  isLast(turnId: string): boolean {
    return this.current?.turns.at(-1)?.id === turnId;
  }

  /** Answers the last question again (after Stop, an error, or to get a fresh answer). */
  async regenerate(turnId: string): Promise<void> {
    const turn = this.current?.turns.at(-1);
    if (!turn || turn.id !== turnId) return;
    await this.#rerun(turn, turn.question);
  }

  /** Replaces the last question with an edited one and answers it. */
  async editAndResend(turnId: string, question: string): Promise<void> {
    const turn = this.current?.turns.at(-1);
    const q = question.trim();
    if (!turn || turn.id !== turnId || !q) return;
    await this.#rerun(turn, q);
  }

  async #rerun(turn: Turn, question: string): Promise<void> {
    const conv = this.current;
    if (!conv || this.busy) return;
    this.error = null;
    if (turn.answer.trim() || turn.record) {
      turn.earlier = [...(turn.earlier ?? []), { question: turn.question, answer: turn.answer, askedAt: turn.askedAt, record: turn.record }];
    }
    const fresh: Partial<Turn> = { question, answer: '', status: 'running', step: 'Starting…', events: [], askedAt: new Date().toISOString() };
    Object.assign(turn, fresh);
    for (const key of ['record', 'error', 'notice', 'answeredAt'] as const) delete turn[key];
    await this.#run(conv, turn);
  }

  async #run(conv: Conversation, turn: Turn): Promise<void> {
    this.busy = true;
    const abort = (this.#abort = new AbortController());
    await this.#save(conv).catch(() => undefined);
    try {
      const record = await copilot.answer(turn.question, conv.id, (e) => this.#onEvent(turn, e), abort.signal);
      turn.record = record;
      turn.answer = record.answer;
      turn.status = 'done';
      if (copilot.takeMemoryReset(conv.id)) {
        this.notice = "The co-pilot's memory of this conversation was damaged and has been reset: earlier answers stay shown, but it no longer recalls them.";
      }
    } catch (err) {
      const cancelled = abort.signal.aborted;
      turn.status = cancelled ? 'cancelled' : 'error';
      turn.error = cancelled ? 'Stopped.' : describeError(err);
    } finally {
      turn.step = '';
      turn.answeredAt = new Date().toISOString();
      this.busy = false;
      this.#abort = null;
      this.finished = { turnId: turn.id, status: turn.status };
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
      turn.step = `${STEP_LABEL[e.node]}${e.attempt > 1 ? ` (attempt ${e.attempt} of 3)` : ''}…`;
      // A retry streams a fresh answer.
      if (e.node === 'crm_agent') turn.answer = '';
    } else if (e.type === 'retry') {
      turn.step = `The check found a problem; trying again (attempt ${e.attempt} of 3)…`;
    } else if (e.type === 'notice') {
      turn.notice = e.text;
    }
  }

  /** Saves one conversation; the list is re-read and merged, so another tab's conversations stay listed. */
  async #save(conv: Conversation, opts: { touch?: boolean } = {}): Promise<void> {
    if (opts.touch !== false) conv.updatedAt = new Date().toISOString();
    const snapshot = $state.snapshot(conv) as Conversation;
    const stored = compactConversation(snapshot);
    const meta: ConversationMeta = { id: conv.id, title: conv.title, updatedAt: conv.updatedAt, questions: conv.turns.length };
    this.list = await write('conversations', { keys: [INDEX_KEY] }, (cur, batch) => {
      const list = upsert(readConversationList(cur.get(INDEX_KEY)).list, meta);
      batch.set(convKey(conv.id), stored);
      batch.set(INDEX_KEY, list);
      return list;
    });
    this.#searchCache?.set(conv.id, snapshot);
  }
}

export const conversations = new Conversations();
