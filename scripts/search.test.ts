import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UsageError } from './lib/ask-args.ts';
import { parseSearchArgs } from './lib/search-args.ts';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;

/** Runs the real CLI; resolves with its exit code and output either way. */
async function search(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/search.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('parseSearchArgs', () => {
  it('reads --json, --k, --playbook and the query', () => {
    expect(parseSearchArgs(['--json', '--k', '3', '--playbook', 'x.pdf', 'price', 'cut'])).toEqual({
      json: true,
      k: 3,
      playbook: 'x.pdf',
      query: 'price cut',
      help: false,
    });
    expect(parseSearchArgs(['--k=7', 'renewals'])).toMatchObject({ k: 7, json: false, query: 'renewals' });
  });

  it('rejects a missing query, a bad --k and unknown flags', () => {
    expect(() => parseSearchArgs([])).toThrow(UsageError);
    expect(() => parseSearchArgs(['--k', '0', 'x'])).toThrow(/--k must be/);
    expect(() => parseSearchArgs(['--fast', 'x'])).toThrow(/unknown option --fast/);
  });
});

// Each run starts Node, tsx and pdf.js: slow on a busy machine, hence the long timeouts.
describe('npm run search', { timeout: 240_000 }, () => {
  it('--json prints exactly one line with the query, the embedder and k hits', async () => {
    const r = await search(['--json', '--k', '3', 'can I say our rival is bad']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]) as { query: string; embedder: string; hits: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['query', 'embedder', 'hits']);
    expect(json.query).toBe('can I say our rival is bad');
    expect(json.embedder).toMatch(/^word-vectors-sif-100d-\d+$/);
    expect(json.hits).toHaveLength(3);
    for (const h of json.hits) expect(Object.keys(h)).toEqual(['doc', 'page', 'heading', 'text', 'score']);
    expect(json.hits[0]).toMatchObject({ doc: 'playbook.pdf', heading: 'Competitors', page: expect.any(Number), score: expect.any(Number) });
  });

  it('searches another playbook with --playbook', async () => {
    const r = await search(['--json', '--k', '1', '--playbook', 'data/alt/playbook.pdf', 'may I criticise a rival publisher']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).hits[0]).toMatchObject({ doc: 'playbook.pdf', heading: 'Talking About Competitors' });
  });

  it('a bad or missing file exits 2 with one line on stderr', async () => {
    const bad = join(tmpdir(), `not-a-pdf-${process.pid}.pdf`);
    await writeFile(bad, 'hello');
    const runs = await Promise.all([bad, join(tmpdir(), 'missing-playbook.pdf')].map((file) => search(['--json', '--playbook', file, 'renewals'])));
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
