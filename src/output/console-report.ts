import type { MetricInterval, RunResults, VariantResult } from '../stats/results.js';
import { AUTOSCALING_COLUMNS, metricIndex } from '../stats/summary-metrics.js';
import { formatVariantRows, variantCost } from './console-rows.js';
import { DASH, fixed, formatCount, metricCell, VIEWS } from './metric-text.js';
import { intervalsOf } from './summary-fields.js';
import { columnWidths, resolved, table, tableWidth, type ReportOptions } from './table.js';
import { paintVerdict } from './terminal.js';

export { formatCount, type ReportOptions };

/** Up to this many variants are columns side by side; more are rows, one per variant. */
export const SIDE_BY_SIDE_MAX = 4;

/** Rows shown only when some variant has a non-zero value: most runs have no faults, no zones. */
const FAULTS = ['failed', 'timed_out', 'retries', 'in_flight_at_end'];
const ZONES = ['cross_zone_fraction', 'cross_zone_cost_usd'];
const COUNTS = ['requests', 'completed', 'dropped', 'rejected'];
/** With a HorizontalPodAutoscaler: what the capacity cost (summary.csv's last columns). */
const COSTS = AUTOSCALING_COLUMNS.map((c) => c.name);
const REST = ['error_fraction', 'stable', 'latency_mean_ms', 'latency_mean_ci95_ms', 'latency_p50_ms', 'latency_p99_ms', 'latency_p999_ms',
  'hops_mean', 'extra_hop_fraction', 'snat_fraction', 'pod_util_min', 'pod_util_max', 'pod_share_min', 'pod_share_max', 'throughput_rps'];

/**
 * The variants compared. Up to SIDE_BY_SIDE_MAX variants whose values fit the width stand side by
 * side (Cluster next to Local): one column per variant, one row per metric. More are rows, one
 * per variant, with the columns that fit (formatVariantRows). With replications, each value is
 * the mean over them with its 95% half-width; with objectives, each variant's verdicts follow.
 */
export function formatComparison(results: RunResults, options: ReportOptions = {}): string {
  const { head, rows } = sideBySide(results, resolved(options).colors);
  const labels = tableWidth(columnWidths(head, rows, false).slice(0, 1));
  const values = tableWidth(columnWidths(head, rows, true).slice(1).map((w) => Math.max(w, 6))) - 1;
  if (results.variants.length > SIDE_BY_SIDE_MAX || labels + values > resolved(options).width) return formatVariantRows(results, options);
  return table(head, rows, 1, options);
}

function sideBySide(results: RunResults, colors: boolean): { head: string[]; rows: string[][] } {
  const intervals = intervalsOf(results);
  const study = results.study !== undefined;
  const metrics = sideBySideMetrics((m) => intervals.some((iv, i) => (COSTS.includes(m) ? cost(results, i, m).mean : mean(iv, m)) > 0), study);
  const rows = metrics.map((m) => [VIEWS[m].label, ...intervals.map((iv, i) => (COSTS.includes(m)
    ? costCell(VIEWS[m], cost(results, i, m), study)
    : metricCell(VIEWS[m], iv, study)))]);
  const { slo } = results;
  if (slo) {
    rows.push(...slo.objectives.map((o, k) => [`SLO ${o.text}`, ...slo.verdicts.map((v) => paintVerdict(v.objectives[k].verdict, colors))]));
    if (slo.objectives.length > 1) rows.push(['SLO verdict', ...slo.verdicts.map((v) => paintVerdict(v.verdict, colors))]);
  }
  return { head: ['', ...results.variants.map((v) => v.name)], rows };
}

/**
 * The rows of the side-by-side table, in order (the HTML report shows the same): the counts, the
 * faults and zones only when `someNonZero` says a variant has them, and with replications no row
 * of its own for the mean's interval, which every value then carries.
 */
export function sideBySideMetrics(someNonZero: (metric: string) => boolean, study: boolean): string[] {
  const rest = study ? REST.filter((m) => m !== 'latency_mean_ci95_ms') : REST;
  return [...COUNTS, ...FAULTS.filter(someNonZero), ...rest, ...ZONES.filter(someNonZero), ...COSTS.filter(someNonZero)];
}

function cost(results: RunResults, variant: number, metric: string): MetricInterval {
  return variantCost(results, variant, COSTS.indexOf(metric));
}

function costCell(view: (typeof VIEWS)[string], { mean, halfWidth }: MetricInterval, withInterval: boolean): string {
  if (!Number.isFinite(mean)) return DASH;
  return withInterval && halfWidth > 0 ? `${view.text(mean)} ± ${view.text(halfWidth)}` : view.text(mean);
}

function mean(intervals: readonly MetricInterval[], metric: string): number {
  return intervals[metricIndex(metric)].mean;
}

/** Per pod, its share of completed requests and its utilization under each variant (replication 0's). */
export function formatPodTable(results: RunResults, options: ReportOptions = {}): string {
  // Pods are matched across variants by name, in the order they first appear.
  const pods = new Map<string, string>();
  for (const v of results.variants) for (const p of v.pods) if (!pods.has(p.name)) pods.set(p.name, p.node);
  const head = ['pod', 'node', ...results.variants.map((v) => `${v.name}\nshare/util %`)];
  const rows = [...pods].map(([pod, node]) => [
    pod,
    node,
    ...results.variants.map((v) => {
      const p = v.pods.find((q) => q.name === pod);
      return p ? `${fixed(p.share * 100, 1)}/${fixed(p.utilization * 100, 1)}` : DASH;
    }),
  ]);
  return table(head, rows, 2, options);
}

/**
 * Which load-balancer model each variant ran on and why ("lb model: nlb (from annotation ...)"):
 * one line when every variant agrees, else one per variant; empty without a load balancer.
 */
export function formatLoadBalancerChoice(results: RunResults): string {
  const withLb = results.variants.filter((v) => v.lbModelReason !== undefined);
  const line = (v: VariantResult) => `${v.lbModel} (${v.lbModelReason})`;
  const distinct = new Set(withLb.map(line));
  if (distinct.size === 0) return '';
  if (distinct.size === 1 && withLb.length === results.variants.length) return `lb model: ${[...distinct][0]}\n`;
  return withLb.map((v) => `lb model, ${v.name}: ${line(v)}\n`).join('');
}
