import { variantColor, withConfig, type Chart } from './chart.js';
import { distinct, num, type ResultTables } from './result-tables.js';

/** The panels of the time-series chart: timeseries.csv's columns, each over simulated time. */
export const TIME_SERIES_PANELS: Array<{ title: string; columns: string[]; legend?: string }> = [
  { title: 'throughput (req/s)', columns: ['throughput_rps'] },
  { title: 'latency p99 (ms)', columns: ['latency_p99_ms'] },
  { title: 'not completed', columns: ['dropped', 'failed', 'rejected', 'timed_out'], legend: 'outcome' },
  { title: 'in flight', columns: ['in_flight'] },
  // Only with autoscaling, whose gauges timeseries.csv then has.
  { title: 'pods and nodes', columns: ['replicas', 'ready_pods', 'nodes'], legend: 'count of' },
];

/**
 * Points a variant's line has at most: a longer series (a long run, up to 100,000 rows) is drawn
 * in buckets of consecutive intervals, so the page stays small and quick to build.
 */
export const MAX_POINTS = 1000;

/** How a bucket of intervals is drawn, per column: the counts add up, the rest keep their worst or last. */
const BUCKET: Record<string, 'mean' | 'max' | 'sum' | 'last'> = {
  throughput_rps: 'mean', latency_p99_ms: 'max', in_flight: 'max',
  dropped: 'sum', failed: 'sum', rejected: 'sum', timed_out: 'sum', replicas: 'last', ready_pods: 'last', nodes: 'last',
};

/** timeseries.csv's rows as numbers, each variant's in buckets of `size` intervals (1: as written), t at each bucket's end. */
export function bucketed(rows: ReadonlyArray<Record<string, string>>, size: number): Array<Record<string, number | string>> {
  const out: Array<Record<string, number | string>> = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j < rows.length && j - i < size && rows[j].variant === rows[i].variant) j++;
    const bucket = rows.slice(i, j);
    const row: Record<string, number | string> = { variant: rows[i].variant, t: num(bucket[bucket.length - 1].t_end_s) };
    for (const [column, how] of Object.entries(BUCKET)) {
      const xs = bucket.map((r) => num(r[column])).filter(Number.isFinite);
      row[column] = xs.length === 0 ? NaN : how === 'sum' ? xs.reduce((a, b) => a + b, 0) : how === 'mean' ? xs.reduce((a, b) => a + b, 0) / xs.length
        : how === 'max' ? Math.max(...xs) : xs[xs.length - 1];
    }
    out.push(row);
    i = j;
  }
  return out;
}

/** Pixels between the labels of events at the same time, stacked from the top of the first panel. */
const LABEL_STEP = 12;

/**
 * The timeline's events, from run.json: each (time, event) once, labelled with the variants that
 * have it when not all do; `dy` stacks the labels of events at the same time.
 */
export function timelineEvents(t: ResultTables): Array<{ atSeconds: number; event: string; label: string; dy: number }> {
  const seen = new Map<string, { atSeconds: number; event: string; variants: string[] }>();
  for (const v of t.run.variants) {
    for (const e of v.timeline ?? []) {
      const key = `${e.atSeconds} ${e.event}`;
      if (!seen.has(key)) seen.set(key, { ...e, variants: [] });
      seen.get(key)!.variants.push(v.name);
    }
  }
  const events = [...seen.values()].sort((a, b) => a.atSeconds - b.atSeconds);
  const count = new Map<number, number>();
  return events.map((e) => {
    const row = count.get(e.atSeconds) ?? 0;
    count.set(e.atSeconds, row + 1);
    const label = e.variants.length === t.run.variants.length ? e.event : `${e.event} (${e.variants.join(', ')})`;
    return { atSeconds: e.atSeconds, event: e.event, label, dy: 2 + row * LABEL_STEP };
  });
}

/**
 * Per variant over simulated time (timeseries.csv, at each interval's end): throughput, p99, the
 * requests that ended without completing (only the outcomes that happened), and the requests in
 * flight; the timeline's events (run.json) are vertical lines across every panel.
 */
export function timeSeriesChart(t: ResultTables): Chart | undefined {
  const series = t.timeSeries;
  if (!series || series.rows.length === 0) return undefined;
  const variants = distinct(series, 'variant');
  const longest = Math.max(...variants.map((v) => series.rows.filter((r) => r.variant === v).length));
  const size = Math.ceil(longest / MAX_POINTS);
  const rows = bucketed(series.rows, size);
  const events = timelineEvents(t);
  const x = { field: 't', type: 'quantitative', title: 'simulated time (s)' };
  const color = variantColor(variants);
  const eventLayers = events.length === 0 ? [] : [{
    data: { values: events },
    layer: [
      { mark: { type: 'rule', color: 'currentColor', strokeDash: [4, 3], opacity: 0.6 }, encoding: { x: { field: 'atSeconds', type: 'quantitative' } } },
    ],
  }];
  const panels = TIME_SERIES_PANELS.filter((p) => p.columns.every((c) => series.columns.includes(c))).map((panel, k) => {
    const happened = panel.columns.filter((c) => panel.columns.length === 1 || series.rows.some((r) => num(r[c]) > 0));
    // None happened: one line at 0, and the title says so.
    const columns = happened.length > 0 ? happened : panel.columns.slice(0, 1);
    const title = happened.length > 0 ? panel.title : `${panel.title}: none`;
    const values = rows.flatMap((r) => columns.map((c) => ({ variant: r.variant, t: r.t, outcome: c.replace('_', ' '), value: r[c] as number })))
      .filter((v) => Number.isFinite(v.value));
    const line = {
      data: { values },
      mark: { type: 'line', strokeWidth: 1.5, interpolate: 'step-before' },
      encoding: {
        x, y: { field: 'value', type: 'quantitative', title, axis: { format: ',~f' } },
        color,
        ...(happened.length > 1 || (panel.columns.length > 1 && happened.length === 1) ? { strokeDash: { field: 'outcome', type: 'nominal', title: panel.legend } } : {}),
      },
    };
    const labels = k === 0 && events.length > 0 ? [{
      data: { values: events },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, fontSize: 10, opacity: 0.9 },
      encoding: { x: { field: 'atSeconds', type: 'quantitative' }, y: { field: 'dy', type: 'quantitative', scale: null }, text: { field: 'label' } },
    }] : [];
    return { width: 620, height: 110, layer: [...eventLayers, line, ...labels] };
  });
  return {
    id: 'time-series',
    title: 'Over time',
    caption: `Per interval of simulated time (timeseries.csv${t.run.timeSeriesIntervalSeconds ? `, ${t.run.timeSeriesIntervalSeconds} s each` : ''}): `
      + 'throughput, p99 of the latencies completed in it, requests that ended without completing, and requests in flight at its end'
      + (series.columns.includes('replicas') ? '; with autoscaling, the workload\'s replicas, its ready pods and the nodes.' : '.')
      + (size > 1 ? ` Drawn in buckets of ${size} intervals: throughput their mean, p99 and in flight their maximum, the requests not completed their sum.` : '')
      + (events.length > 0 ? ' Dashed vertical lines: the timeline\'s events (run.json).' : ''),
    spec: withConfig({ vconcat: panels, resolve: { scale: { color: 'shared', strokeDash: 'independent' } } }),
  };
}
