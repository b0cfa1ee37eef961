import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCorruptPdf, makeEncryptedLikePdf, makeImageOnlyPdf } from '../../src/test-support/pdf-fixtures.ts';
import { renderPlaybookPdf } from '../make-playbook.ts';
import { ADDENDUM_MD, writeTestPlaybooks } from './test-handbooks.ts';
import {
  DEMO_CLIENTS,
  DEMO_PLAYBOOK,
  REPO_ROOT,
  WorkspaceError,
  loadWorkspace,
  localToday,
  parseToday,
  readArgText,
  takeWorkspaceArgs,
  type WorkspaceSource,
} from './workspace.ts';

const ALT_CLIENTS = join(REPO_ROOT, 'data/alt/clients.csv');

describe('takeWorkspaceArgs', () => {
  const now = new Date(2026, 11, 2, 9, 30);

  it('takes the data flags out and leaves the rest for the script', () => {
    const { source, rest } = takeWorkspaceArgs(
      ['--json', '--clients', 'a.csv', '--playbook=one.pdf', '--batch', 'q.txt', '--playbook', 'two.pdf', '--today=2027-01-31', '--', 'Who?'],
      now,
    );
    expect(source).toEqual({ clients: 'a.csv', playbooks: ['one.pdf', 'two.pdf'], today: '2027-01-31', explicit: true });
    expect(rest).toEqual(['--json', '--batch', 'q.txt', '--', 'Who?']);
  });

  it('defaults to the demo data and the local date', () => {
    const { source, rest } = takeWorkspaceArgs(['How much has TechGiant spent?'], now);
    expect(source).toEqual({ clients: DEMO_CLIENTS, playbooks: [DEMO_PLAYBOOK], today: '2026-12-02', explicit: false });
    expect(rest).toEqual(['How much has TechGiant spent?']);
    expect(localToday(new Date(2027, 0, 5, 23, 59))).toBe('2027-01-05');
  });

  it('rejects a bad date, a missing value and a second client file in one line', () => {
    for (const bad of ['2026-13-01', '2026-02-30', '02/12/2026', 'tomorrow', '2026-1-5']) {
      expect(() => takeWorkspaceArgs(['--today', bad])).toThrow(new WorkspaceError(`--today must be a date like 2026-12-02 (got "${bad}")`));
    }
    expect(parseToday('2028-02-29')).toBe('2028-02-29');
    expect(() => takeWorkspaceArgs(['--today'])).toThrow('--today needs a date like 2026-12-02');
    expect(() => takeWorkspaceArgs(['--clients', '--json'])).toThrow('--clients needs a file name');
    expect(() => takeWorkspaceArgs(['--playbook='])).toThrow('--playbook needs a file name');
    expect(() => takeWorkspaceArgs(['--clients', 'a.csv', '--clients', 'b.csv'])).toThrow('--clients was given twice; give one client file');
  });
});

describe('loadWorkspace', () => {
  let dir: string;
  let pdfs: { handbook: string; addendum: string };
  const source = (over: Partial<WorkspaceSource>): WorkspaceSource => ({
    clients: ALT_CLIENTS,
    playbooks: [pdfs.handbook],
    today: '2026-12-02',
    explicit: true,
    ...over,
  });
  const problem = (over: Partial<WorkspaceSource>) =>
    loadWorkspace(source(over)).then(
      () => 'loaded',
      (err: unknown) => (err instanceof WorkspaceError ? err.message : `not a WorkspaceError: ${String(err)}`),
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-workspace-'));
    pdfs = await writeTestPlaybooks(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('imports the client file and indexes every playbook; renewal windows count from --today', async () => {
    const ws = await loadWorkspace(source({ playbooks: [pdfs.handbook, pdfs.addendum], today: '2027-01-01' }));
    expect(await ws.clients.count()).toBe(41);
    expect((await ws.clients.lookup('TechGiant')).status).toBe('not-found');
    expect((await ws.playbook.listDocuments()).map((d) => d.name)).toEqual(['handbook.pdf', 'trade-show-addendum.pdf']);
    expect((await ws.playbook.search('booth shifts at a trade show', 1))[0].chunk.docName).toBe('trade-show-addendum.pdf');
    expect((await ws.playbook.search('gifts per client contact', 1))[0].chunk.docName).toBe('handbook.pdf');

    const run = await ws.tools.run('search_clients', JSON.stringify({ renewal_within_days: 30, order_by: 'renewal_date' }));
    const names = (JSON.parse(run.content) as { result: { clients: { name: string }[] } }).result.clients.map((c) => c.name);
    expect(names).toEqual(['Sunpath Solar Co-op', 'Hôtel Belvédère', 'Ironworks Manufacturing', 'Summit Foods', 'Cargo Lane Express']);
  });

  it('reads JSON client files too, and names two playbooks with the same file name by their paths', async () => {
    await mkdir(join(dir, 'other'), { recursive: true });
    await writeFile(join(dir, 'other', 'handbook.pdf'), await renderPlaybookPdf(ADDENDUM_MD, 'Other'));
    const ws = await loadWorkspace(source({ clients: DEMO_CLIENTS, playbooks: [pdfs.handbook, join(dir, 'other', 'handbook.pdf')] }));
    expect(await ws.clients.count()).toBe(60);
    expect((await ws.playbook.listDocuments()).map((d) => d.name)).toEqual(['handbook.pdf', join(dir, 'other', 'handbook.pdf')]);
    expect(await problem({ playbooks: [pdfs.handbook, pdfs.handbook] })).toBe(`--playbook ${pdfs.handbook}: the same file was given twice`);
  });

  it("reports a bad client file with the import's own message, naming row and field", async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'name,industry,ytd_spend,renewal_date\nQuay Hotels,Hospitality,1000,2027-01-01\nDock Ltd,Logistics,lots,2027-02-28\n');
    expect(await problem({ clients: bad })).toBe(`--clients ${bad}: Row 2 (line 3), field "ytd_spend": must be a number ≥ 0 (got "lots")`);
    const json = join(dir, 'bad.json');
    await writeFile(json, JSON.stringify([{ name: 'Quay Hotels', industry: 'Hospitality', ytd_spend: 10, open_escalation: 'maybe' }]));
    expect(await problem({ clients: json })).toBe(`--clients ${json}: Row 1, field "open_escalation": must be true/false, yes/no or 1/0 (got "maybe")`);
    const header = join(dir, 'header.csv');
    await writeFile(header, 'favourite_colour,industry,ytd_spend\nQuay Hotels,Hospitality,1000\n');
    expect(await problem({ clients: header })).toMatch(/^--clients .*header\.csv: Line 1 \(header\): missing required column\(s\) "name"/);
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    expect(await problem({ clients: empty })).toBe(`--clients ${empty}: The file is empty.`);
    await writeFile(join(dir, 'none.json'), '[]');
    expect(await problem({ clients: join(dir, 'none.json') })).toBe(`--clients ${join(dir, 'none.json')}: The file has no client rows.`);
  });

  it('reports missing, misnamed and folder paths', async () => {
    expect(await problem({ clients: join(dir, 'missing.csv') })).toBe(`--clients ${join(dir, 'missing.csv')}: no such file`);
    expect(await problem({ clients: join(dir, 'clients.xlsx') })).toBe(
      `--clients ${join(dir, 'clients.xlsx')}: not a CSV or JSON file (the name must end in .csv or .json)`,
    );
    expect(await problem({ playbooks: [join(dir, 'missing.pdf')] })).toBe(`--playbook ${join(dir, 'missing.pdf')}: no such file`);
    expect(await problem({ playbooks: [dir] })).toBe(`--playbook ${dir}: is a folder, not a file`);
    await expect(readArgText('--batch', join(dir, 'questions.txt'))).rejects.toThrow(new WorkspaceError(`--batch ${join(dir, 'questions.txt')}: no such file`));
  });

  it('reports encrypted, broken and text-less PDFs in the words the app uses', async () => {
    const files = { locked: await makeEncryptedLikePdf(), broken: makeCorruptPdf(), scan: await makeImageOnlyPdf() };
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, `${name}.pdf`), bytes);
    expect(await problem({ playbooks: [pdfs.handbook, join(dir, 'locked.pdf')] })).toBe(
      `--playbook ${join(dir, 'locked.pdf')}: The PDF is password-protected.`,
    );
    expect(await problem({ playbooks: [join(dir, 'broken.pdf')] })).toMatch(/^--playbook .*broken\.pdf: The file is not a readable PDF \(.+\)\.$/);
    expect(await problem({ playbooks: [join(dir, 'scan.pdf')] })).toBe(`--playbook ${join(dir, 'scan.pdf')}: The PDF has no text layer (it may be a scan).`);
  });
});
