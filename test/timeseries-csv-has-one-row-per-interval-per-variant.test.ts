import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { resultFiles, writeResults } from '../src/output/csv-files.js';
import { TimeSeriesTable, type TimeSeriesRow } from '../src/stats/time-series-table.js';
import { clusterVsLocal } from './fixtures/cluster-vs-local-results.js';

function row(start: number, end: number, completed: number, p50: number, p99: number, received: number[], inFlight: number): TimeSeriesRow {
  return {
    start, end, sent: completed + 2, completed, throughput: completed / (end - start), dropped: 1, failed: 0, rejected: 1,
    timedOut: 0, retries: 3, latencyP50: p50, latencyP99: p99, received, inFlight,
  };
}

test('timeseries.csv has one row per interval per variant with a received column per node', () => {
  const results = clusterVsLocal();
  results.timeSeriesInterval = 1;
  results.variants[0].timeSeries = TimeSeriesTable.from([
    row(0, 1, 1000, 0.0048712, 0.0145123, [500, 502], 4),
    row(1, 1.5, 499, NaN, NaN, [250, 251], 5),
  ], 2);
  results.variants[1].timeSeries = TimeSeriesTable.from([
    row(0, 1, 998, 0.005012, 0.018231, [501, 499], 3),
    row(1, 1.5, 0, NaN, NaN, [0, 0], 3),
  ], 2);

  const lines = resultFiles(results).get('timeseries.csv')?.split('\n');

  expect(lines?.[0]).toBe('variant,t_start_s,t_end_s,sent,completed,throughput_rps,dropped,failed,rejected,timed_out,retries,'
    + 'latency_p50_ms,latency_p99_ms,in_flight,received_node-a,received_node-b');
  expect(lines?.[1]).toBe('Cluster,0.000000,1.000000,1002,1000,1000.000,1,0,1,0,3,4.8712,14.5123,4,500,502');
  expect(lines?.[2]).toBe('Cluster,1.000000,1.500000,501,499,998.000,1,0,1,0,3,,,5,250,251');
  expect(lines?.[3]).toBe('Local,0.000000,1.000000,1000,998,998.000,1,0,1,0,3,5.0120,18.2310,3,501,499');
  expect(lines).toHaveLength(1 + 2 * 2 + 1);
  expect(lines?.at(-1)).toBe('');
});

test('there is no timeseries.csv when no variant has a time series', () => {
  expect(resultFiles(clusterVsLocal()).has('timeseries.csv')).toBe(false);
});

test('a long timeseries.csv is written, a piece at a time, as resultFiles gives it whole', async () => {
  const results = clusterVsLocal();
  results.timeSeriesInterval = 1;
  for (const [v, variant] of results.variants.entries()) {
    // 300 rows a variant: more than two of the 128-row pieces it is formatted in.
    variant.timeSeries = TimeSeriesTable.from(Array.from({ length: 300 }, (_, i) =>
      row(i, i + 1, 900 + i + v, 0.004 + i * 1e-6, 0.015 + i * 1e-6, [450 + i, 451 + v], i % 7)), 2);
  }
  const expected = resultFiles(results).get('timeseries.csv')!;
  const lines = expected.split('\n');
  expect(lines).toHaveLength(1 + 2 * 300 + 1);
  // Every row once, in order, across the pieces' boundaries (after rows 128 and 256).
  for (let i = 0; i < 300; i++) {
    expect(lines[1 + i]).toMatch(new RegExp(`^Cluster,${i}\\.000000,${i + 1}\\.000000,`));
    expect(lines[301 + i]).toMatch(new RegExp(`^Local,${i}\\.000000,${i + 1}\\.000000,`));
  }

  const dir = mkdtempSync(join(tmpdir(), 'svcsim-series-'));
  try {
    await writeResults(dir, results);
    expect(readFileSync(join(dir, 'timeseries.csv'), 'utf8')).toBe(expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
