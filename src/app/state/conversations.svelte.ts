/**
 * Conversations: kept in IndexedDB, resumable, renamable and deletable; a reload reopens the
 * conversation the rep was in. Each conversation is also a LangGraph thread (same id).
 */
import type { AnswerRecord } from '../../core/agents/types.ts';
import type { CopilotEvent } from '../../core/agents/events.ts';
import { describeError } from '../errors.ts';
import { storage } from '../storage/persistence.ts';
import { copilot } from './copilot.svelte.ts';

const INDEX_KEY = 'v1/conversations';
const CURRENT_KEY = 'v1/conversations.current';
const convKey = (id: string) => `v1/conversation/${id}`;

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
  #abort: AbortController | null = null;
  #loaded: Promise<void> | null = null;

  load(): Promise<void> {
    this.#loaded ??= (async () => {
      this.list = (await storage.get<ConversationMeta[]>(INDEX_KEY).catch(() => undefined)) ?? [];
      const currentId = await storage.get<string>(CURRENT_KEY).catch(() => undefined);
      if (currentId) await this.open(currentId);
    })();
    return this.#loaded;
  }

  async open(id: string): Promise<void> {
    const conv = await storage.get<Conversation>(convKey(id)).catch(() => undefined);
    if (!conv) return;
    // An answer interrupted by a reload cannot resume mid-stream.
    for (const turn of conv.turns) if (turn.status === 'running') turn.status = 'cancelled';
    this.current = conv;
    await storage.set(CURRENT_KEY, id);
  }

  startNew(): void {
    this.current = null;
    void storage.del(CURRENT_KEY);
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.trim();
    if (!clean) return;
    const conv = this.current?.id === id ? this.current : await storage.get<Conversation>(convKey(id));
    if (!conv) return;
    conv.title = clean;
    await this.#save(conv);
  }

  async remove(id: string): Promise<void> {
    await storage.del(convKey(id));
    this.list = this.list.filter((c) => c.id !== id);
    await storage.set(INDEX_KEY, this.list);
    await copilot.forgetThread(id).catch(() => undefined);
    if (this.current?.id === id) this.startNew();
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
      await storage.set(CURRENT_KEY, this.current.id);
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

  async #save(conv: Conversation): Promise<void> {
    conv.updatedAt = new Date().toISOString();
    const snapshot = $state.snapshot(conv) as Conversation;
    const meta: ConversationMeta = { id: conv.id, title: conv.title, updatedAt: conv.updatedAt };
    const list = [meta, ...this.list.filter((c) => c.id !== conv.id)];
    await storage.setMany([
      [convKey(conv.id), snapshot],
      [INDEX_KEY, list],
    ]);
    this.list = list;
  }
}

export const conversations = new Conversations();
