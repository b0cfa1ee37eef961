/** Evaluation: RAGAS metrics, the runner, the dataset, reports and run history. */
export { parseDataset, parseDatasetText } from './dataset.ts';
export { compareRuns, EvalHistory, type CaseChange, type RunComparison, type RunSummary, type SavedRun } from './history.ts';
export { createEvalEngine, type Copilot, type EvalEngine, type EvalHostDeps, type EvalRunOptions } from './host.ts';
export { LexicalEmbedder } from './lexical-embedder.ts';
export { scoreCase, type MetricInput, type ScoreOptions } from './metrics/index.ts';
export { averagesOf, formatReport, qualityOf, worstCases } from './report.ts';
export { runEvaluation, toolsMatch, type RunEvaluationOptions } from './run.ts';
export * from './types.ts';
