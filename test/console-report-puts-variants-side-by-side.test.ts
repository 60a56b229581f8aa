import { expect, test } from 'vitest';
import { formatComparison, formatCount, formatPodTable } from '../src/output/console-report.js';
import type { VariantResult } from '../src/stats/results.js';
import { clusterVsLocal } from './fixtures/cluster-vs-local-results.js';

function lines(text: string): string[] {
  return text.split('\n');
}

function row(text: string, label: string): string {
  const found = lines(text).find((l) => l.startsWith(`│ ${label} `));
  if (found === undefined) throw new Error(`no row ${label} in\n${text}`);
  return found;
}

test('the variants are columns and the metrics rows, Cluster next to Local', () => {
  const text = formatComparison(clusterVsLocal(), { colors: false });

  expect(lines(text)[1]).toMatch(/│\s+│\s+Cluster │\s+Local │$/);
  expect(row(text, 'requests')).toMatch(/│\s+120,000 │\s+120,000 │$/);
  expect(row(text, 'rejected')).toMatch(/│\s+10 │\s+130 │$/);
  expect(row(text, 'error fraction')).toMatch(/│\s+0\.0% │\s+0\.1% │$/);
  expect(row(text, 'stable')).toMatch(/│\s+yes │\s+yes │$/);
  expect(row(text, 'latency mean (ms)')).toMatch(/│\s+5\.243 │\s+6\.881 │$/);
  expect(row(text, '  ± 95% CI (ms)')).toMatch(/│\s+0\.041 │\s+0\.121 │$/);
  expect(row(text, 'latency p99.9 (ms)')).toMatch(/│\s+21\.907 │\s+29\.544 │$/);
  expect(row(text, 'extra hop')).toMatch(/│\s+50\.0% │\s+0\.0% │$/);
  expect(row(text, 'pod utilization max')).toMatch(/│\s+40\.2% │\s+60\.0% │$/);
  expect(row(text, 'pod share min')).toMatch(/│\s+33\.2% │\s+24\.9% │$/);
});

test('the comparison has every metric in the order of the report', () => {
  const labels = lines(formatComparison(clusterVsLocal(), { colors: false }))
    .slice(3, -1)
    .map((l) => l.split('│')[1].trimEnd().slice(1));

  expect(labels).toEqual([
    'requests', 'completed', 'dropped', 'rejected', 'error fraction', 'stable', 'latency mean (ms)', '  ± 95% CI (ms)', 'latency p50 (ms)',
    'latency p99 (ms)', 'latency p99.9 (ms)', 'mean hops', 'extra hop', 'SNAT', 'pod utilization min',
    'pod utilization max', 'pod share min', 'pod share max', 'throughput (req/s)', 'cross-zone', 'cross-zone cost (USD)',
  ]);
});

test('fault rows appear after the request counts only when some variant has faults', () => {
  const results = clusterVsLocal();
  const labelsOf = () => lines(formatComparison(results, { colors: false })).slice(3, -1).map((l) => l.split('│')[1].trim());
  expect(labelsOf()).not.toContain('failed');
  results.variants[1].failed = 12;
  results.variants[1].retries = 30;
  const labels = labelsOf();
  expect(labels.slice(0, 8)).toEqual(['requests', 'completed', 'dropped', 'rejected', 'failed', 'retries', 'error fraction', 'stable']);
  expect(labels).not.toContain('timed out');
});

test('four variants with long names still fit in 80 columns', () => {
  const results = clusterVsLocal();
  const [cluster, local] = results.variants;
  const renamed = (v: VariantResult, name: string): VariantResult => ({ ...v, name });
  results.variants.push(renamed(cluster, 'Cluster+sessionAffinity'), renamed(local, 'Local+topology-aware-routing'));

  for (const text of [formatComparison(results, { colors: false }), formatPodTable(results, { colors: false })]) {
    for (const line of lines(text)) expect(line.length).toBeLessThanOrEqual(80);
  }
});

test('a value that is not a number is shown as a dash', () => {
  const results = clusterVsLocal();
  results.variants[1].latency.meanCi95 = NaN;

  expect(row(formatComparison(results, { colors: false }), '  ± 95% CI (ms)')).toMatch(/│\s+0\.041 │\s+- │$/);
});

test('without colors the table holds no escape sequences', () => {
  const results = clusterVsLocal();

  expect(formatComparison(results, { colors: false })).not.toMatch(/\x1b/);
  expect(formatPodTable(results, { colors: false })).not.toMatch(/\x1b/);
});

test('the pod table shows each pod share and utilization per variant', () => {
  const text = formatPodTable(clusterVsLocal(), { colors: false });

  expect(row(text, 'web-0')).toBe('│ web-0 │ node-a │    33.3/40.2 │    50.0/60.0 │');
  expect(row(text, 'web-2')).toBe('│ web-2 │ node-b │    33.4/40.0 │    25.1/30.1 │');
});

test('counts have a comma every three digits, as en-US writes them', () => {
  for (const n of [0, 7, 999, 1000, 12345, 999999, 1000000, 1234567890, -1234, -999]) {
    expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  }
  expect(formatCount(NaN)).toBe('-');
  expect(formatCount(Infinity)).toBe('-');
});
