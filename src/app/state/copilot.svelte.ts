/**
 * Runs the co-pilot graph on the main thread over the worker-backed client store and playbook
 * index. Heavy modules (LangGraph, the built-in agent, web-llm) load on the first question.
 * Providers follow Settings; the built-in agent is always the fallback.
 */
import type { AnswerRecord } from '../../core/agents/types.ts';
import type { CopilotEvent } from '../../core/agents/events.ts';
import type { Critic, Reflector } from '../../core/agents/reflection.ts';
import type { ChatProvider } from '../../core/providers/types.ts';
import type { Tools } from '../../core/tools/tools.ts';
import type { CacheStats } from '../../core/tools/types.ts';
import type { BaseCheckpointSaver } from '@langchain/langgraph/web';
import { settings } from './settings.svelte.ts';
import { workspace } from './workspace.svelte.ts';
import { storage } from '../storage/persistence.ts';

export interface ModelStatus {
  /** 0..1 while a local model downloads. */
  progress: number;
  text: string;
}

const EMPTY: CacheStats = { hits: 0, misses: 0, size: 0, hitRate: 0 };

export class Copilot {
  cacheStats = $state.raw<{ clients: CacheStats; playbook: CacheStats }>({ clients: EMPTY, playbook: EMPTY });
  modelStatus = $state.raw<ModelStatus | null>(null);
  #tools: Tools | null = null;
  #checkpointer: BaseCheckpointSaver | null = null;

  constructor() {
    workspace.onChange(() => {
      this.#tools?.invalidate();
      this.refreshStats();
    });
  }

  refreshStats(): void {
    if (this.#tools) this.cacheStats = this.#tools.stats();
  }

  async #deps() {
    const [{ createTools }, builtin, reflection, { KvCheckpointSaver }] = await Promise.all([
      import('../../core/tools/tools.ts'),
      import('../../core/agents/builtin/index.ts'),
      import('../../core/agents/reflection.ts'),
      import('../../core/agents/kv-checkpointer.ts'),
      settings.load(),
    ]);
    this.#tools ??= createTools({ clients: workspace.clients, playbook: workspace.playbook });
    this.#checkpointer ??= new KvCheckpointSaver(storage, { prefix: 'v1/checkpoints/' });
    const fallback: ChatProvider = new builtin.BuiltinAgentProvider({ clients: workspace.clients, playbook: workspace.playbook });
    const rules: Reflector = new builtin.BuiltinReflector();
    // The saved settings, not the form: Settings refuses to save a provider that cannot work.
    const p = settings.applied;

    let crm: ChatProvider = fallback;
    if (p.crm === 'openai' && p.openai.apiKey) crm = await this.#openai();
    else if (p.crm === 'webllm') crm = await this.#webllm(p.webllm.crmModel);

    let reviewer: Reflector = rules;
    if (p.reflection === 'openai' && p.openai.apiKey) {
      reviewer = new reflection.LlmReflector(await this.#openai(), rules);
    } else if (p.reflection === 'webllm') {
      const provider = await this.#webllm(p.webllm.reflectionModel).catch(() => null);
      if (provider) reviewer = new reflection.LlmReflector(provider, rules);
    }
    // The trained RLHF critic joins reflection when the Feedback page's switch is on.
    const { critic: criticState } = await import('./critic.svelte.ts');
    const critic: Critic | undefined = (await criticState.scorer().catch(() => null)) ?? undefined;
    const reflector = new reflection.CombinedReflector(reviewer, critic);
    return { crm, reflector, tools: this.#tools, fallback };
  }

  async #openai(): Promise<ChatProvider> {
    const { OpenAICompatibleProvider } = await import('../../core/providers/openai.ts');
    const { apiKey, baseUrl, model } = settings.applied.openai;
    return new OpenAICompatibleProvider({ apiKey, baseUrl, model });
  }

  async #webllm(modelId: string): Promise<ChatProvider> {
    const { loadWebLlmProvider } = await import('../../../workers/webllm.ts');
    try {
      const provider = await loadWebLlmProvider(modelId, {
        modelBaseUrl: settings.applied.webllm.modelBaseUrl,
        onProgress: (s) => (this.modelStatus = s.progress >= 1 ? null : s),
      });
      return provider;
    } finally {
      this.modelStatus = null;
    }
  }

  /** Answers one question in a conversation thread, streaming progress through `onEvent`. */
  async answer(question: string, threadId: string, onEvent: (e: CopilotEvent) => void, signal: AbortSignal): Promise<AnswerRecord> {
    const [{ answerQuestion }, deps] = await Promise.all([import('../../core/agents/runner.ts'), this.#deps()]);
    try {
      return await answerQuestion(question, deps, { threadId, onEvent, signal, checkpointer: this.#checkpointer ?? undefined });
    } finally {
      this.refreshStats();
    }
  }

  async forgetThread(threadId: string): Promise<void> {
    await this.#checkpointer?.deleteThread(threadId);
  }
}

export const copilot = new Copilot();
