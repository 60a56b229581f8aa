import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Chart } from '../src/output/report/chart.js';
import { reportCharts } from '../src/output/report/build-report.js';
import { nines, NODE_MEASURES } from '../src/output/report/distribution-charts.js';
import { readResultTables, type ResultTables } from '../src/output/report/result-tables.js';
import { bucketed, MAX_POINTS, timeSeriesChart } from '../src/output/report/time-series-chart.js';
import { runInto, writeSeedFailure, writeSeedSweep } from './support/report-results.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterAll(() => temp.removeAll());

let seed: ResultTables;
let failure: ResultTables;
let sweep: ResultTables;

beforeAll(async () => {
  const dir = temp.make();
  seed = readResultTables(await runInto(join(dir, 'seed'), 'scenarios/seed-two-nodes.yaml', '--requests', '3000'));
  failure = readResultTables(await runInto(join(dir, 'failure'), writeSeedFailure(dir), '--requests', '2000'));
  sweep = readResultTables(await runInto(join(dir, 'sweep'), writeSeedSweep(dir), '--requests', '500'));
}, 60_000);

/** A CSV file's rows by header, parsed on their own (variant names of sweeps hold quoted commas). */
const csv = (t: ResultTables, file: string) => Papa.parse<Record<string, string>>(readFileSync(join(t.dir, file), 'utf8'), { header: true, skipEmptyLines: true }).data;
const chart = (t: ResultTables, id: string): Chart => reportCharts(t).find((c) => c.id === id)!;
/** The inline data of a chart's spec, or of its layer / panel k. */
const data = (c: Chart, k?: number) => {
  const spec = c.spec as unknown as { data?: { values: Array<Record<string, unknown>> }; layer?: Array<{ data: { values: unknown[] } }> };
  return (k === undefined ? spec.data!.values : spec.layer![k].data.values) as Array<Record<string, number | string>>;
};

test('the latency chart draws every step of latency.csv below 100% and marks summary.csv\'s p50, p99 and p99.9', () => {
  const c = chart(seed, 'latency');
  const steps = csv(seed, 'latency.csv').filter((r) => Number(r.cumulative_fraction) < 1);
  expect(data(c, 1)).toEqual(steps.map((r) => ({
    variant: r.variant, le_ms: Number(r.le_ms), cumulative_fraction: Number(r.cumulative_fraction), nines: nines(Number(r.cumulative_fraction)),
  })));
  const summary = csv(seed, 'summary.csv');
  expect(data(c, 2)).toEqual(summary.flatMap((r) => [
    { variant: r.variant, percentile: 'p50', ms: Number(r.latency_p50_ms), nines: nines(0.5) },
    { variant: r.variant, percentile: 'p99', ms: Number(r.latency_p99_ms), nines: nines(0.99) },
    { variant: r.variant, percentile: 'p99.9', ms: Number(r.latency_p999_ms), nines: nines(0.999) },
  ]));
});

test('the pod charts draw pods.csv\'s share and utilization, grouped by node, and the seed\'s even share is a third', () => {
  const pods = csv(seed, 'pods.csv');
  for (const measure of ['share', 'utilization'] as const) {
    const values = data(chart(seed, `pod-${measure}`));
    expect(values).toHaveLength(pods.length);
    for (const p of pods) expect(values).toContainEqual(expect.objectContaining({ variant: p.variant, pod: p.pod, node: p.node, value: Number(p[measure]) }));
    // Grouped by node: each variant's pods of one node side by side.
    expect(values.map((v) => v.node)).toEqual(['node-a', 'node-a', 'node-a', 'node-a', 'node-b', 'node-b']);
  }
  const share = data(chart(seed, 'pod-share'));
  for (const v of share) expect(v.even).toBeCloseTo(1 / 3, 5);
  // The seed's lesson: under Local node B's one pod gets half the requests, A's pods a quarter each.
  const local = share.filter((v) => v.variant === 'Local').map((v) => Number(v.value));
  expect(local[0]).toBeCloseTo(0.25, 1);
  expect(local[2]).toBeCloseTo(0.5, 1);
});

test('the node chart draws nodes.csv\'s counts and the hops chart hops.csv\'s fractions', () => {
  const nodes = data(chart(seed, 'nodes'));
  const shown = NODE_MEASURES.filter((m) => m.column !== 'dropped');
  expect(nodes).toEqual(csv(seed, 'nodes.csv').flatMap((r) => shown.map((m) => ({ variant: r.variant, node: r.node, measure: m.label, requests: Number(r[m.column]) }))));
  const withDrops = data(chart(failure, 'nodes'));
  expect(withDrops.filter((v) => v.measure === 'dropped').map((v) => v.requests)).toEqual(csv(failure, 'nodes.csv').map((r) => Number(r.dropped)));
  expect(data(chart(seed, 'hops'))).toEqual(csv(seed, 'hops.csv').map((r) => ({ variant: r.variant, hops: Number(r.hops), fraction: Number(r.fraction) })));
});

test('the time series draws timeseries.csv\'s columns at each interval\'s end, and marks the timeline\'s events from run.json', () => {
  const c = chart(failure, 'time-series');
  const panels = (c.spec as unknown as { vconcat: Array<{ layer: Array<{ data: { values: Array<Record<string, number | string>> } }> }> }).vconcat;
  const rows = csv(failure, 'timeseries.csv');
  const line = (k: number) => panels[k].layer[1].data.values;
  expect(line(0)).toEqual(rows.map((r) => ({ variant: r.variant, t: Number(r.t_end_s), outcome: 'throughput rps', value: Number(r.throughput_rps) })));
  expect(line(3).map((v) => v.value)).toEqual(rows.map((r) => Number(r.in_flight)));
  // Only the outcomes that happened: node B's failure drops what is sent to it and fails what its pod held.
  const outcomes = new Set(line(2).map((v) => v.outcome));
  expect(outcomes).toContain('dropped');
  for (const o of ['dropped', 'failed', 'rejected', 'timed_out']) {
    expect(outcomes.has(o.replace('_', ' '))).toBe(rows.some((r) => Number(r[o]) > 0));
  }
  expect(panels[0].layer[0].data.values.map((e) => [e.atSeconds, e.label])).toEqual([[5, 'node node-b fails'], [10, 'node node-b recovers']]);
  const run = JSON.parse(readFileSync(join(failure.dir, 'run.json'), 'utf8'));
  expect(run.variants[0].timeline).toEqual([{ atSeconds: 5, event: 'node node-b fails' }, { atSeconds: 10, event: 'node node-b recovers' }]);
  // The seed has no timeline: no events, and run.json has no timeline.
  expect(reportCharts(seed).find((x) => x.id === 'time-series')!.spec).not.toHaveProperty('vconcat.0.layer.2');
});

test('a sweep draws each metric against the swept field, one line per policy, with summary.csv\'s intervals and the objective\'s threshold', () => {
  const c = chart(sweep, 'sweep-replicas');
  const values = data(c);
  const summary = csv(sweep, 'summary.csv');
  expect(summary).toHaveLength(6);
  for (const r of summary) {
    const p99 = values.find((v) => v.metric === 'latency p99 (ms)' && v.x === Number(r.replicas) && v.series === r.externalTrafficPolicy)!;
    expect(p99.mean).toBe(Number(r.latency_p99_ms));
    expect(p99.low).toBeCloseTo(Number(r.latency_p99_ms) - Number(r.latency_p99_ci95_ms), 9);
    expect(p99.high).toBeCloseTo(Number(r.latency_p99_ms) + Number(r.latency_p99_ci95_ms), 9);
    expect(p99.slo).toBe(100);
    const errors = values.find((v) => v.metric === 'errors (%)' && v.x === Number(r.replicas) && v.series === r.externalTrafficPolicy)!;
    expect(errors.mean).toBeCloseTo(Number(r.error_fraction) * 100, 9);
    expect(errors.slo).toBeNull();
  }
  // Two values are a comparison, not a curve: the seed has no sweep chart.
  expect(reportCharts(seed).map((x) => x.id)).toEqual(['pod-share', 'latency', 'pod-utilization', 'nodes', 'hops', 'time-series']);
});

test('a long time series is drawn in buckets of intervals: throughput their mean, p99 and in flight their maximum, counts their sum', () => {
  const rows = Array.from({ length: 2500 }, (_, i) => ({
    variant: 'A', t_start_s: String(i), t_end_s: String(i + 1), throughput_rps: String(i % 3), latency_p99_ms: String((i * 7) % 11),
    in_flight: String(i % 5), dropped: '1', failed: '0', rejected: '0', timed_out: '0',
  }));
  const table = { file: 'timeseries.csv', columns: Object.keys(rows[0]), rows };
  const c = timeSeriesChart({ ...seed, timeSeries: table })!;
  const line = (c.spec as unknown as { vconcat: Array<{ layer: Array<{ data: { values: Array<Record<string, number>> } }> }> }).vconcat[0].layer[0].data.values;
  // 2500 intervals in buckets of 3: 834 points, at most MAX_POINTS.
  expect(line).toHaveLength(834);
  expect(line.length).toBeLessThanOrEqual(MAX_POINTS);
  expect(line[0]).toMatchObject({ t: 3, value: (0 + 1 + 2) / 3 });
  const [first] = bucketed(rows, 3);
  expect(first).toMatchObject({ t: 3, throughput_rps: 1, latency_p99_ms: Math.max(0, 7, 3), in_flight: 2, dropped: 3 });
  expect(bucketed(rows, 3).at(-1)).toMatchObject({ t: 2500, dropped: 1 });
  expect(c.caption).toContain('in buckets of 3 intervals');
});
