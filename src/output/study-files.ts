import type { RunResults } from '../stats/results.js';
import { REPLICATED_METRICS, SUMMARY_COLUMNS, type ColumnKind } from '../stats/summary-metrics.js';
import { averaged } from './summary-fields.js';

// The files only a study of more than one replication writes, as rows of cells: the formatter
// (formatNumber) is passed in, as csv-files.ts owns the numbers' text.
type Format = (kind: ColumnKind, x: number) => string;

/** replications.csv's columns after `variant` and the compared fields. */
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
  return [
    ['variant', ...results.overrideColumns, ...REPLICATION_COLUMNS],
    ...study.variants.flatMap((sv, i) => sv.replications.map((r, k) => [
      sv.name, ...results.overrideColumns.map((c) => results.variants[i].overrides[c] ?? ''), String(k),
      ...SUMMARY_COLUMNS.map((c, m) => format(c.kind, r.metrics[m])),
    ])),
  ];
}

/**
 * differences.csv: for every variant but the first, one row per metric: the means of both, the
 * mean paired difference (variant - baseline) with its 95% interval, in the metric's unit, and
 * whether the interval excludes zero.
 */
export function differenceRows(results: RunResults, format: Format): string[][] {
  const { study } = results;
  if (!study) return [];
  const kinds = new Map(REPLICATED_METRICS.map((c) => [c.name, averaged(c.kind)]));
  return [
    DIFFERENCE_COLUMNS,
    ...study.differences.flatMap((d) => d.metrics.map((m) => {
      const kind = kinds.get(m.metric)!;
      return [d.variant, d.baseline, m.metric, ...[m.baseline, m.variant, m.difference, m.low, m.high].map((x) => format(kind, x)),
        m.significant ? 'true' : 'false'];
    })),
  ];
}
