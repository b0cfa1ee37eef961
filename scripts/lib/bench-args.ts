/** Command-line flags of `npm run bench`. */
export const BENCH_SECTIONS = ['retrieval', 'lookup', 'ingest', 'answer', 'bundle', 'startup', 'retrieval-quality', 'storage', 'import'] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];

export interface BenchArgs {
  json: boolean;
  /** Rebuild the main app even when dist/index.html exists. */
  build: boolean;
  sections: BenchSection[];
}

export const BENCH_USAGE = `Usage: npm run bench -- [--json] [--build] [--only ${BENCH_SECTIONS.join(',')}]
  --json   print one JSON object as the last stdout line (logs go to stderr)
  --build  rebuild the main app (dist/) even if it exists
  --only   run only these sections (comma-separated; default: all)`;

export class BenchArgsError extends Error {
  override readonly name = 'BenchArgsError';
}

const ALIASES: Record<string, BenchSection> = {
  client_lookup: 'lookup',
  answer_builtin: 'answer',
  answers: 'answer',
  retrieval_quality: 'retrieval-quality',
};

function toSection(word: string): BenchSection {
  const w = word.trim();
  const s = ALIASES[w] ?? w;
  if (!(BENCH_SECTIONS as readonly string[]).includes(s)) {
    throw new BenchArgsError(`Unknown section "${w}". Sections: ${BENCH_SECTIONS.join(', ')}.`);
  }
  return s as BenchSection;
}

/** Parses argv (without node and script); throws BenchArgsError on anything unknown. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const out: BenchArgs = { json: false, build: false, sections: [...BENCH_SECTIONS] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') out.json = true;
    else if (arg === '--build') out.build = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) throw new BenchArgsError('--only needs a comma-separated list of sections.');
      const wanted = new Set(
        value
          .split(',')
          .filter((w) => w.trim() !== '')
          .map(toSection),
      );
      out.sections = BENCH_SECTIONS.filter((s) => wanted.has(s));
    } else throw new BenchArgsError(`Unknown argument "${arg}".`);
  }
  return out;
}
