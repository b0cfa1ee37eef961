/**
 * Runs the co-pilot graph on the main thread over the worker-backed client store and playbook
 * index. Heavy modules (LangGraph, the built-in agent, web-llm) load on the first question.
 * Providers follow Settings; the built-in agent is always the fallback.
 */
import type { AnswerRecord } from '../../core/agents/types.ts';
import type { CopilotEvent } from '../../core/agents/events.ts';
import type { Critic } from '../../core/agents/reflection.ts';
import type { ChatProvider } from '../../core/providers/types.ts';
import type { Tools } from '../../core/tools/tools.ts';
import type { CacheStats } from '../../core/tools/types.ts';
import type { BaseCheckpointSaver } from '@langchain/langgraph/web';
import { hostOf, originOf, settings } from './settings.svelte.ts';
import { workspace } from './workspace.svelte.ts';
import { KEYS, kvStore } from '../storage/persistence.ts';

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
  /** Threads whose saved memory was damaged and dropped since the last `takeMemoryReset`. */
  #memoryReset = new Set<string>();

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
    const [{ createTools }, { createCopilot }, { KvCheckpointSaver }] = await Promise.all([
      import('../../core/tools/tools.ts'),
      import('../../core/agents/copilot.ts'),
      import('../../core/agents/kv-checkpointer.ts'),
      settings.load(),
    ]);
    this.#tools ??= createTools({ clients: workspace.clients, playbook: workspace.playbook });
    // Checkpoints are this tab's thread memory: nobody else needs an announcement.
    this.#checkpointer ??= new KvCheckpointSaver(kvStore(null), {
      prefix: KEYS.checkpoints,
      onDamaged: (thread) => this.#memoryReset.add(thread),
    });
    // The saved settings, not the form: Settings refuses to save a provider that cannot work.
    const p = settings.applied;

    // A key is only ever used with the endpoint origin it was entered for.
    const hasKey = settings.savedKeyFor(p.openai.baseUrl) !== '';
    let crm: ChatProvider | undefined;
    if (p.crm === 'openai' && hasKey) crm = await this.#openai();
    else if (p.crm === 'webllm') crm = await this.#webllm(p.webllm.crmModel);

    let reviewer: ChatProvider | undefined;
    if (p.reflection === 'openai' && hasKey) reviewer = await this.#openai();
    else if (p.reflection === 'webllm') reviewer = (await this.#webllm(p.webllm.reflectionModel).catch(() => null)) ?? undefined;
    // The trained RLHF critic joins reflection when the Feedback page's switch is on.
    const { critic: criticState } = await import('./critic.svelte.ts');
    const critic: Critic | undefined = (await criticState.scorer().catch(() => null)) ?? undefined;
    const usesEndpoint = p.crm === 'openai' || p.reflection === 'openai';
    const keyNotice =
      usesEndpoint && !hasKey
        ? `The built-in agent answered: there is no API key for ${hostOf(originOf(p.openai.baseUrl)) || 'the endpoint'}. Enter the key for this endpoint in Settings.`
        : undefined;
    const { corrections } = await import('./corrections.svelte.ts');
    const copilot = createCopilot({
      clients: workspace.clients,
      playbook: workspace.playbook,
      tools: this.#tools,
      crm,
      reviewer,
      critic,
      corrections: corrections.memory,
      rep: p.repName || undefined,
    });
    return { copilot, keyNotice };
  }

  async #openai(): Promise<ChatProvider> {
    const { OpenAICompatibleProvider } = await import('../../core/providers/openai.ts');
    const { baseUrl, model } = settings.applied.openai;
    return new OpenAICompatibleProvider({ apiKey: settings.savedKeyFor(baseUrl), keyOrigin: originOf(baseUrl), baseUrl, model });
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
    const { copilot, keyNotice } = await this.#deps();
    if (keyNotice) onEvent({ type: 'notice', text: keyNotice });
    try {
      return await copilot.answer(question, { threadId, onEvent, signal, checkpointer: this.#checkpointer ?? undefined });
    } finally {
      this.refreshStats();
    }
  }

  /** True (once) when the thread's saved memory was damaged and dropped during the last answer. */
  takeMemoryReset(threadId: string): boolean {
    return this.#memoryReset.delete(threadId);
  }

  async forgetThread(threadId: string): Promise<void> {
    await this.#checkpointer?.deleteThread(threadId);
  }
}

export const copilot = new Copilot();
