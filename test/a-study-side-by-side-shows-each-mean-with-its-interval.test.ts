import { expect, test } from 'vitest';
import { formatComparison } from '../src/output/console-report.js';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { metricIndex } from '../src/stats/summary-metrics.js';
import { smallCluster } from './support/small-cluster.js';

const text = smallCluster({
  nodes: { 'node-a': 'zone-a', 'node-b': 'zone-a' }, pods: { 'node-a': 2, 'node-b': 1 },
  spec: '  replications: 4\n  slo: ["p99<=40ms", "errors<=0.1%"]\n  traffic: { service: web, rate: 150, requests: 2000 }\n'
    + '  compare:\n    spec.externalTrafficPolicy: [Cluster, Local]\n',
  podModel: 'serviceTime: { exponential: { mean: 5ms } }',
});

test('with replications each cell is the mean ± its 95% half-width, the mean needs no row of its own, and the verdicts follow', () => {
  const results = runScenario(scenarioFromYaml(text));
  const lines = formatComparison(results, { colors: false }).split('\n');
  const row = (label: string) => lines.find((l) => l.startsWith(`│ ${label} `))!;
  const p99 = results.study!.variants.map((v) => v.intervals[metricIndex('latency_p99_ms')]);
  const cell = ({ mean, halfWidth }: { mean: number; halfWidth: number }) => `${(mean * 1000).toFixed(3)} ± ${(halfWidth * 1000).toFixed(3)}`;
  expect(row('latency p99 (ms)')).toMatch(new RegExp(`│\\s+${cell(p99[0])} │\\s+${cell(p99[1])} │$`));
  expect(lines.some((l) => l.includes('95% CI'))).toBe(false);
  // Every request completes in every replication: no interval to show.
  expect(row('requests')).toMatch(/│\s+2,000 │\s+2,000 │$/);
  const verdicts = results.slo!.verdicts;
  expect(row('SLO p99<=40ms')).toMatch(new RegExp(`│\\s+${verdicts[0].objectives[0].verdict} │\\s+${verdicts[1].objectives[0].verdict} │$`));
  expect(row('SLO errors<=0.1%')).toMatch(/│\s+pass │\s+pass │$/);
  expect(row('SLO verdict')).toMatch(new RegExp(`│\\s+${verdicts[0].verdict} │\\s+${verdicts[1].verdict} │$`));
});
