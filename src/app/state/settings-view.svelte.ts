/** Settings page actions: save, test the endpoint, WebGPU status, local models, embedder, storage. */
import { embedderName } from '../../core/playbook/embedder-names.ts';
import { detectWebGpu, type WebGpuSupport } from '../../core/providers/webllm-config.ts';
import { describeProviderError } from '../../core/providers/settings.ts';
import type { ProviderSettings } from '../../core/providers/settings.ts';
import { providerProblems, type ProviderField, type ProviderProblem } from '../../core/providers/validate.ts';
import { toAppError } from '../../core/errors.ts';
import { describeError } from '../errors.ts';
import { settings } from './settings.svelte.ts';
import { workspace } from './workspace.svelte.ts';

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** The endpoint values a connection test applies to. */
function endpointKey(): string {
  const { baseUrl, model } = settings.providers.openai;
  return JSON.stringify([settings.apiKey, baseUrl.trim(), model.trim()]);
}

/** The form's provider settings with the key entered for the configured endpoint (keys live apart, by origin). */
function withKey(): ProviderSettings {
  return { ...settings.providers, openai: { ...settings.providers.openai, apiKey: settings.apiKey } };
}

/** An outcome shown in the card where the rep acted. */
export interface CardNote {
  kind: 'success' | 'error';
  text: string;
}

export class SettingsView {
  /** Outcome of "Save settings". */
  message = $state<string | null>(null);
  error = $state<string | null>(null);
  testing = $state(false);
  testResult = $state<string | null>(null);
  testError = $state<string | null>(null);
  /** Outcomes in the in-browser model card and the storage card. */
  modelNote = $state.raw<CardNote | null>(null);
  storageNote = $state.raw<CardNote | null>(null);
  gpu = $state.raw<WebGpuSupport | null>(null);
  modelCached = $state<boolean | null>(null);
  modelProgress = $state<{ progress: number; text: string } | null>(null);
  embedderProgress = $state<{ done: number; total: number } | null>(null);
  /** The outcome of "Apply embedder", shown in the Embeddings card where the rep pressed it. */
  embedderResult = $state.raw<CardNote | null>(null);
  storage = $state.raw<StorageInfo | null>(null);
  /** True once a save was refused: field errors show from then on, and update as the rep types. */
  checked = $state(false);
  /** The endpoint values the last successful "Test connection" used. */
  #tested = $state<string | null>(null);

  /** Why the chosen providers cannot work right now (empty when they can). */
  problems = $derived<ProviderProblem[]>(providerProblems(withKey()));
  usesEndpoint = $derived(settings.providers.crm === 'openai' || settings.providers.reflection === 'openai');

  /** The error for one field, once a save was refused. */
  problemFor(field: ProviderField): string | undefined {
    return this.checked ? this.problems.find((p) => p.field === field)?.message : undefined;
  }

  async init(): Promise<void> {
    await settings.load();
    this.gpu = await detectWebGpu();
    await this.refreshStorage();
    if (this.gpu.available) await this.refreshModelCache();
  }

  /** Saves, unless a chosen provider cannot work; returns false (and says why) when refused. */
  async save(): Promise<boolean> {
    this.error = null;
    this.message = null;
    if (this.problems.length > 0) {
      this.checked = true;
      return false;
    }
    try {
      await settings.save();
      this.checked = false;
      const untested = this.usesEndpoint && this.#tested !== endpointKey();
      this.message = untested ? 'Settings saved. The endpoint has not been tested yet: press “Test connection” to check that it answers.' : 'Settings saved.';
      return true;
    } catch (err) {
      this.error = describeError(err);
      return false;
    }
  }

  async testConnection(): Promise<void> {
    this.testResult = null;
    this.testError = null;
    const missing = providerProblems({ ...withKey(), crm: 'openai' });
    if (missing.length) {
      this.checked = true;
      this.testError = `Cannot test yet: ${missing[0].message}`;
      return;
    }
    this.testing = true;
    try {
      const { OpenAICompatibleProvider } = await import('../../core/providers/openai.ts');
      const { baseUrl, model } = settings.providers.openai;
      const result = await new OpenAICompatibleProvider({
        apiKey: settings.apiKeyFor(baseUrl),
        keyOrigin: settings.endpointOrigin,
        baseUrl,
        model,
      }).testConnection();
      const known = result.models.length ? ` (${result.models.length} models available${result.models.includes(model) ? `, including ${model}` : ''})` : '';
      this.testResult = `Connected${known}.`;
      this.#tested = endpointKey();
    } catch (err) {
      this.testError = describeProviderError(toAppError(err));
    } finally {
      this.testing = false;
    }
  }

  async refreshModelCache(): Promise<void> {
    try {
      const { isModelCached } = await import('../../../workers/webllm.ts');
      const p = settings.providers.webllm;
      this.modelCached = await isModelCached(p.reflectionModel, p.modelBaseUrl);
    } catch {
      this.modelCached = null;
    }
  }

  async downloadModel(): Promise<void> {
    this.modelNote = null;
    try {
      const { loadWebLlmProvider } = await import('../../../workers/webllm.ts');
      const p = settings.providers.webllm;
      this.modelProgress = { progress: 0, text: 'Starting…' };
      await loadWebLlmProvider(p.reflectionModel, { modelBaseUrl: p.modelBaseUrl, onProgress: (s) => (this.modelProgress = s) });
      this.modelNote = { kind: 'success', text: 'The in-browser model is downloaded and ready.' };
    } catch (err) {
      this.modelNote = { kind: 'error', text: describeProviderError(toAppError(err)) };
    } finally {
      this.modelProgress = null;
      await this.refreshModelCache();
      await this.refreshStorage();
    }
  }

  async deleteModel(): Promise<void> {
    this.modelNote = null;
    try {
      const { deleteModel, unloadWebLlm } = await import('../../../workers/webllm.ts');
      const p = settings.providers.webllm;
      await unloadWebLlm(p.reflectionModel);
      await deleteModel(p.reflectionModel, p.modelBaseUrl);
      this.modelNote = { kind: 'success', text: 'The downloaded model was deleted.' };
    } catch (err) {
      this.modelNote = { kind: 'error', text: describeError(err) };
    } finally {
      await this.refreshModelCache();
      await this.refreshStorage();
    }
  }

  async applyEmbedder(): Promise<void> {
    this.embedderResult = null;
    try {
      await settings.saveEmbedder();
      this.embedderProgress = { done: 0, total: 1 };
      const status = await workspace.applyEmbedder(settings.embedder, (p) => (this.embedderProgress = p));
      const name = embedderName(status.embedder).name;
      this.embedderResult = status.fallbackReason
        ? { kind: 'error', text: `That search model could not be loaded, so ${name} is used instead: ${status.fallbackReason}` }
        : { kind: 'success', text: `Playbook search now uses ${name}${status.reembedded ? '; the playbook was re-indexed' : ''}.` };
    } catch (err) {
      this.embedderResult = { kind: 'error', text: describeError(err) };
    } finally {
      this.embedderProgress = null;
    }
  }

  async refreshStorage(): Promise<void> {
    if (!navigator.storage?.estimate) return;
    const [estimate, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? false]);
    this.storage = { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
  }

  async requestPersistence(): Promise<void> {
    const granted = (await navigator.storage?.persist?.()) ?? false;
    this.storageNote = granted
      ? { kind: 'success', text: 'Storage is now persistent: the browser will not clear it to save space.' }
      : { kind: 'error', text: 'The browser declined persistent storage (installing the app usually allows it).' };
    await this.refreshStorage();
  }
}
