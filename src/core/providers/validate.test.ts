import { describe, expect, it } from 'vitest';
import { DEFAULT_PROVIDER_SETTINGS, type ProviderSettings } from './settings.ts';
import { endpointProblem, providerProblems } from './validate.ts';

const withOpenAI = (
  openai: Partial<ProviderSettings['openai']>,
  roles: Partial<Pick<ProviderSettings, 'crm' | 'reflection'>> = { crm: 'openai' },
): ProviderSettings => ({
  ...structuredClone(DEFAULT_PROVIDER_SETTINGS),
  ...roles,
  openai: { ...DEFAULT_PROVIDER_SETTINGS.openai, ...openai },
});

describe('providerProblems', () => {
  it('accepts the built-in providers whatever the endpoint fields say', () => {
    expect(providerProblems({ ...DEFAULT_PROVIDER_SETTINGS, openai: { apiKey: '', baseUrl: '', model: '' } })).toEqual([]);
  });

  it('refuses an OpenAI-compatible agent with no key, and says which field', () => {
    const problems = providerProblems(withOpenAI({ apiKey: '  ' }));
    expect(problems.map((p) => p.field)).toEqual(['apiKey']);
    expect(problems[0].message).toMatch(/API key/);
  });

  it('checks the endpoint when only the reviewer uses it', () => {
    const problems = providerProblems(withOpenAI({ apiKey: 'sk-x', baseUrl: '', model: '' }, { reflection: 'openai' }));
    expect(problems.map((p) => p.field)).toEqual(['baseUrl', 'model']);
  });

  it('accepts a complete endpoint', () => {
    expect(providerProblems(withOpenAI({ apiKey: 'sk-x', baseUrl: 'https://llm.example.com/v1', model: 'm' }))).toEqual([]);
  });
});

describe('endpointProblem', () => {
  it('allows https anywhere and http only on this computer', () => {
    expect(endpointProblem('https://api.openai.com/v1')).toBeUndefined();
    expect(endpointProblem('http://localhost:11434/v1')).toBeUndefined();
    expect(endpointProblem('http://127.0.0.1:8080/v1')).toBeUndefined();
    expect(endpointProblem('http://llm.example.com/v1')).toMatch(/https/);
    expect(endpointProblem('ftp://x')).toMatch(/https/);
  });

  it('explains an empty or malformed address', () => {
    expect(endpointProblem('')).toMatch(/Enter the endpoint/);
    expect(endpointProblem('api.openai.com')).toMatch(/not a web address/);
  });
});
