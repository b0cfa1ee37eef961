/**
 * Test harness for the co-pilot on the real stack: the SQL client store, the playbook library
 * (pdf.js, built-in embedder), the cached tools and the LangGraph graph — no fakes. Conversations
 * keep their thread in an in-memory checkpointer.
 */
import { readFileSync } from 'node:fs';
import { MemorySaver } from '@langchain/langgraph/web';
import { SqlClientStore } from '../../clients/sql-client-store.ts';
import { BuiltinEmbedder } from '../../playbook/builtin-embedder.ts';
import { PlaybookLibrary } from '../../playbook/library.ts';
import { createPdfTextExtractor } from '../../playbook/pdf-text.ts';
import { createCopilot, type Copilot, type CopilotConfig } from '../copilot.ts';
import { expect } from 'vitest';
import type { AnswerRecord } from '../types.ts';

const root = new URL('../../../../', import.meta.url);

/** The date the tests treat as today. */
export const TEST_TODAY = '2026-12-02';

export interface DataSet {
  clients: string;
  playbooks: string[];
}

export const DEMO: DataSet = { clients: 'data/clients.json', playbooks: ['data/playbook.pdf'] };
export const ALT: DataSet = { clients: 'data/alt/clients.csv', playbooks: ['data/alt/playbook.pdf'] };

/** Loads a data set (paths relative to the repository) into fresh stores. */
export async function loadData(data: DataSet): Promise<{ clients: SqlClientStore; playbook: PlaybookLibrary }> {
  const clients = await SqlClientStore.create();
  const text = readFileSync(new URL(data.clients, root), 'utf8');
  await clients.importText(text, data.clients.endsWith('.csv') ? 'csv' : 'json', 'replace');
  const playbook = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf: createPdfTextExtractor() });
  for (const p of data.playbooks) await playbook.addPdf(p.split('/').pop() ?? p, new Uint8Array(readFileSync(new URL(p, root))));
  return { clients, playbook };
}

/** Loads a data set and wires the co-pilot over it. */
export async function loadCopilot(data: DataSet, cfg: Partial<CopilotConfig> = {}): Promise<Copilot> {
  return createCopilot({ ...(await loadData(data)), today: TEST_TODAY, ...cfg });
}

/** A conversation: each `ask` continues the same thread. */
export function conversation(copilot: Copilot): { ask(question: string): Promise<AnswerRecord> } {
  const checkpointer = new MemorySaver();
  const threadId = `t-${Math.random().toString(36).slice(2)}`;
  return { ask: (question) => copilot.answer(question, { threadId, checkpointer }) };
}

/** True when the answer's last review passed on the first attempt. */
export function passedFirstTime(r: AnswerRecord): boolean {
  return r.attempts === 1 && r.reflections.at(-1)?.verdict === 'pass';
}

/** What a test expects of one answer. */
export interface Case {
  /** The ask's kind ("facts", "check:discount", …). */
  kind?: string;
  /** Text (taken literally) or patterns the answer must contain. */
  has: (string | RegExp)[];
  not?: (string | RegExp)[];
  /** Arguments some tool call must have had. */
  args?: Record<string, unknown>;
}

const pattern = (p: string | RegExp): RegExp => (typeof p === 'string' ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : p);

/** Checks an answer against a case; every answer must also pass its review first time with every condition applied. */
export function expectCase(r: AnswerRecord, c: Case): void {
  const a = r.frame?.ask;
  if (c.kind) expect(a?.kind === 'check' ? `check:${a.check}` : a?.kind).toBe(c.kind);
  for (const h of c.has) expect(r.answer).toMatch(pattern(h));
  for (const n of c.not ?? []) expect(r.answer).not.toMatch(pattern(n));
  if (c.args) expect(r.tool_calls.some((t) => Object.entries(c.args ?? {}).every(([k, v]) => JSON.stringify(t.args[k]) === JSON.stringify(v)))).toBe(true);
  expect(passedFirstTime(r)).toBe(true);
  expect(r.conditions?.every((x) => x.applied || x.condition.kind === 'unsupported') ?? true).toBe(true);
}
