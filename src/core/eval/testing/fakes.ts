/** Test doubles for the evaluation tests: a table embedder and a scripted judge. */
import type { Embedder } from '../../playbook/types.ts';
import type { ChatProvider, ChatRequest, ChatResponse } from '../../providers/types.ts';

/** Embeds known texts to fixed vectors (unknown texts get a zero vector). */
export class TableEmbedder implements Embedder {
  readonly id = 'table';
  readonly dims: number;
  readonly #table: Map<string, number[]>;

  constructor(table: Record<string, number[]>) {
    this.#table = new Map(Object.entries(table));
    this.dims = Object.values(table)[0]?.length ?? 2;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => Float32Array.from(this.#table.get(t) ?? new Array<number>(this.dims).fill(0)));
  }
}

/** A judge that answers each request with the next scripted reply (objects are sent as JSON). */
export class ScriptedJudge implements ChatProvider {
  readonly id = 'openai' as const;
  readonly model = 'scripted';
  readonly requests: ChatRequest[] = [];
  readonly #replies: (object | string)[];

  constructor(replies: (object | string)[]) {
    this.#replies = [...replies];
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    this.requests.push(req);
    const next = this.#replies.shift();
    if (next === undefined) throw new Error('ScriptedJudge: no reply left');
    return { message: { role: 'assistant', content: typeof next === 'string' ? next : JSON.stringify(next) }, finish_reason: 'stop' };
  }
}
