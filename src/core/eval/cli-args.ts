/** Parsing `npm run eval -- [...]` arguments into typed options; plain TS so it is unit-testable. */

export type EvalProviderChoice = 'builtin' | 'openai' | 'webllm';
/** 'builtin' = the offline metric variants (no model); 'openai' = the RAGAS LLM-judge variants. */
export type EvalJudgeChoice = 'builtin' | 'openai';

export interface EvalCliOptions {
  provider: EvalProviderChoice;
  model?: string;
  judge: EvalJudgeChoice;
  dataset: string;
  out: string;
  minScore?: number;
  /** A trained RLHF critic (JSON from `npm run rlhf`) to put in the reflection loop. */
  critic?: string;
  json: boolean;
  help: boolean;
}

export const EVAL_USAGE = `Usage: npm run eval -- [options]
  --provider builtin|openai|webllm  who answers (default builtin; webllm needs a browser)
  --model NAME                      model for --provider openai (default gpt-4o-mini)
  --judge builtin|openai            builtin = offline metric variants (default); openai = RAGAS LLM judge
                                    (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_JUDGE_MODEL)
  --dataset PATH                    default data/eval/test_dataset.json
  --out PATH                        full JSON report (default data/eval/results.json)
  --min-score X                     exit 1 when the overall score is below X (0..1)
  --critic PATH                     put a trained critic (from npm run rlhf) in the reflection loop
  --json                            print the JSON report instead of the summary
Exit codes: 0 ok, 1 below --min-score, 2 bad arguments or dataset, 3 could not run (provider, model, files).`;

export type ParsedArgs = { ok: true; options: EvalCliOptions } | { ok: false; message: string };

const PROVIDERS: readonly EvalProviderChoice[] = ['builtin', 'openai', 'webllm'];
const JUDGES: readonly EvalJudgeChoice[] = ['builtin', 'openai'];

/** Parses argv (without node and script); `--flag value` and `--flag=value` both work. */
export function parseEvalArgs(argv: string[]): ParsedArgs {
  const o: EvalCliOptions = {
    provider: 'builtin',
    judge: 'builtin',
    dataset: 'data/eval/test_dataset.json',
    out: 'data/eval/results.json',
    json: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.indexOf('=');
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? (argv[i + 1]?.startsWith('--') ? undefined : argv[++i]);
    switch (flag) {
      case '--json':
        o.json = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--provider': {
        const v = value();
        if (!v || !PROVIDERS.includes(v as EvalProviderChoice)) return { ok: false, message: `--provider must be one of ${PROVIDERS.join(', ')}` };
        o.provider = v as EvalProviderChoice;
        break;
      }
      case '--judge': {
        const v = value();
        if (!v || !JUDGES.includes(v as EvalJudgeChoice)) return { ok: false, message: `--judge must be one of ${JUDGES.join(', ')}` };
        o.judge = v as EvalJudgeChoice;
        break;
      }
      case '--model':
      case '--dataset':
      case '--critic':
      case '--out': {
        const v = value();
        if (!v) return { ok: false, message: `${flag} needs a value` };
        if (flag === '--model') o.model = v;
        else if (flag === '--dataset') o.dataset = v;
        else if (flag === '--critic') o.critic = v;
        else o.out = v;
        break;
      }
      case '--min-score': {
        const v = value();
        const n = v === undefined ? NaN : Number(v);
        if (!Number.isFinite(n) || n < 0 || n > 1) return { ok: false, message: '--min-score must be a number between 0 and 1' };
        o.minScore = n;
        break;
      }
      default:
        return { ok: false, message: `Unknown argument: ${raw}` };
    }
  }
  return { ok: true, options: o };
}
