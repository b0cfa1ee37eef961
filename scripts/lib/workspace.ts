/**
 * Node bootstrap of the demo workspace for the command-line tools: the client book from
 * `data/clients.json`, the playbook from `data/playbook.pdf` (indexed with the app's default
 * embedder, word meaning, unless told otherwise), and the cached tools over both. Same core
 * modules as the app, no browser.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqlClientStore } from '../../src/core/clients/sql-client-store.ts';
import { PlaybookLibrary } from '../../src/core/playbook/library.ts';
import { createPdfTextExtractor } from '../../src/core/playbook/pdf-text.ts';
import type { Embedder } from '../../src/core/playbook/types.ts';
import { createTools, type Tools } from '../../src/core/tools/tools.ts';
import { nodeWordMeaning } from './word-vectors-file.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface DemoWorkspace {
  clients: SqlClientStore;
  playbook: PlaybookLibrary;
  tools: Tools;
}

export interface WorkspaceOptions {
  clientsFile?: string;
  playbookFile?: string;
  /** The playbook's embedder; default the app's default (word meaning from the committed file). */
  embedder?: Embedder;
}

export function standardFontDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';
  } catch {
    return undefined;
  }
}

/** Loads the demo client book and playbook into fresh in-memory stores. */
export async function loadDemoWorkspace(opts: WorkspaceOptions = {}): Promise<DemoWorkspace> {
  const clientsFile = opts.clientsFile ?? join(REPO_ROOT, 'data/clients.json');
  const playbookFile = opts.playbookFile ?? join(REPO_ROOT, 'data/playbook.pdf');
  const clients = await SqlClientStore.create();
  await clients.importText(await readFile(clientsFile, 'utf8'), 'json', 'replace');
  const playbook = new PlaybookLibrary({
    embedder: opts.embedder ?? (await nodeWordMeaning().embedder()),
    pdf: createPdfTextExtractor({ standardFontDataUrl: standardFontDir() }),
  });
  const name = playbookFile.split(/[\\/]/).pop() ?? 'playbook.pdf';
  await playbook.addPdf(name, new Uint8Array(await readFile(playbookFile)));
  return { clients, playbook, tools: createTools({ clients, playbook }) };
}
