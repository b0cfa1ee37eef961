/** Aggregating case results into a report, the quality band, and the text summary the CLI prints. */
import { METRIC_NAMES, type CaseResult, type EvalAverages, type EvalReport, type MetricName, type MetricVariant, type Quality } from './types.ts';

/** Quality band of an overall score: Excellent ≥ 0.8, Good ≥ 0.6, Fair ≥ 0.4, else Poor. */
export function qualityOf(overall: number): Quality {
  if (overall >= 0.8) return 'Excellent';
  if (overall >= 0.6) return 'Good';
  if (overall >= 0.4) return 'Fair';
  return 'Poor';
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Per-metric means over cases; overall = mean of the five metric means. */
export function averagesOf(cases: CaseResult[]): EvalAverages {
  const out = {} as EvalAverages;
  for (const m of METRIC_NAMES) out[m] = mean(cases.map((c) => c.scores[m]));
  out.overall = mean(METRIC_NAMES.map((m) => out[m]));
  return out;
}

/** The single variant behind each metric, or 'mixed' when cases differ (an LLM judge fell back). */
export function variantsOf(cases: CaseResult[], fallback: MetricVariant | ((m: MetricName) => MetricVariant)): EvalReport['variants'] {
  const out = {} as EvalReport['variants'];
  for (const m of METRIC_NAMES) {
    const seen = new Set(cases.filter((c) => !c.error).map((c) => c.variants[m]));
    out[m] = seen.size === 0 ? (typeof fallback === 'function' ? fallback(m) : fallback) : seen.size === 1 ? [...seen][0] : 'mixed';
  }
  return out;
}

/** Lowest-scoring cases first. */
export function worstCases(report: EvalReport, n = 5): CaseResult[] {
  return [...report.cases].sort((a, b) => a.overall - b.overall).slice(0, n);
}

const LABELS: Record<MetricName, string> = {
  faithfulness: 'Faithfulness',
  answer_relevancy: 'Answer Relevancy',
  context_precision: 'Context Precision',
  context_recall: 'Context Recall',
  answer_correctness: 'Answer Correctness',
};

const VERDICT: Record<Quality, string> = {
  Excellent: '✓ EXCELLENT - System is performing well',
  Good: '✓ GOOD - System is performing adequately',
  Fair: '⚠ FAIR - System needs improvement',
  Poor: '✗ POOR - System needs significant improvement',
};

/** The human-readable summary: average scores (with the variant of each), quality, worst cases. */
export function formatReport(report: EvalReport, worst = 5): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `Evaluated ${report.cases.length} cases · provider ${report.provider} · judge ${report.judge} · embedder ${report.embedder}`,
    '',
    'Average Scores:',
    `  Overall Score: ${f(report.averages.overall)}`,
    ...METRIC_NAMES.map((m) => `  ${LABELS[m]}: ${f(report.averages[m])}  [${report.variants[m]}]`),
    `  Tool Selection Accuracy: ${f(report.tool_selection_accuracy)}`,
    ...(report.conditions_applied === undefined
      ? []
      : [`  Every condition applied: ${f(report.conditions_applied)} (${report.answers_with_conditions ?? 0} answers had conditions)`]),
    '',
    'Quality Assessment:',
    `  ${VERDICT[report.quality]}`,
    '',
    `Worst ${Math.min(worst, report.cases.length)} cases:`,
  ];
  for (const c of worstCases(report, worst)) {
    const scores = METRIC_NAMES.map(
      (m) =>
        `${m
          .split('_')
          .map((w) => w[0])
          .join('')}=${c.scores[m].toFixed(2)}`,
    ).join(' ');
    lines.push(`  ${f(c.overall)}  ${c.question}`);
    lines.push(
      `         ${scores} tools=${c.tools_used.join(',') || '-'}${c.tool_match ? '' : ` (expected ${c.expected_tools.join(',') || '-'})`}${c.error ? ` error=${c.error.code}` : ''}`,
    );
  }
  return lines.join('\n');
}
