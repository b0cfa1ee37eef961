import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOpenAIServer, type MockOpenAIServer } from '../../src/test-support/mock-openai-server.ts';
import type { AnswerRecord } from '../../src/core/agents/types.ts';
import { UsageError, batchQuestions, parseAskArgs } from './ask-args.ts';
import { REPO_ROOT } from './workspace.ts';

describe('parseAskArgs', () => {
  it('reads provider, json, batch and the question', () => {
    expect(parseAskArgs(['--provider', 'openai', '--json', 'Who', 'manages', 'TechGiant?'])).toEqual({
      provider: 'openai',
      json: true,
      help: false,
      conversation: false,
      question: 'Who manages TechGiant?',
    });
    expect(parseAskArgs(['--provider=builtin', '--batch', 'q.txt'])).toMatchObject({ provider: 'builtin', batch: 'q.txt' });
    expect(parseAskArgs(['--', 'hello'])).toMatchObject({ provider: 'builtin', json: false, question: 'hello' });
    expect(parseAskArgs(['--help']).help).toBe(true);
  });

  it('rejects mistakes with a usage error', () => {
    expect(() => parseAskArgs([])).toThrow(UsageError);
    expect(() => parseAskArgs(['--provider', 'claude', 'q'])).toThrow(/unknown provider "claude"/);
    expect(() => parseAskArgs(['--batch'])).toThrow(/--batch needs a value/);
    expect(() => parseAskArgs(['--verbose', 'q'])).toThrow(/unknown option --verbose/);
    expect(() => parseAskArgs(['--batch', 'f', 'q'])).toThrow(/not both/);
  });

  it('reads batch files one question per line, skipping blanks and comments', () => {
    expect(batchQuestions('# header\nWho manages TechGiant?\r\n\n  Discount policy?  \n')).toEqual(['Who manages TechGiant?', 'Discount policy?']);
  });
});

// Each case starts a tsx process and loads the demo workspace: slow on a shared machine.
describe('npm run ask (end to end)', { timeout: 90_000 }, () => {
  let server: MockOpenAIServer;
  beforeAll(async () => {
    server = await startMockOpenAIServer();
  });
  afterAll(() => server.close());

  const run = (args: string[], env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts/ask.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DEBUG: '', ...env },
    });

  it('with a rejected key falls back to the built-in agent and prints one JSON line without the key', async () => {
    server.failWith(401);
    const key = 'sk-cli-secret-999';
    const { stdout } = await run(['--provider', 'openai', '--json', 'Who is the account manager for TechGiant?'], {
      OPENAI_API_KEY: key,
      OPENAI_BASE_URL: server.url,
      MODEL_NAME: 'mock-small',
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]) as AnswerRecord;
    expect(record.provider).toBe('builtin');
    expect(record.notice).toMatch(/API key was rejected/);
    expect(record.answer).toContain('Sarah Chen');
    expect(record.citations).toContainEqual({ kind: 'client', source: 'TechGiant', clientId: 1 });
    expect(stdout).not.toContain(key);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.authorization === `Bearer ${key}`)).toBe(true);
  });

  it('refuses webllm outside a browser with exit code 2', async () => {
    await expect(run(['--provider', 'webllm', 'hi'], {})).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/needs WebGPU in a browser/) });
  });
});
