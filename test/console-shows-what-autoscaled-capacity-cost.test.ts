import { expect, test } from 'vitest';
import { formatComparison } from '../src/output/console-report.js';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario } from '../src/scenario/load-scenario.js';

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
