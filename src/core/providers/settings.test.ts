import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { DEFAULT_PROVIDER_SETTINGS, describeProviderError, parseProviderSettings } from './settings.ts';

describe('provider settings', () => {
  it('defaults to the built-in agents and fills partial settings', () => {
    expect(DEFAULT_PROVIDER_SETTINGS.crm).toBe('builtin');
    expect(DEFAULT_PROVIDER_SETTINGS.reflection).toBe('builtin');
    expect(DEFAULT_PROVIDER_SETTINGS.openai).toEqual({ apiKey: '', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' });
    expect(DEFAULT_PROVIDER_SETTINGS.webllm.reflectionModel).toBe('TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC');
    const partial = parseProviderSettings({ crm: 'openai', openai: { apiKey: 'k' } });
    expect(partial.crm).toBe('openai');
    expect(partial.openai.model).toBe('gpt-4o-mini');
    expect(parseProviderSettings({ crm: 'skynet' })).toEqual(DEFAULT_PROVIDER_SETTINGS);
  });

  it('describes each provider error in plain words without the raw message', () => {
    expect(describeProviderError(new AppError('provider-auth', 'HTTP 401'))).toMatch(/API key was rejected/);
    expect(describeProviderError(new AppError('provider-network', 'x'))).toMatch(/CORS/);
    expect(describeProviderError(new AppError('provider-rate-limit', 'x'))).toMatch(/rate-limiting/);
    expect(describeProviderError(new AppError('internal', 'stack trace'))).not.toContain('stack trace');
  });
});
