import { expect, test } from 'vitest';
import { differenceStatement } from '../src/output/console-words.js';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

// `compare` refuses values that give identical variants, so the copy is made in the Scenario's
// plain data, as a sweep landing on one point twice would make it.
const text = smallCluster({
  nodes: { 'node-a': 'zone-a', 'node-b': 'zone-b' }, pods: { 'node-a': 2, 'node-b': 1 },
  spec: '  replications: 5\n  traffic: { service: web, rate: 150, requests: 3000 }\n',
  podModel: 'serviceTime: { exponential: { mean: 5ms } }',
});

test('a variant against an identical copy differs by exactly zero in every metric, with an interval of zero, and is not significant', () => {
  const scenario = scenarioFromYaml(text);
  const [v] = scenario.variants;
  const results = runScenario({ ...scenario, variants: [v, { ...v, name: 'copy' }] });
  const [d] = results.study!.differences;
  expect(d.variant).toBe('copy');
  // Paired streams make the copy's replications the very same runs: every pair differs by 0.
  for (const m of d.metrics) {
    expect([m.metric, m.difference, m.low, m.high, m.significant]).toEqual([m.metric, 0, 0, 0, false]);
  }
  expect(d.metrics.find((m) => m.metric === 'latency_p99_ms')!.baseline).toBeGreaterThan(0);
  expect(differenceStatement(d)).toBe('copy vs baseline: mean the same, p50 the same, p99 the same, p99.9 the same');
});
