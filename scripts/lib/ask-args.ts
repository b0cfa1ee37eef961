/** Command-line arguments of `npm run ask`. */
import type { ProviderId } from '../../src/core/providers/types.ts';

export interface AskArgs {
  provider: ProviderId;
  json: boolean;
  batch?: string;
  question?: string;
  help: boolean;
  /** Answer the batch as one conversation (a blank line starts a new one), so follow-ups resolve. */
  conversation: boolean;
  /** The rep's own name as the client book spells it ("my clients"). */
  rep?: string;
}

export const ASK_USAGE = `Usage: npm run ask -- [--provider builtin|openai|webllm] [--json] [--batch FILE [--conversation]] [--rep NAME] "question"

  --provider  builtin (default, no model needed), openai (reads OPENAI_API_KEY, OPENAI_BASE_URL,
              MODEL_NAME), webllm (browser only)
  --json      print each answer as one line of AnswerRecord JSON
  --batch     answer every non-empty line of FILE (lines starting with # are skipped)
  --conversation  answer the batch as one conversation, so "their", "compare them" and "what about X?"
              refer to earlier lines; a blank line starts a new conversation
  --rep       your name as the client book spells it, so "my clients" means yours
  DEBUG=1     progress and library logs on stderr`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const PROVIDERS: readonly ProviderId[] = ['builtin', 'openai', 'webllm'];

/** Parses argv (without node and script); throws UsageError on a mistake. */
export function parseAskArgs(argv: string[]): AskArgs {
  const args: AskArgs = { provider: 'builtin', json: false, help: false, conversation: false };
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
    else if (flag === '--provider') {
      const p = value();
      if (!PROVIDERS.includes(p as ProviderId)) throw new UsageError(`unknown provider "${p}" (use ${PROVIDERS.join(', ')})`);
      args.provider = p as ProviderId;
    } else if (flag === '--batch') args.batch = value();
    else if (flag === '--conversation') args.conversation = true;
    else if (flag === '--rep') args.rep = value();
    else if (flag === '--') continue;
    else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag}`);
    else words.push(a);
  }
  if (words.length) args.question = words.join(' ').trim();
  if (!args.help && !args.batch && !args.question) throw new UsageError('give a question or --batch FILE');
  if (args.batch && args.question) throw new UsageError('give either a question or --batch FILE, not both');
  if (args.conversation && !args.batch) throw new UsageError('--conversation answers a --batch FILE as one conversation; give --batch FILE');
  return args;
}

/** Questions of a batch file: one per non-empty line, `#` comments skipped. */
export function batchQuestions(text: string): string[] {
  return batchConversations(text).flat();
}

/** A batch file as conversations: blank lines separate them; `#` comment lines are skipped. */
export function batchConversations(text: string): string[][] {
  const out: string[][] = [[]];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      if (out[out.length - 1].length) out.push([]);
    } else if (!line.startsWith('#')) out[out.length - 1].push(line);
  }
  return out.filter((c) => c.length > 0);
}
