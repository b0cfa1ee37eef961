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

/** Loads a data set (paths relative to the repository) into fresh stores and wires the co-pilot. */
export async function loadCopilot(data: DataSet, cfg: Partial<CopilotConfig> = {}): Promise<Copilot> {
  const clients = await SqlClientStore.create();
  const text = readFileSync(new URL(data.clients, root), 'utf8');
  await clients.importText(text, data.clients.endsWith('.csv') ? 'csv' : 'json', 'replace');
  const playbook = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf: createPdfTextExtractor() });
  for (const p of data.playbooks) await playbook.addPdf(p.split('/').pop() ?? p, new Uint8Array(readFileSync(new URL(p, root))));
  return createCopilot({ clients, playbook, today: TEST_TODAY, ...cfg });
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
