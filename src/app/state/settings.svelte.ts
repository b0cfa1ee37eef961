/**
 * User settings: which model each agent uses, the OpenAI-compatible endpoint and the embedder.
 * The API key is stored apart from the other settings so that workspace exports never include it.
 */
import { z } from 'zod';
import {
  DEFAULT_PROVIDER_SETTINGS,
  parseProviderSettings,
  type ProviderSettings,
} from '../../core/providers/settings.ts';
import { KEYS, storage } from '../storage/persistence.ts';
import { announceChange } from '../storage/tabs.ts';

export const MINILM_MODEL_ID = 'Xenova/all-MiniLM-L6-v2';

const embedderSettingsSchema = z.object({
  kind: z.enum(['builtin', 'transformers']).default('builtin'),
  source: z.enum(['hub', 'self-hosted']).default('hub'),
  localModelPath: z.string().default('/models/'),
  modelId: z.string().min(1).default(MINILM_MODEL_ID),
});
export type EmbedderSettings = z.infer<typeof embedderSettingsSchema>;

const storedSchema = z.object({
  providers: z.unknown().optional(),
  embedder: embedderSettingsSchema.default(embedderSettingsSchema.parse({})),
});

const secretsSchema = z.object({ openaiApiKey: z.string().default('') });

/** Shows only the last four characters of a secret. */
export function maskKey(key: string): string {
  if (!key) return '';
  return key.length <= 4 ? '••••' : `••••${key.slice(-4)}`;
}

export class Settings {
  /** The form's values (what the rep is editing). */
  providers = $state<ProviderSettings>(structuredClone(DEFAULT_PROVIDER_SETTINGS));
  /** The saved provider settings: what the co-pilot uses. Unsaved edits never take effect. */
  applied = $state.raw<ProviderSettings>(structuredClone(DEFAULT_PROVIDER_SETTINGS));
  embedder = $state<EmbedderSettings>(embedderSettingsSchema.parse({}));
  loaded = $state(false);
  #loading: Promise<void> | null = null;

  /** Loads once; later calls await the same load. */
  load(): Promise<void> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load(): Promise<void> {
    const [stored, secrets] = await Promise.all([
      storage.get<unknown>(KEYS.settings).catch(() => undefined),
      storage.get<unknown>(KEYS.secrets).catch(() => undefined),
    ]);
    const parsed = storedSchema.safeParse(stored ?? {});
    const key = secretsSchema.safeParse(secrets ?? {});
    const providers = parseProviderSettings(parsed.success ? parsed.data.providers : undefined);
    providers.openai.apiKey = key.success ? key.data.openaiApiKey : '';
    this.providers = providers;
    this.applied = structuredClone(providers);
    this.embedder = parsed.success ? parsed.data.embedder : embedderSettingsSchema.parse({});
    this.loaded = true;
  }

  /** Saves everything; the key goes to its own record. */
  async save(): Promise<void> {
    const providers = $state.snapshot(this.providers);
    const { apiKey, ...openai } = providers.openai;
    await storage.setMany([
      [KEYS.settings, { providers: { ...providers, openai: { ...openai, apiKey: '' } }, embedder: $state.snapshot(this.embedder) }],
      [KEYS.secrets, { openaiApiKey: apiKey }],
    ]);
    this.applied = providers;
    announceChange({ version: Date.now(), what: 'settings' });
  }

  /** The form differs from what is saved. */
  get unsaved(): boolean {
    return JSON.stringify($state.snapshot(this.providers)) !== JSON.stringify(this.applied);
  }

  /** Saves only the embedder choice; the stored provider settings stay as they were saved. */
  async saveEmbedder(): Promise<void> {
    const stored = storedSchema.safeParse((await storage.get<unknown>(KEYS.settings).catch(() => undefined)) ?? {});
    const providers = stored.success ? stored.data.providers : undefined;
    await storage.set(KEYS.settings, { providers, embedder: $state.snapshot(this.embedder) });
    announceChange({ version: Date.now(), what: 'settings' });
  }
}

export const settings = new Settings();
