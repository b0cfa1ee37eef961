/**
 * `npm run rlhf -- [--epochs 3] [--lr 1e-5] [--data data/rlhf/rlhf.json] [--output models/reflection-critic.json]
 *   [--seed N] [--reference PATH] [--current PATH] [--dataset PATH] [--skip-eval] [--json] [--export-trl DIR]`:
 * trains the reflection critic with PPO on feedback records, calibrates it and checks it against
 * the built-in reviewer on answers it was not trained on, then scores the evaluation dataset
 * without and with it in the loop.
 * One epoch = 16 PPO iterations over the training split; the Adam step is lr × 1e4 (see src/core/rlhf/ppo.ts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError, AppError } from '../src/core/errors.ts';
import { BuiltinReflector } from '../src/core/agents/builtin/index.ts';
import { BlendedEmbedder, WORD_MEANING_SHARE } from '../src/core/eval/blended-embedder.ts';
import { makeCopilot } from '../src/core/eval/copilot.ts';
import { parseDatasetText } from '../src/core/eval/dataset.ts';
import { BuiltinEmbedder } from '../src/core/playbook/builtin-embedder.ts';
import { checkReadiness, type CriticCheck } from '../src/core/rlhf/assessment.ts';
import { checkCritic } from '../src/core/rlhf/check.ts';
import { checkVersion, type CheckRequest } from '../src/core/rlhf/check-version.ts';
import { parseCriticModel, trainCritic, type CriticModel } from '../src/core/rlhf/critic.ts';
import { criticHook } from '../src/core/rlhf/critic-hook.ts';
import { exportTrl } from '../src/core/rlhf/export-trl.ts';
import { DEFAULT_PPO } from '../src/core/rlhf/ppo.ts';
import { parseFeedbackText } from '../src/core/rlhf/records.ts';
import { nodeWordMeaning } from './lib/word-vectors-file.ts';
import { takeWorkspaceArgs, tryLoadWorkspace, workspaceProblem } from './lib/workspace.ts';

function num(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new AppError('bad-dataset', `--${name} must be a positive number, got "${value}".`);
  return n;
}

async function readText(path: string, code: 'bad-feedback' | 'bad-dataset' | 'model-unavailable', what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new AppError(code, `Cannot read ${what} ${path}.`);
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function describeCheck(c: CriticCheck): string {
  const head = `check on ${c.good + c.bad} held-back answers (${c.good} good, ${c.bad} bad; ${c.from_ratings} from the data, ${c.from_examples} reference): `;
  const scores = `built-in reviewer agrees ${pct(c.current.agreement)}, with the new critic ${pct(c.candidate.agreement)} (needs +${pct(c.margin)})`;
  if (c.outcome === 'too-few')
    return `${head}too few to judge (${c.min_per_class} of each needed; ${c.needs?.good ?? 0} more good, ${c.needs?.bad ?? 0} more bad ratings); ${scores}`;
  return `${head}${scores} -> ${c.outcome === 'better' ? 'better: would be switched on' : 'not better: would stay off'}`;
}

async function main(argv: string[]): Promise<void> {
  // --clients/--playbook/--today: the data the critic's check answers questions from; training reads only --data.
  const { source, rest } = takeWorkspaceArgs(argv);
  const words = await nodeWordMeaning().embedder();
  const ws = await tryLoadWorkspace(source, (problem) => console.error(problem), { embedder: words });
  if (!ws) {
    process.exitCode = 2;
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      epochs: { type: 'string' },
      lr: { type: 'string' },
      data: { type: 'string', default: 'data/rlhf/rlhf.json' },
      output: { type: 'string', default: 'models/reflection-critic.json' },
      seed: { type: 'string' },
      reference: { type: 'string', default: 'data/rlhf/rlhf.json' },
      current: { type: 'string' },
      dataset: { type: 'string', default: 'data/eval/test_dataset.json' },
      'skip-eval': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'export-trl': { type: 'string' },
    },
  });
  const epochs = Math.round(num('epochs', values.epochs, DEFAULT_PPO.epochs));
  const lr = num('lr', values.lr, DEFAULT_PPO.lr);
  const seed = values.seed === undefined ? DEFAULT_PPO.seed : Math.trunc(Number(values.seed));
  if (!Number.isFinite(seed)) throw new AppError('bad-dataset', `--seed must be an integer, got "${values.seed}".`);

  const records = parseFeedbackText(await readText(values.data, 'bad-feedback', 'feedback file'));
  const reference = parseFeedbackText(await readText(values.reference, 'bad-feedback', 'reference feedback file'));
  const current = values.current ? parseCriticModel(JSON.parse(await readText(values.current, 'model-unavailable', 'critic'))) : undefined;
  const embedder = new BuiltinEmbedder();
  const result = await trainCritic(records, {
    embedder,
    reference,
    epochs,
    lr,
    seed,
    onEpoch: (s) => {
      console.log(
        `epoch ${s.epoch}/${epochs}  mean_reward=${s.mean_reward.toFixed(3)}  val_accuracy=${s.val_accuracy.toFixed(3)}  ` +
          `train_accuracy=${s.train_accuracy.toFixed(3)}  kl=${s.kl.toFixed(4)}  clip_fraction=${s.clip_fraction.toFixed(3)}`,
      );
    },
  });

  // Checked and scored exactly as `npm run eval` scores: playbook by word meaning, metrics on the blended embedder.
  const metricEmbedder = new BlendedEmbedder([
    { embedder: new BuiltinEmbedder(), weight: 1 - WORD_MEANING_SHARE },
    { embedder: words, weight: WORD_MEANING_SHARE },
  ]);
  const { clients, playbook, tools, today } = ws;
  const rules = new BuiltinReflector();
  const review = { tools, today };
  const request: CheckRequest = {
    critic: result.critic,
    heldBack: result.held_back,
    fromRatings: result.held_back_from_ratings,
    fromExamples: result.held_back_from_examples,
    needs: checkReadiness(records, reference).needs,
    current,
  };
  let critic: CriticModel;
  let datasetError: string | undefined;
  if (values['skip-eval']) {
    critic = await checkCritic(request.critic, request.heldBack, {
      embedder,
      rules,
      review,
      current: current ? criticHook(current, embedder) : null,
      fromRatings: request.fromRatings,
      fromExamples: request.fromExamples,
      needs: request.needs,
      seed,
    });
  } else {
    const cases = parseDatasetText(await readText(values.dataset, 'bad-dataset', 'evaluation dataset'));
    const checked = await checkVersion(request, {
      criticEmbedder: embedder,
      metricEmbedder,
      rules,
      review,
      cases,
      answerWith: (c) => makeCopilot({ clients, playbook, critic: c, today }).answer,
      onProgress: (p) => {
        // One line per pass when piped; a live counter on a terminal.
        if (p.phase !== 'done') return;
        if (process.stderr.isTTY) process.stderr.write(`\r[evaluation ${p.pass} the critic] ${p.done}/${p.total}${p.done === p.total ? '\n' : ''}`);
        else if (p.done === p.total) process.stderr.write(`[evaluation ${p.pass} the critic] ${p.total} cases scored\n`);
      },
    });
    critic = checked.critic;
    datasetError = checked.datasetError;
  }
  const check = critic.check;
  if (!check) throw new AppError('internal', 'The trained critic was not checked.');
  console.log(`calibration error (ECE) on held-back answers: ${check.ece_before.toFixed(3)} raw -> ${check.ece_after.toFixed(3)} calibrated`);
  if (datasetError) console.log(`the evaluation dataset could not be scored with the critic: ${datasetError}`);
  const effect = check.dataset;
  if (effect) {
    console.log(
      `evaluation dataset (${effect.cases} cases): overall ${effect.overall_without.toFixed(3)} without the critic, ` +
        `${effect.overall_with.toFixed(3)} with it; the critic doubted ${effect.critic_doubts} answers; ` +
        `${effect.three_identical_attempts} answers had three identical attempts`,
    );
  }
  console.log(describeCheck(check));

  await mkdir(dirname(values.output), { recursive: true });
  await writeFile(values.output, `${JSON.stringify(critic, null, 2)}\n`);
  console.log(`critic written to ${values.output} (validation accuracy ${result.val_accuracy_before.toFixed(3)} -> ${result.val_accuracy_after.toFixed(3)})`);

  if (values['export-trl']) {
    const dir = values['export-trl'];
    await mkdir(dir, { recursive: true });
    for (const [name, body] of Object.entries(exportTrl(records))) {
      await writeFile(join(dir, name), body);
      console.log(`TRL dataset written to ${join(dir, name)} (${body ? body.trimEnd().split('\n').length : 0} rows)`);
    }
  }

  if (values.json) {
    console.log(
      JSON.stringify({
        epochs,
        val_accuracy_before: result.val_accuracy_before,
        val_accuracy_after: result.val_accuracy_after,
        mean_reward_first_epoch: result.mean_reward_first_epoch,
        mean_reward_last_epoch: result.mean_reward_last_epoch,
        eval_overall_without_critic: check.dataset?.overall_without ?? null,
        eval_overall_with_critic: check.dataset?.overall_with ?? null,
        eval_cases: check.dataset?.cases ?? 0,
        critic_doubts: check.dataset?.critic_doubts ?? null,
        three_identical_attempts: check.dataset?.three_identical_attempts ?? null,
        ece_before_calibration: check.ece_before,
        ece_after_calibration: check.ece_after,
        check: {
          outcome: check.outcome,
          margin: check.margin,
          held_back_good: check.good,
          held_back_bad: check.bad,
          agreement_current: check.current.agreement,
          agreement_with_critic: check.candidate.agreement,
          ...(check.needs ? { needs_more_good: check.needs.good, needs_more_bad: check.needs.bad } : {}),
        },
      }),
    );
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const problem = workspaceProblem(err);
  if (problem) console.error(problem);
  else if (isAppError(err)) console.error(`error [${err.code}]: ${err.message}`);
  else console.error(err instanceof Error ? `error: ${err.message}` : 'error: unexpected failure');
  process.exitCode = problem ? 2 : 1;
});
