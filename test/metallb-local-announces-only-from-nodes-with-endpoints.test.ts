import { describe, expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import type { VariantResult } from '../src/stats/results.js';
import { tolerance } from './support/lb-yaml.js';
import { smallCluster } from './support/small-cluster.js';

// The seed's placement plus a node without pods: A runs 2, B 1, C none. Under Local MetalLB
// announces only from A and B, whatever spec.loadBalancer.healthCheck says (MetalLB has none).
const REQUESTS = 8000;

function run(model: string, healthCheck: string): VariantResult {
  const text = smallCluster({
    nodes: { 'node-a': 'zone-1', 'node-b': 'zone-1', 'node-c': 'zone-1' },
    pods: { 'node-a': 2, 'node-b': 1 },
    policy: 'Local',
    spec: `  traffic: { service: web, rate: 50, requests: ${REQUESTS} }\n  loadBalancer: { model: ${model}, healthCheck: ${healthCheck} }\n`,
  });
  return runScenario(scenarioFromYaml(text)).variants[0];
}

describe('MetalLB BGP under Local never sends to a node without a local endpoint', () => {
  test.each(['false', 'true', '{ interval: 30s }'])('healthCheck: %s', (healthCheck) => {
    const v = run('metallb-bgp', healthCheck);
    expect(v.nodes.find((n) => n.name === 'node-c')!.received).toBe(0);
    expect(v.dropped).toBe(0);
    expect(v.completed).toBe(REQUESTS);
    // ECMP over A and B: 25% / 25% / 50% of the pods.
    [0.25, 0.25, 0.5].forEach((p, i) => expect(Math.abs(v.pods[i].share - p)).toBeLessThanOrEqual(tolerance(p, v.completed)));
  });
});

test('MetalLB layer 2 under Local elects its leader among the nodes with an endpoint, also without a health check', () => {
  const v = run('metallb-l2', 'false');
  expect(v.nodes.find((n) => n.name === 'node-c')!.received).toBe(0);
  expect(v.dropped).toBe(0);
  expect(v.nodes.filter((n) => n.received > 0)).toHaveLength(1);
});
