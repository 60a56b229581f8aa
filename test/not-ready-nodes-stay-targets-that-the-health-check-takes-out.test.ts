import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import type { VariantResult } from '../src/stats/results.js';
import { notReady, tolerance } from './support/lb-yaml.js';
import { smallCluster } from './support/small-cluster.js';

// Since StableLoadBalancerNodeSet (Kubernetes 1.27, GA in 1.30) the service controller keeps a
// NotReady node among the balancer's targets; the balancer's health check takes it out.
const REQUESTS = 6000;

function run(healthCheck: boolean): VariantResult {
  const text = notReady(smallCluster({
    nodes: { 'node-a': 'zone-1', 'node-b': 'zone-1', 'node-c': 'zone-1' },
    pods: { 'node-a': 1, 'node-b': 1 },
    policy: 'Cluster',
    spec: `  traffic: { service: web, rate: 50, requests: ${REQUESTS} }\n  loadBalancer: { model: even, healthCheck: ${healthCheck} }\n`,
  }), 'node-c');
  return runScenario(scenarioFromYaml(text)).variants[0];
}

test('a NotReady node fails its probes, so the balancer sends it nothing', () => {
  const v = run(true);
  expect(v.nodes.find((n) => n.name === 'node-c')!.received).toBe(0);
  expect(v.completed).toBe(REQUESTS);
});

test('without a health check the NotReady node stays a target and its third of the traffic is lost', () => {
  const v = run(false);
  const c = v.nodes.find((n) => n.name === 'node-c')!;
  expect(c.dropped).toBe(c.received);
  expect(Math.abs(c.received / REQUESTS - 1 / 3)).toBeLessThanOrEqual(tolerance(1 / 3, REQUESTS));
});
