/** Settings page actions: save, test the endpoint, WebGPU status, local models, embedder, storage. */
import { embedderName } from '../../core/playbook/embedder-names.ts';
import { detectWebGpu, type WebGpuSupport } from '../../core/providers/webllm-config.ts';
import { describeProviderError } from '../../core/providers/settings.ts';
import { toAppError } from '../../core/errors.ts';
import { describeError } from '../errors.ts';
import { settings } from './settings.svelte.ts';
import { workspace } from './workspace.svelte.ts';

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

export class SettingsView {
  message = $state<string | null>(null);
  error = $state<string | null>(null);
  testing = $state(false);
  testResult = $state<string | null>(null);
  gpu = $state.raw<WebGpuSupport | null>(null);
  modelCached = $state<boolean | null>(null);
  modelProgress = $state<{ progress: number; text: string } | null>(null);
  embedderProgress = $state<{ done: number; total: number } | null>(null);
  storage = $state.raw<StorageInfo | null>(null);

  async init(): Promise<void> {
    await settings.load();
    this.gpu = await detectWebGpu();
    await this.refreshStorage();
    if (this.gpu.available) await this.refreshModelCache();
  }

  async save(): Promise<void> {
    this.error = null;
    try {
      await settings.save();
      this.message = 'Settings saved.';
    } catch (err) {
      this.error = describeError(err);
    }
  }

  async testConnection(): Promise<void> {
    this.testing = true;
    this.testResult = null;
    this.error = null;
    try {
      const { OpenAICompatibleProvider } = await import('../../core/providers/openai.ts');
      const { apiKey, baseUrl, model } = settings.providers.openai;
      const result = await new OpenAICompatibleProvider({ apiKey, baseUrl, model }).testConnection();
      const known = result.models.length ? ` (${result.models.length} models available${result.models.includes(model) ? `, including ${model}` : ''})` : '';
      this.testResult = `Connected${known}.`;
    } catch (err) {
      this.error = describeProviderError(toAppError(err));
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
    this.error = null;
    try {
      const { loadWebLlmProvider } = await import('../../../workers/webllm.ts');
      const p = settings.providers.webllm;
      this.modelProgress = { progress: 0, text: 'Starting…' };
      await loadWebLlmProvider(p.reflectionModel, { modelBaseUrl: p.modelBaseUrl, onProgress: (s) => (this.modelProgress = s) });
      this.message = 'The local model is ready.';
    } catch (err) {
      this.error = describeProviderError(toAppError(err));
    } finally {
      this.modelProgress = null;
      await this.refreshModelCache();
      await this.refreshStorage();
    }
  }

  async deleteModel(): Promise<void> {
    this.error = null;
    try {
      const { deleteModel, unloadWebLlm } = await import('../../../workers/webllm.ts');
      const p = settings.providers.webllm;
      await unloadWebLlm(p.reflectionModel);
      await deleteModel(p.reflectionModel, p.modelBaseUrl);
      this.message = 'The downloaded model was deleted.';
    } catch (err) {
      this.error = describeError(err);
    } finally {
      await this.refreshModelCache();
      await this.refreshStorage();
    }
  }

  async applyEmbedder(): Promise<void> {
    this.error = null;
    this.message = null;
    try {
      await settings.save();
      this.embedderProgress = { done: 0, total: 1 };
      const status = await workspace.applyEmbedder(settings.embedder, (p) => (this.embedderProgress = p));
      const name = embedderName(status.embedder).name;
      this.message = status.fallbackReason
        ? `That search model could not be loaded, so ${name} is used instead: ${status.fallbackReason}`
        : `Playbook search now uses ${name}${status.reembedded ? '; the playbook was re-indexed' : ''}.`;
    } catch (err) {
      this.error = describeError(err);
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
    this.message = granted
      ? 'Storage is now persistent: the browser will not clear it to save space.'
      : 'The browser declined persistent storage (installing the app usually allows it).';
    await this.refreshStorage();
  }
}
