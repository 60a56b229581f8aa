import { expect, test } from 'vitest';
import { variantWarnings } from '../src/output/variant-warnings.js';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { TimeSeries } from '../src/stats/time-series.js';
import { smallCluster } from './support/small-cluster.js';

// The engine's guard against what no estimate foresees (a rare draw far out in a heavy tail):
// a run of requests stops at its horizon, a time series at its row limit, each with a warning.

test('a time series keeps its first rows and jumps over any gap after them at once', () => {
  const series = new TimeSeries(1, 1, 0, 3);
  series.sent(0.5);
  series.completed(1e12, 0.001); // 10^12 empty intervals would come between
  series.finish(1e12 + 1);
  expect(series.rows().map((r) => [r.start, r.end, r.sent])).toEqual([[0, 1, 1], [1, 2, 0], [2, 3, 0]]);
  expect(series.endsAt).toBe(3);
}, 5_000);

test('a time series within its row limit is whole', () => {
  const series = new TimeSeries(1, 1, 0, 3);
  series.sent(0.5);
  series.finish(2.5);
  expect(series.rows().map((r) => [r.start, r.end])).toEqual([[0, 1], [1, 2], [2, 2.5]]);
  expect(series.endsAt).toBeUndefined();
}, 5_000);

test('a run of requests that reaches its horizon stops there, counts what is in flight and says so', () => {
  const scenario = scenarioFromYaml(smallCluster({
    nodes: { 'node-a': 'z' }, pods: { 'node-a': 1 },
    spec: '  traffic: { service: web, rate: 1, requests: 10, arrival: deterministic }\n',
    podModel: 'serviceTime: 2s',
  }));
  const { traffic } = scenario.variants[0];
  expect(traffic.horizon).toBe(1e7);
  expect(traffic.maxTimeSeriesRows).toBe(1e5);
  traffic.horizon = 7;
  traffic.maxTimeSeriesRows = 4;
  const [v] = runScenario(scenario).variants;
  expect(v.stoppedAt).toBe(7);
  expect(v.simTime).toBe(7);
  expect(v.inFlightAtEnd).toBeGreaterThan(0);
  expect(v.timeSeriesEndsAt).toBe(4);
  expect(v.timeSeries?.length).toBe(4);
  expect(variantWarnings(v).slice(-2)).toEqual([
    `variant "baseline" stopped at 7 s of simulated time, svcsim's limit, with ${v.inFlightAtEnd} request(s) still in flight (a draw far out in a distribution's tail?)`,
    'variant "baseline": timeseries.csv stops at 4 s, its row limit; its rows no longer add up to the totals',
  ]);
}, 10_000);
