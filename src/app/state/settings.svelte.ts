/**
 * User settings: which model each agent uses, the OpenAI-compatible endpoint and the embedder.
 * API keys are stored apart from the other settings, each bound to the endpoint origin it was
 * entered for: a key is only ever offered to that origin, so pointing the base URL elsewhere
 * (by hand, or by anything imported) asks for a key again instead of sending this one.
 *
 * Saving merges: only what this tab changed since it loaded is written over what is stored now,
 * so a stale tab never erases a key or a setting saved in another tab.
 */
import { z } from 'zod';
import { DEFAULT_PROVIDER_SETTINGS, parseProviderSettings, type ProviderSettings } from '../../core/providers/settings.ts';
import { originOf, storageReady } from '../storage/migrate.ts';
import { KEYS, read, write } from '../storage/persistence.ts';
import { secretsSchema } from '../storage/records.ts';
import { onRemoteChange } from '../storage/tabs.ts';
import { merge3 } from '../storage/merge3.ts';

export { originOf };
export const MINILM_MODEL_ID = 'Xenova/all-MiniLM-L6-v2';

const embedderSettingsSchema = z.object({
  kind: z.enum(['word-vectors', 'builtin', 'transformers']).default('word-vectors'),
  source: z.enum(['hub', 'self-hosted']).default('hub'),
  localModelPath: z.string().default('/models/'),
  modelId: z.string().min(1).default(MINILM_MODEL_ID),
});
export type EmbedderSettings = z.infer<typeof embedderSettingsSchema>;

const storedSchema = z.object({
  providers: z.unknown().optional(),
  embedder: embedderSettingsSchema.default(embedderSettingsSchema.parse({})),
});

/** Everything Settings stores, as plain data (keys by endpoint origin). */
interface SettingsDoc {
  providers: ProviderSettings;
  embedder: EmbedderSettings;
  keys: Record<string, string>;
}

function parseDoc(stored: unknown, secrets: unknown): SettingsDoc {
  const parsed = storedSchema.safeParse(stored ?? {});
  const providers = parseProviderSettings(parsed.success ? parsed.data.providers : undefined);
  providers.openai.apiKey = '';
  const keys = secretsSchema.safeParse(secrets ?? {});
  return {
    providers,
    embedder: parsed.success ? parsed.data.embedder : embedderSettingsSchema.parse({}),
    keys: keys.success ? keys.data.keys : {},
  };
}

/** Shows only the last four characters of a secret. */
export function maskKey(key: string): string {
  if (!key) return '';
  return key.length <= 4 ? '••••' : `••••${key.slice(-4)}`;
}

/** The host an origin names, for messages ("api.openai.com"). */
export function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

export class Settings {
  /** The form's values (what the rep is editing). */
  providers = $state<ProviderSettings>(structuredClone(DEFAULT_PROVIDER_SETTINGS));
  /** The saved provider settings: what the co-pilot uses. Unsaved edits never take effect. */
  applied = $state.raw<ProviderSettings>(structuredClone(DEFAULT_PROVIDER_SETTINGS));
  embedder = $state<EmbedderSettings>(embedderSettingsSchema.parse({}));
  /** API keys by endpoint origin (this tab's view, including unsaved edits). */
  keys = $state<Record<string, string>>({});
  loaded = $state(false);
  /** What was stored when this tab last loaded or saved: the base of the three-way merge. */
  #base: SettingsDoc = parseDoc(undefined, undefined);
  #loading: Promise<void> | null = null;

  /** Loads once; later calls await the same load. Reloads when another tab saves. */
  load(): Promise<void> {
    this.#loading ??= storageReady()
      .then(() => this.#reload())
      .then(() => {
        onRemoteChange(() => void this.#reload(), ['settings']);
      });
    return this.#loading;
  }

  async #reload(): Promise<void> {
    const [stored, secrets] = await Promise.all([read<unknown>(KEYS.settings).catch(() => undefined), read<unknown>(KEYS.secrets).catch(() => undefined)]);
    // Unsaved edits in this tab survive another tab's save.
    this.#apply(merge3(this.#base, this.#local(), parseDoc(stored, secrets)), parseDoc(stored, secrets));
    this.loaded = true;
  }

  #local(): SettingsDoc {
    return { providers: $state.snapshot(this.providers), embedder: $state.snapshot(this.embedder), keys: $state.snapshot(this.keys) };
  }

  #apply(doc: SettingsDoc, base: SettingsDoc): void {
    this.applied = structuredClone(base.providers);
    this.providers = structuredClone(doc.providers);
    this.embedder = structuredClone(doc.embedder);
    this.keys = { ...doc.keys };
    this.#base = structuredClone(base);
  }

  /** The origin the OpenAI-compatible endpoint sends to. */
  get endpointOrigin(): string {
    return originOf(this.providers.openai.baseUrl);
  }

  /** The API key saved for the configured endpoint's origin ('' when none: the rep must enter it). */
  get apiKey(): string {
    return this.keys[this.endpointOrigin] ?? '';
  }

  set apiKey(value: string) {
    const origin = this.endpointOrigin;
    if (origin) this.keys[origin] = value;
  }

  /** The saved key for `baseUrl`'s origin (what the co-pilot uses); never a key entered for another origin. */
  savedKeyFor(baseUrl: string): string {
    const origin = originOf(baseUrl);
    return origin ? (this.#base.keys[origin] ?? '') : '';
  }

  /** The key for `baseUrl`'s origin, including unsaved edits; never a key entered for another origin. */
  apiKeyFor(baseUrl: string): string {
    const origin = originOf(baseUrl);
    return origin ? (this.keys[origin] ?? '') : '';
  }

  /** Hosts that have a saved key other than the configured endpoint (for the "enter the key again" hint). */
  get otherKeyHosts(): string[] {
    return Object.entries(this.keys)
      .filter(([origin, key]) => key && origin !== this.endpointOrigin)
      .map(([origin]) => hostOf(origin));
  }

  /** Saves what this tab changed, merged over what is stored now; keys go to their own record. */
  async save(): Promise<void> {
    const local = this.#local();
    const base = this.#base;
    const merged = await write('settings', { keys: [KEYS.settings, KEYS.secrets] }, (cur, batch) => {
      const doc = merge3(base, local, parseDoc(cur.get(KEYS.settings), cur.get(KEYS.secrets)));
      const keys = Object.fromEntries(Object.entries(doc.keys).filter(([origin, key]) => origin && key));
      const providers = { ...doc.providers, openai: { ...doc.providers.openai, apiKey: '' } };
      batch.set(KEYS.settings, { providers, embedder: doc.embedder });
      batch.set(KEYS.secrets, { keys });
      return { ...doc, providers, keys };
    });
    this.#apply(merged, merged);
  }

  /** The form differs from what is saved. */
  get unsaved(): boolean {
    const keys = Object.fromEntries(Object.entries($state.snapshot(this.keys)).filter(([, k]) => k));
    return JSON.stringify($state.snapshot(this.providers)) !== JSON.stringify(this.applied) || JSON.stringify(keys) !== JSON.stringify(this.#base.keys);
  }

  /** Saves only the embedder choice; the stored provider settings and keys stay as they were saved. */
  async saveEmbedder(): Promise<void> {
    const embedder = $state.snapshot(this.embedder);
    await write('settings', { keys: [KEYS.settings] }, (cur, batch) => {
      const stored = storedSchema.safeParse(cur.get(KEYS.settings) ?? {});
      batch.set(KEYS.settings, { providers: stored.success ? stored.data.providers : undefined, embedder });
    });
    this.#base = { ...this.#base, embedder: structuredClone(embedder) };
  }
}

export const settings = new Settings();
