import { expect, test } from 'vitest';
import { formatComparison } from '../src/output/console-report.js';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario, scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { autoscaledYaml, cpuHpa } from './support/autoscaled-cluster.js';

const plain = { width: 200, colors: false };
const rowOf = (text: string, label: string) => text.split('\n').find((line) => line.includes(label));

test('with an HPA the comparison ends with replica- and node-seconds, as summary.csv does', () => {
  const results = runScenario(loadScenario(['scenarios/autoscaling-node-boot.yaml'], { requests: 5000 }));
  const text = formatComparison(results, plain);
  const [cluster, local] = results.variants.map((v) => v.autoscaling!);
  const cells = (label: string) => rowOf(text, label)!.split('│').map((c) => c.trim()).filter((c) => c !== '');
  expect(cells('replica-seconds')).toEqual(['replica-seconds', ...[cluster, local].map((a) => Math.round(a.replicaSeconds).toLocaleString('en-US'))]);
  expect(cells('node-seconds')).toEqual(['node-seconds', ...[cluster, local].map((a) => Math.round(a.nodeSeconds).toLocaleString('en-US'))]);
});

test('with replications each cost carries its 95% half-width', () => {
  const results = runScenario(loadScenario(['scenarios/autoscaling-node-boot.yaml'], { requests: 3000, replications: 3 }));
  const text = formatComparison(results, plain);
  expect(rowOf(text, 'replica-seconds')).toMatch(/replica-seconds\s+│\s+[\d,]+ ± [\d,]+\s+│\s+[\d,]+ ± [\d,]+\s+│/);
});

test('without an HPA there is no cost row', () => {
  const text = formatComparison(runScenario(loadScenario(['scenarios/seed-two-nodes.yaml'], { requests: 2000 })), plain);
  expect(rowOf(text, 'replica-seconds')).toBeUndefined();
  expect(rowOf(text, 'node-seconds')).toBeUndefined();
});

test('with many variants, a row each, the costs are columns beside the latency, and stay when the width is tight', () => {
  const yaml = autoscaledYaml({
    replicas: 2,
    hpa: cpuHpa(1, 6),
    spec: '  traffic: { service: web, rate: 150, duration: 60s }\n  compare:\n    HorizontalPodAutoscaler/web:spec.minReplicas: [1, 2, 3, 4, 5]\n',
  });
  const results = runScenario(scenarioFromYaml(yaml));
  const wide = formatComparison(results, plain);
  const head = rowOf(wide, 'variant')!.split('│').map((c) => c.trim());
  const at = (name: string) => head.indexOf(name);
  expect(at('replica-s')).toBeGreaterThan(0);
  expect(at('node-s')).toBeGreaterThan(0);
  results.variants.forEach((v) => {
    const cells = rowOf(wide, `│ ${v.name} `)!.split('│').map((c) => c.trim());
    expect(Number(cells[at('replica-s')])).toBe(Math.round(v.autoscaling!.replicaSeconds));
  });
  // At 80 columns the low-ranked columns go first; the costs outlast p90, p99.9 and the hops.
  const narrow = formatComparison(results, { width: 80, colors: false });
  expect(rowOf(narrow, 'variant')).toContain('replica-s');
  expect(narrow).toMatch(/Not shown in 80 columns:/);
});
