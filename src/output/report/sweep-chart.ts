import { durationProblem, parseDuration } from '../../scenario/durations.js';
import { parseObjective } from '../../scenario/slo-text.js';
import { ci95Name } from '../../stats/summary-metrics.js';
import { metricFacets, type Chart } from './chart.js';
import { distinct, num, type ResultTables } from './result-tables.js';

/**
 * The metrics a sweep chart shows, each against the swept value: summary.csv's column, its title,
 * and the factor from the CSV's unit to the chart's (fractions as percentages).
 */
export const SWEEP_METRICS = [
  { column: 'latency_p99_ms', title: 'latency p99 (ms)', scale: 1 },
  { column: 'latency_p50_ms', title: 'latency p50 (ms)', scale: 1 },
  { column: 'latency_mean_ms', title: 'latency mean (ms)', scale: 1 },
  { column: 'latency_p999_ms', title: 'latency p99.9 (ms)', scale: 1 },
  { column: 'error_fraction', title: 'errors (%)', scale: 100 },
  { column: 'pod_util_max', title: 'busiest pod utilization (%)', scale: 100 },
];

/** Metrics drawn only when an objective is about them. */
const OBJECTIVE_METRICS = [
  { column: 'latency_p90_ms', title: 'latency p90 (ms)', scale: 1 },
  { column: 'latency_max_ms', title: 'latency max (ms)', scale: 1 },
];

/** At least this many distinct numeric values make a compared field a sweep, drawn as a curve. */
export const SWEEP_MIN_VALUES = 3;

/** A compared value as a number: a plain number, or a duration in seconds ("250ms"); else undefined. */
export function sweptNumber(text: string): number | undefined {
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  return text !== '' && durationProblem(text) === undefined ? parseDuration(text) : undefined;
}

/** The compared fields that are sweeps: every value numeric, at least SWEEP_MIN_VALUES of them. */
export function sweptColumns(t: ResultTables): string[] {
  return t.overrideColumns.filter((c) => {
    const values = distinct(t.summary, c);
    return values.length >= SWEEP_MIN_VALUES && values.every((v) => sweptNumber(v) !== undefined);
  });
}

/** Objective thresholds (run.json's slo) in the summary column's unit, by column: ms for latency, % for fractions. */
function thresholds(t: ResultTables): Map<string, number> {
  const out = new Map<string, number>();
  for (const text of t.run.slo ?? []) {
    const o = parseObjective(text);
    if ('problem' in o) continue;
    const metric = [...SWEEP_METRICS, ...OBJECTIVE_METRICS].find((m) => m.column === o.metric);
    if (metric) out.set(o.metric, metric.scale === 1 ? o.threshold * 1000 : o.threshold * metric.scale);
  }
  return out;
}

/**
 * One chart per swept field: each metric against the swept value, one line per combination of
 * the other compared fields, with the 95% confidence band when there are replications
 * (summary.csv's `_ci95` columns) and each objective's threshold as a red line.
 */
export function sweepCharts(t: ResultTables): Chart[] {
  const limits = thresholds(t);
  const metrics = [...SWEEP_METRICS, ...OBJECTIVE_METRICS.filter((m) => limits.has(m.column))];
  return sweptColumns(t).map((swept) => {
    const others = t.overrideColumns.filter((c) => c !== swept);
    const values = t.summary.rows.flatMap((r) => metrics.filter((m) => t.summary.columns.includes(m.column)).map((m) => {
      const mean = num(r[m.column]) * m.scale;
      const half = num(r[ci95Name(m.column)]) * m.scale;
      return {
        x: sweptNumber(r[swept])!, series: others.map((c) => r[c]).join(', ') || 'all', metric: m.title, mean,
        low: Number.isFinite(half) ? mean - half : mean, high: Number.isFinite(half) ? mean + half : mean,
        slo: limits.get(m.column) ?? null,
      };
    })).filter((v) => Number.isFinite(v.mean));
    // An axis tick at each swept value (replicas 3, 4, 5: never 3.4).
    const ticks = [...new Set(values.map((v) => v.x))].sort((a, b) => a - b);
    const x = { field: 'x', type: 'quantitative', title: swept, scale: { zero: false, nice: false }, axis: ticks.length <= 16 ? { values: ticks, format: ',~f' } : { format: ',~f' } };
    const color = { field: 'series', type: 'nominal', sort: null, title: others.join(', ') || null };
    return {
      id: `sweep-${swept}`,
      title: `Against ${swept}`,
      caption: `Each metric of summary.csv against the swept ${swept}, one line per ${others.length > 0 ? others.join(', ') : 'variant'}`
        + `${t.summary.columns.some((c) => c.includes('_ci95')) ? '; bands: 95% confidence intervals over the replications' : ''}`
        + `${limits.size > 0 ? '; red lines: the objectives\' thresholds' : ''}.`,
      spec: metricFacets({ values, metrics: metrics.map((m) => m.title), width: 300, height: 170, x, color }),
    };
  });
}
