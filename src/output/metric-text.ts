import type { MetricInterval } from '../stats/results.js';
import { metricIndex } from '../stats/summary-metrics.js';

// How the console writes numbers: the table's cells, the sentences, the warnings.

export const DASH = '-';

/** A count with thousands separators, 1,234,567. Not toLocaleString: ICU's set-up costs 9 ms a start. */
export function formatCount(x: number): string {
  if (!Number.isFinite(x)) return DASH;
  const digits = String(Math.abs(Math.round(x)));
  return (x < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

export function ms(seconds: number): string {
  return Number.isFinite(seconds) ? (seconds * 1000).toFixed(3) : DASH;
}

export function percent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : DASH;
}

export function fixed(x: number, decimals: number): string {
  return Number.isFinite(x) ? x.toFixed(decimals) : DASH;
}

/** A metric on the console: its labels, the summary column it shows and how its value is written. */
export interface MetricView {
  /** In the side-by-side table: "latency p99 (ms)". */
  label: string;
  /** As a column head in the row-per-variant table: "p99 ms". */
  short: string;
  metric: string;
  text: (x: number) => string;
}

const count = formatCount;
const yesNo = (x: number) => (x === 1 ? 'yes' : x === 0 ? 'no' : DASH);

export const VIEWS: Record<string, MetricView> = Object.fromEntries(([
  ['requests', 'requests', 'requests', count],
  ['completed', 'completed', 'completed', count],
  ['dropped', 'dropped', 'dropped', count],
  ['rejected', 'rejected', 'rejected', count],
  ['failed', 'failed', 'failed', count],
  ['timed out', 'timed out', 'timed_out', count],
  ['retries', 'retries', 'retries', count],
  ['in flight at end', 'in flight', 'in_flight_at_end', count],
  ['error fraction', 'errors', 'error_fraction', percent],
  ['stable', 'stable', 'stable', yesNo],
  ['latency mean (ms)', 'mean ms', 'latency_mean_ms', ms],
  ['  ± 95% CI (ms)', '± ms', 'latency_mean_ci95_ms', ms],
  ['latency p50 (ms)', 'p50 ms', 'latency_p50_ms', ms],
  ['latency p90 (ms)', 'p90 ms', 'latency_p90_ms', ms],
  ['latency p99 (ms)', 'p99 ms', 'latency_p99_ms', ms],
  ['latency p99.9 (ms)', 'p99.9 ms', 'latency_p999_ms', ms],
  ['mean hops', 'hops', 'hops_mean', (x: number) => fixed(x, 3)],
  ['extra hop', 'extra hop', 'extra_hop_fraction', percent],
  ['SNAT', 'SNAT', 'snat_fraction', percent],
  ['pod utilization min', 'util min', 'pod_util_min', percent],
  ['pod utilization max', 'util max', 'pod_util_max', percent],
  ['pod share min', 'share min', 'pod_share_min', percent],
  ['pod share max', 'share max', 'pod_share_max', percent],
  ['throughput (req/s)', 'req/s', 'throughput_rps', (x: number) => fixed(x, 1)],
  ['cross-zone', 'cross-zone', 'cross_zone_fraction', percent],
  ['cross-zone cost (USD)', 'USD', 'cross_zone_cost_usd', (x: number) => fixed(x, 4)],
  ['replica-seconds', 'replica-s', 'replica_seconds', (x: number) => formatCount(Math.round(x))],
  ['node-seconds', 'node-s', 'node_seconds', (x: number) => formatCount(Math.round(x))],
] as Array<[string, string, string, (x: number) => string]>).map(([label, short, metric, text]) => [metric, { label, short, metric, text }]));

/**
 * A metric's cell: its value, and with `withInterval` its 95% half-width ("459.801 ± 12.345"),
 * left out when there is none or it is 0 (the same value in every replication).
 */
export function metricCell(view: MetricView, intervals: readonly MetricInterval[], withInterval: boolean): string {
  const { mean, halfWidth } = intervals[metricIndex(view.metric)];
  const value = view.text(mean);
  return withInterval && halfWidth > 0 ? `${value} ± ${view.text(halfWidth)}` : value;
}
