import type { RunResults } from '../stats/results.js';
import { AUTOSCALING_COLUMNS, differenceMetric, SUMMARY_COLUMNS, type ColumnKind } from '../stats/summary-metrics.js';
import { averaged } from './summary-fields.js';

// The files only a study of more than one replication writes, as rows of cells: the formatter
// (formatNumber) is passed in, as csv-files.ts owns the numbers' text.
type Format = (kind: ColumnKind, x: number) => string;

/** replications.csv's columns after `variant` and the compared fields (then, with an HPA, AUTOSCALING_COLUMNS). */
export const REPLICATION_COLUMNS = ['replication', ...SUMMARY_COLUMNS.map((c) => c.name)];

/** differences.csv's columns. */
export const DIFFERENCE_COLUMNS = ['variant', 'baseline', 'metric', 'baseline_mean', 'variant_mean', 'difference', 'ci95_low', 'ci95_high', 'significant'];

/**
 * replications.csv: one row per variant and replication, each replication's own summary metrics
 * (tidy: a data frame as it is read). `replication` is r of the streams (seed, r, name).
 */
export function replicationRows(results: RunResults, format: Format): string[][] {
  const { study } = results;
  if (!study) return [];
  // What each replication's capacity cost, when a variant had an autoscaler (empty for one without).
  const costs = study.variants.some((sv) => sv.costIntervals) ? AUTOSCALING_COLUMNS : [];
  return [
    ['variant', ...results.overrideColumns, ...REPLICATION_COLUMNS, ...costs.map((c) => c.name)],
    ...study.variants.flatMap((sv, i) => sv.replications.map((r, k) => [
      sv.name, ...results.overrideColumns.map((c) => results.variants[i].overrides[c] ?? ''), String(k),
      ...SUMMARY_COLUMNS.map((c, m) => format(c.kind, r.metrics[m])),
      ...costs.map((c, m) => (r.costs ? format(c.kind, r.costs[m]) : '')),
    ])),
  ];
}

/**
 * differences.csv: for every variant but the first, one row per metric (with autoscalers on both
 * sides, the costs too): the means of both, the
 * mean paired difference (variant - baseline) with its 95% interval, in the metric's unit, and
 * whether the interval excludes zero.
 */
export function differenceRows(results: RunResults, format: Format): string[][] {
  const { study } = results;
  if (!study) return [];
  return [
    DIFFERENCE_COLUMNS,
    ...study.differences.flatMap((d) => d.metrics.map((m) => {
      const kind = averaged(differenceMetric(m.metric).kind);
      return [d.variant, d.baseline, m.metric, ...[m.baseline, m.variant, m.difference, m.low, m.high].map((x) => format(kind, x)),
        m.significant ? 'true' : 'false'];
    })),
  ];
}
