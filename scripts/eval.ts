/**
 * `npm run eval -- [--provider builtin|openai|webllm] [--model NAME] [--judge builtin|openai]
 *   [--dataset PATH] [--out PATH] [--min-score X] [--critic PATH] [--json]`
 * Answers every dataset case with the co-pilot, scores it on the RAGAS metrics, prints the
 * average scores, quality and worst cases, and writes the full JSON report.
 * Exit codes: 0 ok, 1 overall below --min-score, 2 bad arguments or dataset, 3 could not run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AppError, toAppError } from '../src/core/errors.ts';
import { EVAL_USAGE, parseEvalArgs, type EvalCliOptions } from '../src/core/eval/cli-args.ts';
import { makeCopilot } from '../src/core/eval/copilot.ts';
import { parseDatasetText } from '../src/core/eval/dataset.ts';
import { formatReport } from '../src/core/eval/report.ts';
import { runEvaluation } from '../src/core/eval/run.ts';
import { BlendedEmbedder, WORD_MEANING_SHARE } from '../src/core/eval/blended-embedder.ts';
import { BuiltinEmbedder } from '../src/core/playbook/builtin-embedder.ts';
import { criticHook } from '../src/core/rlhf/critic-hook.ts';
import { parseCriticModel } from '../src/core/rlhf/critic.ts';
import { OpenAICompatibleProvider } from '../src/core/providers/openai.ts';
import type { ChatProvider } from '../src/core/providers/types.ts';
import { nodeWordMeaning } from './lib/word-vectors-file.ts';
import { WORKSPACE_USAGE, takeWorkspaceArgs, tryLoadWorkspace, workspaceProblem, type WorkspaceSource } from './lib/workspace.ts';

/** Resolves once the text is flushed: process.exit would otherwise cut a long JSON report short on a pipe. */
const out = (text: string) => new Promise<void>((done) => process.stdout.write(`${text}\n`, () => done()));

/** Library chatter (pdf.js warnings...) goes to stderr so stdout stays the summary or pure JSON. */
function quietConsole(): void {
  const toStderr = (...parts: unknown[]) => void (process.env.DEBUG === '1' && process.stderr.write(`${parts.map(String).join(' ')}\n`));
  console.log = toStderr;
  console.info = toStderr;
  console.warn = toStderr;
  console.debug = toStderr;
}

function openaiFromEnv(model: string | undefined, role: string): OpenAICompatibleProvider {
  const apiKey = process.env.OPENAI_API_KEY ?? '';
  const baseUrl = process.env.OPENAI_BASE_URL;
  if (!apiKey && !baseUrl) throw new AppError('provider-auth', `${role} 'openai' needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server).`);
  return new OpenAICompatibleProvider({ apiKey, baseUrl, model });
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(resolve(path), 'utf8'));
  } catch {
    throw new AppError('model-unavailable', `Cannot read the critic at ${path}.`);
  }
}

async function main(o: EvalCliOptions, source: WorkspaceSource): Promise<number> {
  let datasetText: string;
  try {
    datasetText = await readFile(resolve(o.dataset), 'utf8');
  } catch {
    console.error(`Cannot read the dataset at ${o.dataset}.`);
    return 2;
  }
  const cases = parseDatasetText(datasetText);
  if (o.provider === 'webllm') {
    console.error('--provider webllm needs WebGPU: run it from the Evaluate page in the browser.');
    return 2;
  }
  const crm: ChatProvider | undefined = o.provider === 'openai' ? openaiFromEnv(o.model ?? process.env.MODEL_NAME, '--provider') : undefined;
  const judge = o.judge === 'openai' ? openaiFromEnv(process.env.OPENAI_JUDGE_MODEL ?? o.model ?? process.env.MODEL_NAME, '--judge') : undefined;
  quietConsole();
  // The playbook is indexed as in the app (word meaning); the metrics' similarity blends keywords with word meaning.
  const words = await nodeWordMeaning().embedder();
  const embedder = new BlendedEmbedder([
    { embedder: new BuiltinEmbedder(), weight: 1 - WORD_MEANING_SHARE },
    { embedder: words, weight: WORD_MEANING_SHARE },
  ]);
  const ws = await tryLoadWorkspace(source, (problem) => console.error(problem), { embedder: words });
  if (!ws) return 2;
  // Critics are trained on the built-in (hash) embedder's features.
  const criticEmbedder = new BuiltinEmbedder();
  const critic = o.critic ? criticHook(parseCriticModel(await readJson(o.critic)), criticEmbedder) : undefined;
  if (critic === null) throw new AppError('model-unavailable', `${o.critic} was trained with another embedder than ${criticEmbedder.id}: retrain it.`);
  const copilot = makeCopilot({ clients: ws.clients, playbook: ws.playbook, crm, today: ws.today, critic });

  const ctrl = new AbortController();
  process.once('SIGINT', () => ctrl.abort());
  const report = await runEvaluation({
    cases,
    answer: copilot.answer,
    provider: copilot.provider,
    judge,
    embedder,
    signal: ctrl.signal,
    onProgress: (p) => {
      if (p.phase === 'done' && p.result) {
        process.stderr.write(`[${p.done}/${p.total}] ${p.result.overall.toFixed(2)} ${p.question}\n`);
      }
    },
  });

  const outPath = resolve(o.out);
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, `${JSON.stringify(report, null, 2)}\n`);
  if (o.json) await out(JSON.stringify(report, null, 2));
  else await out(`${formatReport(report)}\n\nFull report: ${o.out}`);

  if (o.minScore !== undefined && report.averages.overall < o.minScore) {
    console.error(`Overall score ${report.averages.overall.toFixed(3)} is below --min-score ${o.minScore}.`);
    return 1;
  }
  return 0;
}

let taken: ReturnType<typeof takeWorkspaceArgs>;
try {
  taken = takeWorkspaceArgs(process.argv.slice(2));
} catch (err) {
  console.error(workspaceProblem(err) ?? err);
  process.exit(2);
}
const parsed = parseEvalArgs(taken.rest);
if (!parsed.ok) {
  console.error(`${parsed.message}\n\n${EVAL_USAGE}\n\n${WORKSPACE_USAGE}`);
  process.exit(2);
}
if (parsed.options.help) {
  await out(`${EVAL_USAGE}\n\n${WORKSPACE_USAGE}`);
  process.exit(0);
}
main(parsed.options, taken.source).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const e = toAppError(err);
    console.error(`${e.code}: ${e.message}`);
    process.exit(e.code === 'bad-dataset' ? 2 : 3);
  },
);
