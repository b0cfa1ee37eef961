/**
 * `npm run ask / eval / rlhf` on a second company's data: the alt client book (CSV), the alt
 * handbook and two small extra handbooks, all made by the project's playbook script. Each case
 * spawns the real script with tsx.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../src/core/agents/types.ts';
import type { EvalReport } from '../src/core/eval/types.ts';
import { makeEncryptedLikePdf } from '../src/test-support/pdf-fixtures.ts';
import { writeTestPlaybooks } from './lib/test-handbooks.ts';
import { REPO_ROOT } from './lib/workspace.ts';

const ALT_CLIENTS = join(REPO_ROOT, 'data/alt/clients.csv');
const ALT_PLAYBOOK = join(REPO_ROOT, 'data/alt/playbook.pdf');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(script: 'ask' | 'eval' | 'rlhf', args: string[]): Promise<Run> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', join(REPO_ROOT, `scripts/${script}.ts`), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DEBUG: '' },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
}

const records = (stdout: string): AnswerRecord[] =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as AnswerRecord);
const docs = (r: AnswerRecord) => r.citations.filter((c) => c.kind !== 'client').map((c) => c.source);

// Each case starts tsx processes that load the workspace: up to a minute on a busy 2-core machine.
describe('the command line on your own data', { timeout: 180_000 }, () => {
  let dir: string;
  let handbook: string;
  let addendum: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-own-data-'));
    ({ handbook, addendum } = await writeTestPlaybooks(dir));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('ask --json --batch answers from the given client book and every given playbook, one JSON line per answer', async () => {
    const batch = join(dir, 'questions.txt');
    await writeFile(
      batch,
      [
        'How much has Telenova spent this year?',
        'How much has TechGiant spent this year?',
        'Which clients renew in the next 30 days?',
        'How many booth shifts can a seller staff at a trade show?',
        'What is the limit on gifts per client contact?',
        'What is our policy on the 2027 rate card?',
      ].join('\n'),
    );
    const { code, stdout } = await run('ask', [
      '--clients',
      ALT_CLIENTS,
      '--playbook',
      ALT_PLAYBOOK,
      '--playbook',
      addendum,
      '--today',
      '2026-12-02',
      '--json',
      '--batch',
      batch,
    ]);
    expect(code).toBe(0);
    const [telenova, techgiant, renewals, booth, gifts, rateCard] = records(stdout);
    expect(records(stdout)).toHaveLength(6);

    expect(telenova.answer).toContain('$268,900');
    expect(telenova.citations).toContainEqual(expect.objectContaining({ kind: 'client', source: 'Telenova' }));
    // The demo book's best-known client is not in this book.
    expect(techgiant.answer).not.toMatch(/\$120,000|Sarah Chen/);
    expect(techgiant.answer).toMatch(/couldn't find|not find|no client/i);

    // 30 days from 2026-12-02: Crescent Realty (12-20) and Alpine Ridge Estates (12-31); not Sunpath Solar Co-op (2027-01-05).
    expect(renewals.answer).toContain('Crescent Realty');
    expect(renewals.answer).toContain('Alpine Ridge Estates');
    expect(renewals.answer).not.toContain('Sunpath Solar Co-op');

    expect(booth.answer).toMatch(/three booth shifts/);
    expect(docs(booth)).toContain('trade-show-addendum.pdf');
    expect(gifts.answer).toContain('$75');
    expect(docs(gifts)).toContain('playbook.pdf');
    expect(rateCard.answer).toMatch(/Partner Summit/);
    expect(rateCard.answer).not.toMatch(/2026 rate|Sales Kickoff/); // the demo playbook's rule
  });

  it('--today moves the renewal window', async () => {
    const { code, stdout } = await run('ask', [
      '--json',
      '--today=2027-01-01',
      '--clients',
      ALT_CLIENTS,
      '--playbook',
      handbook,
      'Which clients renew in the next 30 days?',
    ]);
    expect(code).toBe(0);
    const [answer] = records(stdout);
    for (const name of ['Sunpath Solar Co-op', 'Hôtel Belvédère', 'Ironworks Manufacturing', 'Summit Foods', 'Cargo Lane Express'])
      expect(answer.answer).toContain(name);
    expect(answer.answer).not.toContain('Crescent Realty');
    expect(answer.answer).not.toContain('Northstar Couriers'); // 2027-02-05, past the window
  });

  // Every kind of bad file is covered in-process (lib/workspace.test.ts); here each script's exit path once.
  it('a bad file or date exits 2 with one line on stderr and nothing on stdout, in ask, eval and rlhf', async () => {
    const badCsv = join(dir, 'bad.csv');
    await writeFile(badCsv, 'name,industry,ytd_spend\nQuay Hotels,Hospitality,1000\nDock Ltd,Logistics,lots\n');
    const locked = join(dir, 'locked.pdf');
    await writeFile(locked, await makeEncryptedLikePdf());
    const cases: [Promise<Run>, string][] = [
      [
        run('ask', ['--json', '--clients', badCsv, 'Who manages Telenova?']),
        `ask: --clients ${badCsv}: Row 2 (line 3), field "ytd_spend": must be a number ≥ 0 (got "lots")`,
      ],
      [run('eval', ['--json', '--clients', ALT_CLIENTS, '--playbook', locked]), `--playbook ${locked}: The PDF is password-protected.`],
      [run('rlhf', ['--json', '--today', 'next week']), '--today must be a date like 2026-12-02 (got "next week")'],
    ];
    for (const [pending, message] of cases) {
      const { code, stdout, stderr } = await pending;
      expect({ code, stdout, stderr: stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')) }).toEqual({ code: 2, stdout: '', stderr: [message] });
    }
  });

  it('eval scores a dataset written for the given data', async () => {
    const dataset = join(dir, 'dataset.json');
    const out = join(dir, 'report.json');
    await writeFile(
      dataset,
      JSON.stringify([
        {
          question: 'Who is the account manager for Hôtel Belvédère?',
          ground_truth: 'Tomás Ruiz manages Hôtel Belvédère.',
          expected_tools: ['search_clients'],
          expected_contexts: ['Hôtel Belvédère', 'Tomás Ruiz'],
          category: 'client-fact',
        },
        {
          question: 'How many booth shifts may a seller staff at one trade show?',
          ground_truth: 'At most three booth shifts per trade show.',
          expected_tools: ['search_playbook'],
          expected_contexts: ['at most three booth shifts per trade show'],
          category: 'policy',
        },
      ]),
    );
    const { code, stdout } = await run('eval', [
      '--clients',
      ALT_CLIENTS,
      '--playbook',
      ALT_PLAYBOOK,
      '--playbook',
      addendum,
      '--dataset',
      dataset,
      '--out',
      out,
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvalReport;
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(report);
    expect(report.cases.map((c) => c.answer)).toEqual([expect.stringContaining('Tomás Ruiz'), expect.stringMatching(/three booth shifts/)]);
    expect(report.averages.context_recall).toBe(1);
  });
});
