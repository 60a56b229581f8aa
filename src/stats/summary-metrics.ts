import type { VariantResult } from './results.js';

/**
 * What a number is, so sinks know how to write it: counts (whole numbers), seconds (written as
 * ms), fractions, rates, means of counts over replications (`average`), simulated seconds,
 * amounts (GB, USD) and flags (1 or 0).
 */
export type ColumnKind = 'count' | 'ms' | 'fraction' | 'rate' | 'average' | 'seconds' | 'amount' | 'flag';

export interface Column<T> {
  name: string;
  kind: ColumnKind;
  value: (row: T) => number;
}

/** summary.csv's columns after sim_time_s in a run with a HorizontalPodAutoscaler: what the capacity cost. */
export const AUTOSCALING_COLUMNS: Column<VariantResult>[] = [
  { name: 'replica_seconds', kind: 'seconds', value: (v) => v.autoscaling?.replicaSeconds ?? NaN },
  { name: 'node_seconds', kind: 'seconds', value: (v) => v.autoscaling?.nodeSeconds ?? NaN },
];

/** The metric columns of summary.csv (and of `svcsim run --json`), after `variant`, the override and the model columns. */
export const SUMMARY_COLUMNS: Column<VariantResult>[] = [
  { name: 'requests', kind: 'count', value: (v) => v.requests },
  { name: 'completed', kind: 'count', value: (v) => v.completed },
  { name: 'dropped', kind: 'count', value: (v) => v.dropped },
  { name: 'rejected', kind: 'count', value: (v) => v.rejected },
  { name: 'failed', kind: 'count', value: (v) => v.failed },
  { name: 'timed_out', kind: 'count', value: (v) => v.timedOut },
  { name: 'retries', kind: 'count', value: (v) => v.retries },
  { name: 'in_flight_at_end', kind: 'count', value: (v) => v.inFlightAtEnd },
  { name: 'error_fraction', kind: 'fraction', value: (v) => v.errorFraction },
  { name: 'stable', kind: 'flag', value: (v) => (v.stable ? 1 : 0) },
  { name: 'latency_mean_ms', kind: 'ms', value: (v) => v.latency.mean },
  { name: 'latency_mean_ci95_ms', kind: 'ms', value: (v) => v.latency.meanCi95 },
  { name: 'latency_p50_ms', kind: 'ms', value: (v) => v.latency.p50 },
  { name: 'latency_p90_ms', kind: 'ms', value: (v) => v.latency.p90 },
  { name: 'latency_p99_ms', kind: 'ms', value: (v) => v.latency.p99 },
  { name: 'latency_p999_ms', kind: 'ms', value: (v) => v.latency.p999 },
  { name: 'latency_max_ms', kind: 'ms', value: (v) => v.latency.max },
  { name: 'hops_mean', kind: 'fraction', value: (v) => v.hopsMean },
  { name: 'extra_hop_fraction', kind: 'fraction', value: (v) => v.extraHopFraction },
  { name: 'snat_fraction', kind: 'fraction', value: (v) => v.snatFraction },
  { name: 'pod_util_min', kind: 'fraction', value: (v) => v.podUtilMin },
  { name: 'pod_util_max', kind: 'fraction', value: (v) => v.podUtilMax },
  { name: 'pod_share_min', kind: 'fraction', value: (v) => v.podShareMin },
  { name: 'pod_share_max', kind: 'fraction', value: (v) => v.podShareMax },
  { name: 'cross_zone_fraction', kind: 'fraction', value: (v) => v.crossZoneFraction },
  { name: 'cross_zone_gb', kind: 'amount', value: (v) => v.crossZoneGB },
  { name: 'cross_zone_cost_usd', kind: 'amount', value: (v) => v.crossZoneCostUsd },
  { name: 'throughput_rps', kind: 'rate', value: (v) => v.throughput },
  { name: 'sim_time_s', kind: 'seconds', value: (v) => v.simTime },
];

/** The column of the mean latency's 95% half-width: batch means in one run, Student-t across replications. */
export const MEAN_CI_COLUMN = 'latency_mean_ci95_ms';

const UNIT_SUFFIX = /_(ms|rps|s|gb|usd)$/;

/**
 * The name of a metric's 95% half-width column: `_ci95` before the unit, as `latency_mean_ci95_ms`
 * has always been named (`latency_p99_ms` -> `latency_p99_ci95_ms`, `error_fraction` ->
 * `error_fraction_ci95`). The mean's is that very column.
 */
export function ci95Name(metric: string): string {
  const unit = UNIT_SUFFIX.exec(metric);
  return unit ? `${metric.slice(0, unit.index)}_ci95${unit[0]}` : `${metric}_ci95`;
}

/** Metrics that are averaged over replications and get an interval: every one but flags and the mean's own interval. */
export const REPLICATED_METRICS: ReadonlyArray<Column<VariantResult>> = SUMMARY_COLUMNS.filter((c) => c.kind !== 'flag' && c.name !== MEAN_CI_COLUMN);

/** The metrics differences.csv compares: the replicated ones, then (both variants autoscaled) the costs. */
export const DIFFERENCE_METRICS: ReadonlyArray<Column<VariantResult>> = [...REPLICATED_METRICS, ...AUTOSCALING_COLUMNS];

/** A compared metric's column by name; throws on a name that is not one (a bug). */
export function differenceMetric(name: string): Column<VariantResult> {
  const c = DIFFERENCE_METRICS.find((m) => m.name === name);
  if (!c) throw new Error(`no compared metric ${name}`);
  return c;
}

/** Index of a summary column by name; throws on a name that is not one (a bug). */
export function metricIndex(name: string): number {
  const i = SUMMARY_COLUMNS.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`no summary column ${name}`);
  return i;
}
