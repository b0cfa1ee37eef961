/**
 * The evaluation engine behind the Evaluate page, independent of where it runs: it opens its
 * own client store and playbook index from persisted bytes, answers every case with the
 * injected co-pilot, and scores it. `workers/eval.worker.ts` exposes one of these; tests call
 * it directly.
 */
import type { Critic } from '../agents/reflection.ts';
import type { ClientStore } from '../clients/types.ts';
import { AppError } from '../errors.ts';
import { BuiltinReflector } from '../agents/builtin/index.ts';
import { todayIso } from '../clients/client-query.ts';
import { checkVersion, type CheckedVersion, type CheckRequest } from '../rlhf/check-version.ts';
import type { EffectProgress } from '../rlhf/dataset-effect.ts';
import { createTools } from '../tools/tools.ts';
import type { Embedder, PlaybookIndex } from '../playbook/types.ts';
import type { ChatProvider } from '../providers/types.ts';
import { parseDataset } from './dataset.ts';
import { runEvaluation } from './run.ts';
import type { AnswerFn, EvalCase, EvalProgressCallback, EvalReport } from './types.ts';

export interface EvalRunOptions {
  /** SQLite bytes from `ClientStore.exportBytes()`. */
  clientsBytes: Uint8Array;
  /** Snapshot bytes from `PlaybookIndex.exportSnapshot()`. */
  playbookSnapshot: Uint8Array;
  /** ISO "today" for renewal windows (defaults to the real date). */
  today?: string;
}

/** What the Evaluate page calls, in process or through the worker proxy. */
export interface EvalEngine {
  /** Validates the cases (AppError('bad-dataset')), then runs; a new run cancels the previous one. */
  run(cases: EvalCase[], options: EvalRunOptions, onProgress?: EvalProgressCallback): Promise<EvalReport>;
  /**
   * Checks a newly trained critic over the opened client book: calibration and comparison with the
   * built-in reviewer on the held-back ratings, then the cases scored without and with it (the
   * Feedback page's check after training). Cancelled like `run`.
   */
  checkCritic(request: CheckRequest, cases: EvalCase[], options: EvalRunOptions, onProgress?: (p: EffectProgress) => void): Promise<CheckedVersion>;
  /** Cancels the current run, which then rejects with AppError('cancelled'). */
  cancel(): Promise<void>;
}

/** The co-pilot as the engine needs it, built over the opened stores. */
export interface Copilot {
  answer: AnswerFn;
  /** Label for the report, e.g. 'builtin/builtin-rules'. */
  provider: string;
}

export interface EvalHostDeps {
  openClients(bytes: Uint8Array): Promise<ClientStore>;
  openPlaybook(snapshot: Uint8Array): Promise<PlaybookIndex>;
  makeCopilot(clients: ClientStore, playbook: PlaybookIndex, today?: string, critic?: Critic): Copilot;
  embedder: Embedder;
  /** The embedder critics are trained with (their features need it); defaults to `embedder`. */
  criticEmbedder?: Embedder;
  judge?: ChatProvider;
}

/** Creates an EvalEngine over injected store/index openers and co-pilot factory. */
export function createEvalEngine(deps: EvalHostDeps): EvalEngine {
  let current: AbortController | undefined;

  /** Validates, cancels any earlier run, opens the stores, then runs `body` with this run's signal. */
  async function exclusive<T>(
    cases: EvalCase[],
    options: EvalRunOptions,
    body: (valid: EvalCase[], clients: ClientStore, playbook: PlaybookIndex, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const valid = parseDataset(cases);
    current?.abort();
    const ctrl = new AbortController();
    current = ctrl;
    try {
      const clients = await deps.openClients(options.clientsBytes);
      const playbook = await deps.openPlaybook(options.playbookSnapshot);
      if (ctrl.signal.aborted) throw new AppError('cancelled', 'Evaluation cancelled.');
      return await body(valid, clients, playbook, ctrl.signal);
    } finally {
      if (current === ctrl) current = undefined;
    }
  }

  return {
    run(cases, options, onProgress) {
      return exclusive(cases, options, (valid, clients, playbook, signal) => {
        const copilot = deps.makeCopilot(clients, playbook, options.today);
        return runEvaluation({
          cases: valid,
          answer: copilot.answer,
          provider: copilot.provider,
          embedder: deps.embedder,
          judge: deps.judge,
          signal,
          onProgress,
        });
      });
    },
    checkCritic(request, cases, options, onProgress) {
      return exclusive(cases, options, (valid, clients, playbook, signal) =>
        checkVersion(request, {
          criticEmbedder: deps.criticEmbedder ?? deps.embedder,
          metricEmbedder: deps.embedder,
          rules: new BuiltinReflector(),
          review: { tools: createTools({ clients, playbook }), today: options.today ?? todayIso() },
          cases: valid,
          answerWith: (c) => deps.makeCopilot(clients, playbook, options.today, c).answer,
          signal,
          onProgress,
        }),
      );
    },
    async cancel() {
      current?.abort();
    },
  };
}
