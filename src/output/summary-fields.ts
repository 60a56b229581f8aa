import type { MetricInterval, RunResults } from '../stats/results.js';
import { variantIntervals } from '../stats/study.js';
import { AUTOSCALING_COLUMNS, ci95Name, REPLICATED_METRICS, SUMMARY_COLUMNS, type Column, type ColumnKind } from '../stats/summary-metrics.js';

/**
 * The numeric columns of summary.csv and of each variant in `--json`, after the override and
 * model columns, as columns over the variant's index: one table drives both. With one
 * replication, SUMMARY_COLUMNS as they are. With more, `replications`, then each metric's mean
 * over replications followed by its 95% half-width (`ci95Name`); the mean latency's is
 * `latency_mean_ci95_ms`, where it has always been.
 */
export function metricColumns(results: RunResults): Column<number>[] {
  const { study } = results;
  if (!study) {
    // Only runs with an HPA have them, so every other run's summary.csv stays as it was.
    const extra = results.variants.some((v) => v.autoscaling) ? AUTOSCALING_COLUMNS : [];
    return [...SUMMARY_COLUMNS, ...extra].map((c) => ({ name: c.name, kind: c.kind, value: (i) => c.value(results.variants[i]) }));
  }
  const replicated = new Set(REPLICATED_METRICS.map((c) => c.name));
  const columns: Column<number>[] = [{ name: 'replications', kind: 'count', value: () => study.replications }];
  SUMMARY_COLUMNS.forEach((c, k) => {
    const kind = averaged(c.kind);
    columns.push({ name: c.name, kind, value: (i) => study.variants[i].intervals[k].mean });
    if (replicated.has(c.name) && c.name !== 'latency_mean_ms') {
      columns.push({ name: ci95Name(c.name), kind, value: (i) => study.variants[i].intervals[k].halfWidth });
    }
  });
  if (study.variants.some((v) => v.costIntervals)) {
    AUTOSCALING_COLUMNS.forEach((c, k) => {
      columns.push({ name: c.name, kind: c.kind, value: (i) => study.variants[i].costIntervals?.[k].mean ?? NaN });
      columns.push({ name: ci95Name(c.name), kind: c.kind, value: (i) => study.variants[i].costIntervals?.[k].halfWidth ?? NaN });
    });
  }
  return columns;
}

/** A mean of counts over replications is no longer a whole number. */
export function averaged(kind: ColumnKind): ColumnKind {
  return kind === 'count' ? 'average' : kind;
}

/** Every variant's metrics as intervals, indexed like SUMMARY_COLUMNS: a study's, or one run's. */
export function intervalsOf(results: RunResults): MetricInterval[][] {
  return results.variants.map((v, i) => results.study?.variants[i].intervals ?? variantIntervals(v));
}

/** The verdict columns, only when the Scenario has objectives: `slo_verdict`, then one per objective. */
export function verdictColumns(results: RunResults): Array<{ name: string; value: (i: number) => string }> {
  const { slo } = results;
  if (!slo) return [];
  return [
    { name: 'slo_verdict', value: (i) => slo.verdicts[i].verdict },
    ...slo.objectives.map((o, k) => ({ name: o.column, value: (i: number) => slo.verdicts[i].objectives[k].verdict })),
  ];
}
