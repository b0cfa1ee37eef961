/**
 * `npm run rlhf -- [--epochs 3] [--lr 1e-5] [--data data/rlhf/rlhf.json] [--output models/reflection-critic.json]
 *   [--seed N] [--json] [--export-trl DIR]`: trains the reflection critic with PPO on feedback records.
 * One epoch = 16 PPO iterations over the training split; the Adam step is lr × 1e4 (see src/core/rlhf/ppo.ts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError, AppError } from '../src/core/errors.ts';
import { BuiltinEmbedder } from '../src/core/playbook/builtin-embedder.ts';
import { trainCritic } from '../src/core/rlhf/critic.ts';
import { exportTrl } from '../src/core/rlhf/export-trl.ts';
import { DEFAULT_PPO } from '../src/core/rlhf/ppo.ts';
import { parseFeedbackText } from '../src/core/rlhf/records.ts';
import { takeWorkspaceArgs, tryLoadWorkspace, workspaceProblem } from './lib/workspace.ts';

function num(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new AppError('bad-dataset', `--${name} must be a positive number, got "${value}".`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  // --clients/--playbook/--today: the data rlhf answers questions from; training itself reads only --data.
  const { source, rest } = takeWorkspaceArgs(argv);
  if (source.explicit && !(await tryLoadWorkspace(source, (problem) => console.error(problem)))) {
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
      json: { type: 'boolean', default: false },
      'export-trl': { type: 'string' },
    },
  });
  const epochs = Math.round(num('epochs', values.epochs, DEFAULT_PPO.epochs));
  const lr = num('lr', values.lr, DEFAULT_PPO.lr);
  const seed = values.seed === undefined ? DEFAULT_PPO.seed : Math.trunc(Number(values.seed));
  if (!Number.isFinite(seed)) throw new AppError('bad-dataset', `--seed must be an integer, got "${values.seed}".`);

  let text: string;
  try {
    text = await readFile(values.data, 'utf8');
  } catch {
    throw new AppError('bad-feedback', `Cannot read feedback file ${values.data}.`);
  }
  const records = parseFeedbackText(text);
  const embedder = new BuiltinEmbedder();
  const result = await trainCritic(records, {
    embedder,
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

  await mkdir(dirname(values.output), { recursive: true });
  await writeFile(values.output, `${JSON.stringify(result.critic, null, 2)}\n`);
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
