/**
 * Why chosen provider settings cannot work, field by field, in words for the Settings page. A
 * provider that cannot answer must not be saved as if it could (the built-in agent would then
 * answer silently in its place).
 */
import type { ProviderSettings } from './settings.ts';

export type ProviderField = 'apiKey' | 'baseUrl' | 'model';

export interface ProviderProblem {
  field: ProviderField;
  message: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Problems with the endpoint address, or undefined when it can be used from this app. */
export function endpointProblem(baseUrl: string): string | undefined {
  const text = baseUrl.trim();
  if (!text) return 'Enter the endpoint address, for example https://api.openai.com/v1.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `“${text}” is not a web address. It should look like https://api.openai.com/v1.`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return undefined;
  if (url.protocol === 'http:')
    return 'The endpoint must use https:// (plain http:// is only allowed for a server on this computer, such as http://localhost).';
  return 'The endpoint address must start with https://.';
}

/** Every reason the chosen providers cannot work; empty when they can (or none uses the endpoint). */
export function providerProblems(s: ProviderSettings): ProviderProblem[] {
  if (s.crm !== 'openai' && s.reflection !== 'openai') return [];
  const problems: ProviderProblem[] = [];
  if (!s.openai.apiKey.trim()) {
    problems.push({
      field: 'apiKey',
      message: 'Enter the API key for the OpenAI-compatible endpoint. (A local server that needs no key accepts any text, such as “local”.)',
    });
  }
  const endpoint = endpointProblem(s.openai.baseUrl);
  if (endpoint) problems.push({ field: 'baseUrl', message: endpoint });
  if (!s.openai.model.trim()) problems.push({ field: 'model', message: 'Enter the model name, for example gpt-4o-mini.' });
  return problems;
}
