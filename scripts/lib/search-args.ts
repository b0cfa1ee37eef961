/** Command-line arguments of `npm run search`. */
import { UsageError } from './ask-args.ts';

export interface SearchArgs {
  json: boolean;
  k: number;
  /** PDF to search; default the demo playbook. */
  playbook?: string;
  query?: string;
  help: boolean;
}

export const SEARCH_USAGE = `Usage: npm run search -- [--json] [--k 5] [--playbook FILE.pdf] "query"

  --json      print one line: {"query", "embedder", "hits": [{"doc", "page", "heading", "text", "score"}]}
  --k         how many passages (1-50, default 5)
  --playbook  search this PDF instead of the demo playbook (data/playbook.pdf)
  Same hybrid search as the app's Playbook page: word meaning fused with keywords.`;

/** Parses argv (without node and script); throws UsageError on a mistake. */
export function parseSearchArgs(argv: string[]): SearchArgs {
  const args: SearchArgs = { json: false, k: 5, help: false };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--json') args.json = true;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--k') {
      const k = Number(value());
      if (!Number.isInteger(k) || k < 1 || k > 50) throw new UsageError('--k must be a whole number from 1 to 50');
      args.k = k;
    } else if (flag === '--playbook') args.playbook = value();
    else if (flag === '--') continue;
    else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag}`);
    else words.push(a);
  }
  if (words.length) args.query = words.join(' ').trim();
  if (!args.help && !args.query) throw new UsageError('give a query');
  return args;
}
