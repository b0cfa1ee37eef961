/** Which model provider each agent uses, with a zod schema for stored settings and plain-words errors. */
import { z } from 'zod';
import type { AppError } from '../errors.ts';
import { DEFAULT_OPENAI_BASE_URL, DEFAULT_OPENAI_MODEL } from './openai.ts';
import { DEFAULT_REFLECTION_MODEL, HERMES_TOOLS } from './webllm-config.ts';

const providerId = z.enum(['builtin', 'openai', 'webllm']);

export const providerSettingsSchema = z.object({
  /** The rep's own name as the client book spells it ("my clients"). */
  repName: z.string().trim().max(100).default(''),
  crm: providerId.default('builtin'),
  reflection: providerId.default('builtin'),
  openai: z
    .object({
      apiKey: z.string().default(''),
      baseUrl: z.string().trim().url().default(DEFAULT_OPENAI_BASE_URL),
      model: z.string().trim().min(1).default(DEFAULT_OPENAI_MODEL),
    })
    .default({ apiKey: '', baseUrl: DEFAULT_OPENAI_BASE_URL, model: DEFAULT_OPENAI_MODEL }),
  webllm: z
    .object({
      modelBaseUrl: z.string().default(''),
      reflectionModel: z.string().min(1).default(DEFAULT_REFLECTION_MODEL),
      crmModel: z.string().min(1).default(HERMES_TOOLS),
    })
    .default({ modelBaseUrl: '', reflectionModel: DEFAULT_REFLECTION_MODEL, crmModel: HERMES_TOOLS }),
});

export type ProviderSettings = z.infer<typeof providerSettingsSchema>;

export const DEFAULT_PROVIDER_SETTINGS: ProviderSettings = providerSettingsSchema.parse({});

/** Reads stored settings, filling defaults; anything unreadable gives the defaults. */
export function parseProviderSettings(value: unknown): ProviderSettings {
  const parsed = providerSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : DEFAULT_PROVIDER_SETTINGS;
}

/** A sentence the settings page and chat can show for a provider failure. */
export function describeProviderError(err: AppError): string {
  switch (err.code) {
    case 'provider-auth':
      return 'The API key was rejected. Check the key in Settings (and that it belongs to this endpoint).';
    case 'provider-rate-limit':
      return 'The model service is rate-limiting requests or your quota is used up. Wait a minute or use the built-in agent.';
    case 'provider-network':
      return 'The model service could not be reached. Check your connection and the endpoint address; a custom endpoint must allow requests from this page (CORS).';
    case 'provider-bad-response':
      return 'The model service sent an answer the co-pilot could not read. Try again, or check the model name.';
    case 'webgpu-unavailable':
      return `The in-browser model needs WebGPU, which is not available here. ${err.message}`.trim();
    case 'model-unavailable':
      return 'The in-browser model could not be loaded. Check the download (or the self-hosted model address) and free disk space.';
    case 'cancelled':
      return 'Stopped.';
    default:
      return 'Something went wrong while talking to the model. Try again or switch to the built-in agent.';
  }
}
