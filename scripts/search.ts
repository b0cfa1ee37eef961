/**
 * `npm run search -- [--json] [--k 5] [--playbook FILE.pdf] "query"`: the app's hybrid playbook
 * search (word meaning fused with keywords, same core modules) over the demo playbook or a PDF.
 * With --json, exactly one line: {"query", "embedder", "hits": [{"doc", "page", "heading", "text", "score"}]}.
 * Exit codes: 0 ok, 2 bad arguments or unreadable file (one line on stderr), 3 could not run.
 */
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { toAppError } from '../src/core/errors.ts';
import { PlaybookLibrary } from '../src/core/playbook/library.ts';
import { createPdfTextExtractor } from '../src/core/playbook/pdf-text.ts';
import type { SearchHit } from '../src/core/playbook/types.ts';
import { UsageError } from './lib/ask-args.ts';
import { parseSearchArgs, SEARCH_USAGE, type SearchArgs } from './lib/search-args.ts';
import { nodeWordMeaning, REPO_ROOT } from './lib/word-vectors-file.ts';
import { standardFontDir } from './lib/workspace.ts';

export interface SearchJson {
  query: string;
  embedder: string;
  hits: { doc: string; page: number; heading: string; text: string; score: number }[];
}

/** The `--json` line for a search's hits. */
export function toSearchJson(query: string, embedder: string, hits: SearchHit[]): SearchJson {
  return {
    query,
    embedder,
    hits: hits.map((h) => ({ doc: h.chunk.docName, page: h.chunk.page, heading: h.chunk.heading, text: h.chunk.text, score: Number(h.score.toFixed(6)) })),
  };
}

/** Resolves once the text is flushed (a pipe would otherwise cut it short on exit). */
const out = (text: string) => new Promise<void>((done) => process.stdout.write(`${text}\n`, () => done()));

class BadFile extends Error {}

async function run(args: SearchArgs): Promise<void> {
  const file = resolve(args.playbook ?? join(REPO_ROOT, 'data/playbook.pdf'));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new BadFile(`Cannot read the playbook at ${file}.`);
  }
  const embedder = await nodeWordMeaning().embedder();
  const library = new PlaybookLibrary({ embedder, pdf: createPdfTextExtractor({ standardFontDataUrl: standardFontDir() }) });
  try {
    await library.addPdf(basename(file), bytes);
  } catch (err) {
    throw new BadFile(`${basename(file)}: ${toAppError(err).message}`);
  }
  const hits = await library.search(args.query ?? '', args.k);
  if (args.json) return out(JSON.stringify(toSearchJson(args.query ?? '', embedder.id, hits)));
  if (!hits.length) return out(`No passages match "${args.query}".`);
  const lines = hits.map(
    (h, i) =>
      `${i + 1}. ${h.chunk.heading} (${h.chunk.docName}, page ${h.chunk.page}) score ${h.score.toFixed(4)}\n   ${h.chunk.text.replace(/\s+/g, ' ').slice(0, 240)}`,
  );
  return out(lines.join('\n'));
}

async function main(): Promise<number> {
  let args: SearchArgs;
  try {
    args = parseSearchArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n${SEARCH_USAGE}`);
    return 2;
  }
  if (args.help) {
    await out(SEARCH_USAGE);
    return 0;
  }
  // pdf.js and library chatter stays off stdout (the --json line is the only output).
  const quiet = (...parts: unknown[]) => void (process.env.DEBUG === '1' && process.stderr.write(`${parts.map(String).join(' ')}\n`));
  console.log = quiet;
  console.warn = quiet;
  console.info = quiet;
  try {
    await run(args);
    return 0;
  } catch (err) {
    if (err instanceof BadFile) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    process.stderr.write(`search: could not run: ${toAppError(err).message}\n`);
    return 3;
  }
}

process.exitCode = await main();
