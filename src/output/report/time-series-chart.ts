import { withConfig, type Chart } from './chart.js';
import { distinct, num, type ResultTables } from './result-tables.js';

/** The panels of the time-series chart: timeseries.csv's columns, each over simulated time. */
export const TIME_SERIES_PANELS = [
  { title: 'throughput (req/s)', columns: ['throughput_rps'] },
  { title: 'latency p99 (ms)', columns: ['latency_p99_ms'] },
  { title: 'not completed (per interval)', columns: ['dropped', 'failed', 'rejected', 'timed_out'] },
  { title: 'in flight', columns: ['in_flight'] },
];

/** The timeline's events, from run.json: each (time, event) once, even when every variant has it. */
export function timelineEvents(t: ResultTables): Array<{ atSeconds: number; event: string }> {
  const seen = new Map<string, { atSeconds: number; event: string }>();
  for (const v of t.run.variants) for (const e of v.timeline ?? []) seen.set(`${e.atSeconds} ${e.event}`, e);
  return [...seen.values()].sort((a, b) => a.atSeconds - b.atSeconds);
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
  const events = timelineEvents(t);
  const x = { field: 't', type: 'quantitative', title: 'simulated time (s)' };
  const color = { field: 'variant', type: 'nominal', sort: variants, title: 'variant' };
  const eventLayers = events.length === 0 ? [] : [{
    data: { values: events },
    layer: [
      { mark: { type: 'rule', strokeDash: [4, 3], opacity: 0.6 }, encoding: { x: { field: 'atSeconds', type: 'quantitative' } } },
    ],
  }];
  const panels = TIME_SERIES_PANELS.map((panel, k) => {
    const happened = panel.columns.filter((c) => panel.columns.length === 1 || series.rows.some((r) => num(r[c]) > 0));
    const columns = happened.length > 0 ? happened : panel.columns.slice(0, 1);
    const values = series.rows.flatMap((r) => columns.map((c) => ({ variant: r.variant, t: num(r.t_end_s), outcome: c.replace('_', ' '), value: num(r[c]) })))
      .filter((v) => Number.isFinite(v.value));
    const line = {
      data: { values },
      mark: { type: 'line', strokeWidth: 1.5, interpolate: 'step-before' },
      encoding: {
        x, y: { field: 'value', type: 'quantitative', title: panel.title },
        color,
        ...(panel.columns.length > 1 ? { strokeDash: { field: 'outcome', type: 'nominal', title: 'outcome' } } : {}),
      },
    };
    const labels = k === 0 && events.length > 0 ? [{
      data: { values: events },
      mark: { type: 'text', angle: 0, align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 10, opacity: 0.9 },
      encoding: { x: { field: 'atSeconds', type: 'quantitative' }, y: { value: 0 }, text: { field: 'event' } },
    }] : [];
    return { width: 620, height: 110, layer: [...eventLayers, line, ...labels] };
  });
  return {
    id: 'time-series',
    title: 'Over time',
    caption: `Per interval of simulated time (timeseries.csv${t.run.timeSeriesIntervalSeconds ? `, ${t.run.timeSeriesIntervalSeconds} s each` : ''}): `
      + 'throughput, p99 of the latencies completed in it, requests that ended without completing, and requests in flight at its end.'
      + (events.length > 0 ? ' Dashed vertical lines: the timeline\'s events (run.json).' : ''),
    spec: withConfig({ vconcat: panels, resolve: { scale: { color: 'shared', strokeDash: 'independent' } } }),
  };
}
