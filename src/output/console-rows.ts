import type { MetricInterval, RunResults } from '../stats/results.js';
import { AUTOSCALING_COLUMNS, metricIndex } from '../stats/summary-metrics.js';
import { DASH, VIEWS } from './metric-text.js';
import { intervalsOf } from './summary-fields.js';
import { columnWidths, resolved, table, tableWidth, wrapPieces, type ReportOptions } from './table.js';
import { paintVerdict } from './terminal.js';

/**
 * The columns of the row-per-variant table, in the order shown, each with its rank: when the
 * table is wider than the terminal, the columns of the highest rank go first. The verdict and
 * the tail that objectives are usually about stay longest.
 */
export const VARIANT_ROW_COLUMNS: Array<{ metric: string; rank: number; unit: Unit }> = [
  { metric: 'error_fraction', rank: 4, unit: 'percent' },
  { metric: 'stable', rank: 7, unit: 'flag' },
  { metric: 'latency_mean_ms', rank: 3, unit: 'ms' },
  { metric: 'latency_p50_ms', rank: 2, unit: 'ms' },
  { metric: 'latency_p90_ms', rank: 10, unit: 'ms' },
  { metric: 'latency_p99_ms', rank: 1, unit: 'ms' },
  { metric: 'latency_p999_ms', rank: 6, unit: 'ms' },
  { metric: 'hops_mean', rank: 9, unit: 'plain' },
  { metric: 'extra_hop_fraction', rank: 11, unit: 'percent' },
  { metric: 'pod_util_max', rank: 5, unit: 'percent' },
  { metric: 'throughput_rps', rank: 12, unit: 'plain' },
];
const VERDICT_RANK = 0;
const OBJECTIVE_RANK = 8;
/** With an autoscaler, what the capacity cost stays as long as the mean latency: it is the other side of the trade. */
const COST_RANK = 3;

interface Shown { head: string; rank: number; cells: string[] }

export type Unit = 'ms' | 'percent' | 'plain' | 'flag';

/**
 * A value in few characters, as many rows side by side need: milliseconds and plain numbers to
 * three significant digits (0 to 2 decimals), percentages to 0.1; the half-width, when there is
 * one, with the value's decimals and no spaces ("36.6±5.2", "51.4±0.7%").
 */
export function compact(unit: Unit, { mean, halfWidth }: MetricInterval, withInterval: boolean): string {
  if (unit === 'flag') return mean === 1 ? 'yes' : mean === 0 ? 'no' : DASH;
  if (!Number.isFinite(mean)) return DASH;
  const scale = unit === 'ms' ? 1000 : unit === 'percent' ? 100 : 1;
  const size = Math.abs(mean * scale);
  const decimals = unit === 'percent' ? 1 : size >= 100 ? 0 : size >= 10 ? 1 : 2;
  const suffix = unit === 'percent' ? '%' : '';
  const value = (mean * scale).toFixed(decimals);
  return withInterval && halfWidth > 0 ? `${value}±${(halfWidth * scale).toFixed(decimals)}${suffix}` : `${value}${suffix}`;
}

/**
 * One row per variant, for studies of many variants: the variant, then the metrics that fit the
 * width, then the objectives' verdicts. Columns that do not fit are named below the table: every
 * one of them is in summary.csv and --json.
 */
export function formatVariantRows(results: RunResults, options: ReportOptions = {}): string {
  const { width, colors } = resolved(options);
  const intervals = intervalsOf(results);
  const study = results.study !== undefined;
  const columns: Shown[] = VARIANT_ROW_COLUMNS.map(({ metric, rank, unit }) => ({
    head: VIEWS[metric].short, rank, cells: intervals.map((iv) => compact(unit, iv[metricIndex(metric)], study)),
  }));
  if (results.variants.some((v) => v.autoscaling)) {
    columns.push(...AUTOSCALING_COLUMNS.map((c, k) => ({
      head: VIEWS[c.name].short, rank: COST_RANK, cells: results.variants.map((_, i) => compact('plain', variantCost(results, i, k), study)),
    })));
  }
  const { slo } = results;
  if (slo) {
    // With one objective its column would repeat the verdict's.
    if (slo.objectives.length > 1) {
      columns.push(...slo.objectives.map((o, k) => ({ head: o.text, rank: OBJECTIVE_RANK, cells: slo.verdicts.map((v) => paintVerdict(v.objectives[k].verdict, colors)) })));
    }
    columns.push({ head: slo.objectives.length > 1 ? 'SLO' : `SLO ${slo.objectives[0].text}`, rank: VERDICT_RANK, cells: slo.verdicts.map((v) => paintVerdict(v.verdict, colors)) });
  }
  const names = results.variants.map((v) => v.name);
  const kept = [...columns];
  const widthOf = (cs: Shown[]) => tableWidth(columnWidths(['variant', ...cs.map((c) => c.head)], names.map((n, i) => [n, ...cs.map((c) => c.cells[i])]), false));
  while (kept.length > 0 && widthOf(kept) > width) {
    const last = kept.reduce((a, c) => (c.rank > a.rank ? c : a));
    kept.splice(kept.indexOf(last), 1);
  }
  const rows = names.map((n, i) => [n, ...kept.map((c) => c.cells[i])]);
  const text = table(['variant', ...kept.map((c) => c.head)], rows, 1, { width, colors });
  const left = columns.filter((c) => !kept.includes(c)).map((c) => c.head);
  const words = (text: string) => text.split(' ');
  // A column's name is never broken: "util max" stays on one line.
  const named = left.map((h, i) => (i < left.length - 1 ? `${h},` : h));
  const note = left.length > 0
    ? `\n${wrapPieces([...words(`Not shown in ${width} columns:`), ...named, ...words('(summary.csv and --json have them)')], width)}` : '';
  const means = study ? `\n${wrapPieces(words(`Means over ${results.study!.replications} replications ± the half-width of their 95% interval`), width)}` : '';
  return `${text}${means}${note}`;
}

/** A variant's AUTOSCALING_COLUMNS[k] (replica- or node-seconds): the mean over replications with its interval, or one run's value. */
export function variantCost(results: RunResults, variant: number, k: number): MetricInterval {
  const study = results.study?.variants[variant].costIntervals?.[k];
  return study ?? { mean: AUTOSCALING_COLUMNS[k].value(results.variants[variant]), halfWidth: NaN };
}
