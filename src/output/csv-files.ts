import { stringify } from 'csv-stringify/sync';
import type { NodeResult, PodResult, RunResults, VariantResult } from '../stats/results.js';
import type { TimeSeriesRow } from '../stats/time-series.js';
import { AUTOSCALING_GAUGES } from '../stats/time-series-table.js';
import { loadReportBuilder } from './report/load-report.js';
import { ResultFolder } from './result-folder.js';
import { differenceRows, replicationRows } from './study-files.js';
import { metricColumns, verdictColumns } from './summary-fields.js';
import { SUMMARY_COLUMNS, type Column, type ColumnKind } from '../stats/summary-metrics.js';

export { SUMMARY_COLUMNS, type Column, type ColumnKind };

/**
 * How a number is written: counts as integers, seconds as milliseconds with 4 decimals (0.1 µs),
 * fractions with 6 decimals, rates and means of counts with 3 decimals, simulated time in seconds
 * with 6 decimals, flags (1 or 0) as true or false.
 */
const DECIMALS: Record<Exclude<ColumnKind, 'count' | 'flag'>, number> = { ms: 4, fraction: 6, rate: 3, average: 3, seconds: 6, amount: 6 };
/** What toFixed(d) gives for a negative number that rounds to zero, by d. */
const NEGATIVE_ZERO = Array.from({ length: 7 }, (_, d) => `-${(0).toFixed(d)}`);

/** The model columns of summary.csv, after the override columns: what the variant ran on. */
export const SETTING_COLUMNS: Array<{ name: string; value: (v: VariantResult) => string }> = [
  { name: 'lb_model', value: (v) => v.lbModel },
  { name: 'kube_proxy_mode', value: (v) => v.kubeProxyMode },
];

/** The numeric columns of pods.csv, after `variant,pod,node,zone`. */
export const POD_COLUMNS: Column<PodResult>[] = [
  { name: 'requests', kind: 'count', value: (p) => p.requests },
  { name: 'share', kind: 'fraction', value: (p) => p.share },
  { name: 'utilization', kind: 'fraction', value: (p) => p.utilization },
  { name: 'wait_mean_ms', kind: 'ms', value: (p) => p.waitMean },
  { name: 'latency_mean_ms', kind: 'ms', value: (p) => p.latencyMean },
  { name: 'latency_p99_ms', kind: 'ms', value: (p) => p.latencyP99 },
];

/** The numeric columns of nodes.csv, after `variant,node,zone`. */
export const NODE_COLUMNS: Column<NodeResult>[] = [
  { name: 'received', kind: 'count', value: (n) => n.received },
  { name: 'forwarded_out', kind: 'count', value: (n) => n.forwardedOut },
  { name: 'forwarded_in', kind: 'count', value: (n) => n.forwardedIn },
  { name: 'served', kind: 'count', value: (n) => n.served },
  { name: 'dropped', kind: 'count', value: (n) => n.dropped },
];

/** The numeric columns of timeseries.csv, after `variant` and before one `received_<node>` column per node. */
export const TIME_SERIES_COLUMNS: Column<TimeSeriesRow>[] = [
  { name: 't_start_s', kind: 'seconds', value: (r) => r.start },
  { name: 't_end_s', kind: 'seconds', value: (r) => r.end },
  { name: 'sent', kind: 'count', value: (r) => r.sent },
  { name: 'completed', kind: 'count', value: (r) => r.completed },
  { name: 'throughput_rps', kind: 'rate', value: (r) => r.throughput },
  { name: 'dropped', kind: 'count', value: (r) => r.dropped },
  { name: 'failed', kind: 'count', value: (r) => r.failed },
  { name: 'rejected', kind: 'count', value: (r) => r.rejected },
  { name: 'timed_out', kind: 'count', value: (r) => r.timedOut },
  { name: 'retries', kind: 'count', value: (r) => r.retries },
  { name: 'latency_p50_ms', kind: 'ms', value: (r) => r.latencyP50 },
  { name: 'latency_p99_ms', kind: 'ms', value: (r) => r.latencyP99 },
  { name: 'in_flight', kind: 'count', value: (r) => r.inFlight },
];

/** A value in its column's unit, rounded to the column's decimals; NaN and ±Infinity become null. */
export function columnValue(kind: ColumnKind, x: number): number | boolean | null {
  if (!Number.isFinite(x)) return null;
  if (kind === 'flag') return x !== 0;
  if (kind === 'count') return x;
  return Number(formatNumber(kind, x));
}

/** The CSV text of a value: fixed decimals per kind, an empty cell for NaN or ±Infinity. */
export function formatNumber(kind: ColumnKind, x: number): string {
  if (!Number.isFinite(x)) return '';
  // A non-integer count is a bug upstream: print it in full rather than hide it by rounding.
  if (kind === 'count') return Number.isInteger(x) ? String(x) : x.toFixed(6);
  if (kind === 'flag') return x !== 0 ? 'true' : 'false';
  const decimals = DECIMALS[kind];
  const text = (kind === 'ms' ? x * 1000 : x).toFixed(decimals);
  // toFixed keeps the sign of values that round to zero ("-0.0000"); one zero is enough.
  return x < 0 && text === NEGATIVE_ZERO[decimals] ? text.slice(1) : text;
}

function cells<T>(columns: Column<T>[], row: T): string[] {
  return columns.map((c) => formatNumber(c.kind, c.value(row)));
}

function names<T>(columns: Column<T>[]): string[] {
  return columns.map((c) => c.name);
}

function csv(rows: string[][]): string {
  return stringify(rows, { record_delimiter: 'unix' });
}

/** The files of a result directory, name -> contents; the CSVs depend on nothing but `results`. */
export function resultFiles(results: RunResults): Map<string, string> {
  return new Map([...resultPieces(results)].map(([name, pieces]) => [name, [...pieces].join('')]));
}

/**
 * The files of a result directory, name -> contents in pieces to be written one after another.
 * timeseries.csv, a row per interval, is a generator: a long run's rows are formatted a chunk at
 * a time as the file is written, so its whole text never exists at once (about 13 MB of peak RSS
 * on a 10M-request run).
 */
function resultPieces(results: RunResults): Map<string, Iterable<string>> {
  const files = new Map<string, Iterable<string>>();
  const vs = results.variants;

  const metrics = metricColumns(results);
  const verdicts = verdictColumns(results);
  files.set('summary.csv', [csv([
    ['variant', ...results.overrideColumns, ...SETTING_COLUMNS.map((c) => c.name), ...names(metrics), ...verdicts.map((c) => c.name)],
    ...vs.map((v, i) => [v.name, ...results.overrideColumns.map((c) => v.overrides[c] ?? ''), ...SETTING_COLUMNS.map((c) => c.value(v)),
      ...cells(metrics, i), ...verdicts.map((c) => c.value(i))]),
  ])]);
  if (results.study) {
    files.set('replications.csv', [csv(replicationRows(results, formatNumber))]);
    files.set('differences.csv', [csv(differenceRows(results, formatNumber))]);
  }

  files.set('pods.csv', [csv([
    ['variant', 'pod', 'node', 'zone', ...names(POD_COLUMNS)],
    ...vs.flatMap((v) => v.pods.map((p) => [v.name, p.name, p.node, p.zone, ...cells(POD_COLUMNS, p)])),
  ])]);

  files.set('nodes.csv', [csv([
    ['variant', 'node', 'zone', ...names(NODE_COLUMNS)],
    ...vs.flatMap((v) => v.nodes.map((n) => [v.name, n.name, n.zone, ...cells(NODE_COLUMNS, n)])),
  ])]);

  files.set('hops.csv', [csv([
    ['variant', 'hops', 'requests', 'fraction'],
    ...vs.flatMap((v) => v.hops.map((h) => [
      v.name, formatNumber('count', h.hops), formatNumber('count', h.requests), formatNumber('fraction', h.fraction),
    ])),
  ])]);

  // Bucket bounds are whole nanoseconds: 6 decimals of a millisecond print them exactly, where
  // 4 would merge neighbouring buckets below 10 µs.
  files.set('latency.csv', [csv([
    ['variant', 'le_ms', 'count', 'cumulative_fraction'],
    ...vs.flatMap((v) => v.latencyBuckets.map((b) => [
      v.name, Number.isFinite(b.le) ? (b.le * 1000).toFixed(6) : '', formatNumber('count', b.count),
      formatNumber('fraction', b.cumulativeFraction),
    ])),
  ])]);

  // Only when asked for. Every variant of a run has the same nodes: the first one names the columns.
  const withSeries = vs.filter((v) => v.timeSeries);
  if (withSeries.length > 0) files.set('timeseries.csv', timeSeriesCsv(withSeries));

  const run = {
    svcsimVersion: results.meta.version,
    scenario: results.scenario,
    seed: results.seed,
    files: results.meta.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
    commandLine: results.meta.commandLine,
    wallTimeSeconds: results.meta.wallTimeSeconds,
    timeSeriesIntervalSeconds: results.timeSeriesInterval,
    // Only when they apply, so a run of one replication without objectives writes what it always did.
    ...(results.study ? { replications: results.study.replications } : {}),
    ...(results.slo ? { slo: results.slo.objectives.map((o) => o.text) } : {}),
    // Simulated events: a measure of the engine's work, not a result, so not in summary.csv.
    variants: vs.map((v) => ({
      name: v.name, overrides: v.overrides, lbModel: v.lbModel, lbModelReason: v.lbModelReason, events: v.events,
      // The timeline in words, only when there is one: the report marks its events on the time series.
      ...(v.timeline ? { timeline: v.timeline } : {}),
      // Every HPA decision, in simulated seconds, with the condition's reason.
      ...(v.autoscaling ? { scalingDecisions: v.autoscaling.decisions } : {}),
    })),
  };
  files.set('run.json', [JSON.stringify(run, null, 2) + '\n']);
  return files;
}

/**
 * timeseries.csv, 128 rows a piece. Small pieces keep what survives a scavenge small: with 1024
 * rows V8 doubled its young generation, +20 MB of peak RSS on a 10M-request run.
 */
function* timeSeriesCsv(withSeries: readonly VariantResult[]): Generator<string> {
  const nodeNames = withSeries[0].nodes.map((n) => n.name);
  const gauges = withSeries[0].timeSeries!.gauges > 0 ? AUTOSCALING_GAUGES : [];
  yield csv([['variant', ...names(TIME_SERIES_COLUMNS), ...nodeNames.map((n) => `received_${n}`), ...gauges]]);
  const CHUNK = 128;
  for (const v of withSeries) {
    const table = v.timeSeries!;
    for (let i = 0; i < table.length; i += CHUNK) {
      const rows = Array.from({ length: Math.min(CHUNK, table.length - i) }, (_, k) => table.row(i + k));
      yield csv(rows.map((r) => [
        v.name, ...cells(TIME_SERIES_COLUMNS, r), ...nodeNames.map((_, k) => formatNumber('count', r.received[k] ?? NaN)),
        ...gauges.map((_, k) => formatNumber('count', r.gauges?.[k] ?? NaN)),
      ]));
    }
  }
}

/** The names writeResults may write: a folder holding only these is svcsim's to replace. */
export const RESULT_FILE_NAMES: ReadonlySet<string> = new Set([
  'summary.csv', 'replications.csv', 'differences.csv', 'pods.csv', 'nodes.csv', 'hops.csv', 'latency.csv', 'timeseries.csv', 'run.json',
  'report.html',
]);

/** Claims `dir` for writeResults (see ResultFolder.claim): the CLI does so before simulating. */
export function claimResultFolder(dir: string): ResultFolder {
  return ResultFolder.claim(dir, RESULT_FILE_NAMES);
}

/**
 * Writes summary.csv, replications.csv and differences.csv (with more than one replication),
 * pods.csv, nodes.csv, hops.csv, latency.csv, timeseries.csv (if the variants have a time
 * series) and run.json as one folder and returns their paths. All or
 * nothing (see ResultFolder): the set is written beside the folder and put in place by directory
 * renames; on failure the earlier set stays. `target` is the folder's path, claimed here and
 * released when done, or a folder claimed beforehand (claimResultFolder), which stays claimed.
 * With `report`, report.html joins the set, built from the written files as `svcsim report` builds it.
 */
export async function writeResults(target: string | ResultFolder, results: RunResults, options: { report?: boolean } = {}): Promise<string[]> {
  const folder = typeof target === 'string' ? claimResultFolder(target) : target;
  const report = options.report ? async (written: string) => {
    const { buildReport, REPORT_FILE } = await loadReportBuilder();
    return new Map([[REPORT_FILE, await buildReport(written)]]);
  } : undefined;
  try {
    return await folder.publish(resultPieces(results), report);
  } finally {
    if (folder !== target) folder.release();
  }
}
