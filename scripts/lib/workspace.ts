/**
 * The workspace the command-line tools answer from, and the flags that choose it:
 * `--clients FILE` (CSV or JSON, imported exactly as the app's Clients page does),
 * `--playbook FILE.pdf` (repeatable; every document is indexed) and `--today YYYY-MM-DD`.
 * Shared by `npm run ask`, `npm run eval` and `npm run rlhf`; same core modules as the app, and the
 * playbook is indexed with the app's default embedder (word meaning) unless told otherwise.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqlClientStore } from '../../src/core/clients/sql-client-store.ts';
import type { ImportFormat } from '../../src/core/clients/types.ts';
import { toAppError } from '../../src/core/errors.ts';
import { PlaybookLibrary } from '../../src/core/playbook/library.ts';
import { createPdfTextExtractor } from '../../src/core/playbook/pdf-text.ts';
import type { Embedder } from '../../src/core/playbook/types.ts';
import { createTools, type Tools } from '../../src/core/tools/tools.ts';
import { nodeWordMeaning } from './word-vectors-file.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_CLIENTS = join(REPO_ROOT, 'data/clients.json');
export const DEMO_PLAYBOOK = join(REPO_ROOT, 'data/playbook.pdf');

/** The same cap as the app's file import. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Which data to answer from, as given on the command line (paths as the user typed them). */
export interface WorkspaceSource {
  /** Client book, CSV or JSON (default: the demo book). */
  clients: string;
  /** Playbook PDFs, all indexed together (default: the demo playbook). */
  playbooks: string[];
  /** ISO date that "next 90 days", "this quarter" and renewal advice count from. */
  today: string;
  /** True when any of --clients, --playbook or --today was given. */
  explicit: boolean;
}

export interface CliWorkspace {
  clients: SqlClientStore;
  playbook: PlaybookLibrary;
  /** The cached tools over both, with `today` as the default date of renewal windows. */
  tools: Tools;
  today: string;
}
/** The name callers used before --clients and --playbook existed. */
export type DemoWorkspace = CliWorkspace;

export const WORKSPACE_USAGE = `Your own data (the same flags for ask, eval and rlhf):
  --clients FILE       client book, CSV or JSON with the app's column names (default data/clients.json)
  --playbook FILE.pdf  a playbook document; repeat it to index several (default data/playbook.pdf)
  --today YYYY-MM-DD   the date renewal windows and advice count from (default: the real date)`;

/** A bad --clients/--playbook/--today: the message is one line for stderr; the scripts exit 2. */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
}

/** The local calendar date, YYYY-MM-DD (a rep's "today", not UTC's). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Checks a --today value: a real calendar date written YYYY-MM-DD. */
export function parseToday(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new WorkspaceError(`--today must be a date like 2026-12-02 (got "${value}")`);
  }
  return value.trim();
}

const FLAGS = ['--clients', '--playbook', '--today'] as const;

/**
 * Takes --clients, --playbook and --today (`--flag value` or `--flag=value`) out of argv and
 * returns the rest for the script's own parser. Throws WorkspaceError on a missing value, a
 * second --clients or a bad date; files are checked later, by `loadWorkspace`.
 */
export function takeWorkspaceArgs(argv: readonly string[], now: Date = new Date()): { source: WorkspaceSource; rest: string[] } {
  const rest: string[] = [];
  let clients: string | undefined;
  const playbooks: string[] = [];
  let today: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = (FLAGS as readonly string[]).find((f) => arg === f || (eq > 0 && arg.slice(0, eq) === f));
    if (!flag) {
      rest.push(arg);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      throw new WorkspaceError(flag === '--today' ? '--today needs a date like 2026-12-02' : `${flag} needs a file name`);
    }
    if (flag === '--clients') {
      if (clients !== undefined) throw new WorkspaceError('--clients was given twice; give one client file');
      clients = value;
    } else if (flag === '--playbook') playbooks.push(value);
    else today = parseToday(value);
  }
  return {
    source: {
      clients: clients ?? DEMO_CLIENTS,
      playbooks: playbooks.length ? playbooks : [DEMO_PLAYBOOK],
      today: today ?? localToday(now),
      explicit: clients !== undefined || playbooks.length > 0 || today !== undefined,
    },
    rest,
  };
}

/** Relative paths count from the working directory, like --dataset and --data (npm runs scripts in the project folder). */
function userPath(p: string): string {
  return resolve(p);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

async function readUserFile(flag: string, path: string): Promise<Buffer> {
  const full = userPath(path);
  try {
    const info = await stat(full);
    if (info.isDirectory()) throw new WorkspaceError(`${flag} ${path}: is a folder, not a file`);
    if (info.size > MAX_FILE_BYTES) throw new WorkspaceError(`${flag} ${path}: the file is larger than 50 MB`);
    return await readFile(full);
  } catch (err) {
    if (err instanceof WorkspaceError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkspaceError(`${flag} ${path}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') throw new WorkspaceError(`${flag} ${path}: permission denied`);
    throw new WorkspaceError(`${flag} ${path}: cannot read the file (${code ?? 'unknown error'})`);
  }
}

/** A text file named by a flag (e.g. --batch); a missing or unreadable file is a WorkspaceError. */
export async function readArgText(flag: string, path: string): Promise<string> {
  return (await readUserFile(flag, path)).toString('utf8');
}

/** CSV or JSON by the file's extension, as the app's Clients page decides. */
function clientFormat(path: string): ImportFormat {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.json$/i.test(path)) return 'json';
  throw new WorkspaceError(`--clients ${path}: not a CSV or JSON file (the name must end in .csv or .json)`);
}

export function standardFontDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
  } catch {
    return undefined;
  }
}

/**
 * Loads the client book and every playbook into fresh in-memory stores (built-in embedder).
 * Throws WorkspaceError naming the flag, the file and what is wrong, in the import's words.
 */
export async function loadWorkspace(source: WorkspaceSource, opts: { embedder?: Embedder } = {}): Promise<CliWorkspace> {
  const format = clientFormat(source.clients);
  const clientText = (await readUserFile('--clients', source.clients)).toString('utf8');
  const clients = await SqlClientStore.create();
  try {
    await clients.importText(clientText, format, 'replace');
  } catch (err) {
    throw new WorkspaceError(`--clients ${source.clients}: ${oneLine(toAppError(err).message)}`);
  }
  const playbook = new PlaybookLibrary({
    embedder: opts.embedder ?? (await nodeWordMeaning().embedder()),
    pdf: createPdfTextExtractor({ standardFontDataUrl: standardFontDir() }),
  });
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const path of source.playbooks) {
    if (seen.has(userPath(path))) throw new WorkspaceError(`--playbook ${path}: the same file was given twice`);
    seen.add(userPath(path));
    // Answers cite documents by name: two files called playbook.pdf are told apart by their path.
    const name = names.has(basename(path)) ? path.replaceAll('\\', '/') : basename(path);
    names.add(name);
    const bytes = new Uint8Array(await readUserFile('--playbook', path));
    try {
      await playbook.addPdf(name, bytes);
    } catch (err) {
      throw new WorkspaceError(`--playbook ${path}: ${oneLine(toAppError(err).message)}`);
    }
  }
  return { clients, playbook, tools: createTools({ clients, playbook, today: source.today }), today: source.today };
}

/** The demo client book and playbook, dated today. */
export function loadDemoWorkspace(): Promise<CliWorkspace> {
  return loadWorkspace(takeWorkspaceArgs([]).source);
}

/** `loadWorkspace`, but a bad flag or file is passed to `report` as one line and gives undefined (exit 2). */
export async function tryLoadWorkspace(
  source: WorkspaceSource,
  report: (problem: string) => void,
  opts: { embedder?: Embedder } = {},
): Promise<CliWorkspace | undefined> {
  try {
    return await loadWorkspace(source, opts);
  } catch (err) {
    if (!(err instanceof WorkspaceError)) throw err;
    report(err.message);
    return undefined;
  }
}

/** For a script's catch: the one line to print when the error is a bad data flag or file. */
export function workspaceProblem(err: unknown): string | undefined {
  return err instanceof WorkspaceError ? err.message : undefined;
}
