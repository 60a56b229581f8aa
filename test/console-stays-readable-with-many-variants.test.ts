import { expect, test } from 'vitest';
import { formatComparison } from '../src/output/console-report.js';
import { differenceStatement, formatDifferences } from '../src/output/console-words.js';
import { toJsonSummary } from '../src/output/json-summary.js';
import { terminalWidth, useColors } from '../src/output/terminal.js';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { deploymentYaml, nodeYaml, serviceYaml } from './support/scenario-files.js';

// A 24-point study: 1 to 12 replicas under each policy, two replications each.
const text = `${nodeYaml('node-a')}${nodeYaml('node-b')}${deploymentYaml('web', 1)}${serviceYaml('web', 'LoadBalancer', 'Cluster')}
apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: sweep }
spec:
  replications: 2
  slo: ["p99<=60ms", "utilization<=60%"]
  traffic: { service: web, rate: 100, requests: 600 }
  pods:
  - serviceTime: { exponential: { mean: 5ms } }
  compare:
    Deployment/web:spec.replicas: [${Array.from({ length: 12 }, (_, i) => i + 1).join(', ')}]
    spec.externalTrafficPolicy: [Cluster, Local]
`;
const results = runScenario(scenarioFromYaml(text));

test('24 variants are 24 rows, one per variant, fitted to 80 columns, naming the columns left out', () => {
  const lines = formatComparison(results, { colors: false, width: 80 }).split('\n');
  expect(results.variants).toHaveLength(24);
  expect(lines[1]).toMatch(/^│ variant\s+│/);
  for (const v of results.variants) expect(lines.filter((l) => l.startsWith(`│ ${v.name} `))).toHaveLength(1);
  for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
  expect(lines[1]).toMatch(/│\s+p99 ms │/);
  expect(lines[1]).toMatch(/│\s+SLO │$/);
  const below = lines.slice(lines.findIndex((l) => l.startsWith('└')) + 1);
  expect(below[0]).toBe('Means over 2 replications ± the half-width of their 95% interval');
  expect(below.slice(1).join(' ')).toMatch(/^Not shown in 80 columns: .*p90 ms.* \(summary\.csv and --json have them\)$/);
});

test('a wider terminal shows more columns, and one wide enough shows them all', () => {
  const head = (width: number) => formatComparison(results, { colors: false, width }).split('\n')[1];
  const count = (width: number) => head(width).split('│').length;
  expect(count(120)).toBeGreaterThan(count(80));
  const wide = formatComparison(results, { colors: false, width: 400 });
  expect(wide).not.toContain('Not shown');
  for (const h of ['errors', 'stable', 'mean ms', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'hops', 'util max', 'p99<=60ms', 'utilization<=60%', 'SLO']) {
    expect(wide.split('\n')[1]).toContain(` ${h} `);
  }
});

test('verdicts are coloured only when colours are on', () => {
  expect(formatComparison(results, { colors: false, width: 200 })).not.toMatch(/\x1b/);
  expect(formatComparison(results, { colors: true, width: 200 })).toMatch(/\x1b\[3[123]m(pass|fail|inconclusive)\x1b\[39m/);
  for (const line of formatComparison(results, { colors: true, width: 80 }).split('\n')) {
    expect(line.replace(/\x1b\[[0-9;]*m/g, '').length).toBeLessThanOrEqual(80);
  }
});

test('colour only on a terminal and never with NO_COLOR; the width from COLUMNS, else the terminal, else 80', () => {
  expect(useColors({}, { isTTY: true })).toBe(true);
  expect(useColors({}, { isTTY: false })).toBe(false);
  expect(useColors({ NO_COLOR: '1' }, { isTTY: true })).toBe(false);
  expect(useColors({ NO_COLOR: '' }, { isTTY: true })).toBe(true);
  expect(terminalWidth({ COLUMNS: '132' }, { isTTY: true, columns: 100 })).toBe(132);
  expect(terminalWidth({ COLUMNS: 'wide' }, { isTTY: true, columns: 100 })).toBe(100);
  expect(terminalWidth({}, { isTTY: false, columns: 100 })).toBe(80);
});

test('--json carries everything the console shows: each metric with its interval, the verdicts and the differences in words', () => {
  const json = toJsonSummary(results) as { replications: number; variants: Array<Record<string, unknown>>; differences: Array<{ statement: string }> };
  expect(json.replications).toBe(2);
  const first = json.variants[0];
  for (const key of ['error_fraction', 'stable', 'latency_mean_ms', 'latency_mean_ci95_ms', 'latency_p50_ms', 'latency_p50_ci95_ms',
    'latency_p90_ms', 'latency_p99_ms', 'latency_p99_ci95_ms', 'latency_p999_ms', 'hops_mean', 'extra_hop_fraction', 'pod_util_max',
    'pod_util_max_ci95', 'throughput_rps', 'slo_verdict', 'slo_p99_le_60ms', 'slo_utilization_le_60pct', 'warnings']) {
    expect(first, key).toHaveProperty(key);
  }
  // The console says each variant's mean, p99 (and errors, when any) in a line; --json has the whole statement.
  const said = formatDifferences(results, 200).split('\n');
  expect(said[0]).toBe(
    'Paired differences against replicas=1,Cluster over 2 replications, 95% intervals (differences.csv and --json have every metric):');
  const lines = said.slice(1, -1);
  expect(lines).toHaveLength(23);
  for (const [i, d] of results.study!.differences.entries()) {
    expect(json.differences[i].statement).toBe(differenceStatement(d));
    expect(lines[i].startsWith(`${d.variant}: mean `)).toBe(true);
    expect(lines[i]).toContain(', p99 ');
    for (const part of lines[i].slice(`${d.variant}: `.length).split(', ')) expect(json.differences[i].statement).toContain(part);
  }
  for (const line of formatDifferences(results, 80).split('\n')) expect(line.length).toBeLessThanOrEqual(80);
});
