import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { smallCluster } from './support/small-cluster.js';

const spec = (scheduler: string) => `  traffic: { service: web, entry: nodePort, nodes: [node-a], rate: 50, requests: 3000 }
  kubeProxy: { mode: ipvs, scheduler: ${scheduler} }
`;

test('IPVS rr on one node deals requests to the endpoints in exact turn', () => {
  const file = smallCluster({ nodes: { 'node-a': 'z', 'node-b': 'z' }, pods: { 'node-a': 1, 'node-b': 2 }, type: 'NodePort', spec: spec('rr') });
  const [v] = runScenario([file]).variants;
  expect(v.kubeProxyMode).toBe('ipvs:rr');
  expect(v.pods.map((p) => p.completed)).toEqual([1000, 1000, 1000]);
});

test('IPVS lc sends every request to an idle endpoint while one is idle', () => {
  // 50 req/s of 5 ms work: a request almost never finds the first endpoint busy, so lc
  // (ties to the first) keeps choosing it; uniform iptables would spread them evenly.
  const file = smallCluster({ nodes: { 'node-a': 'z' }, pods: { 'node-a': 3 }, type: 'NodePort', spec: spec('lc') });
  const [v] = runScenario([file]).variants;
  const counts = v.pods.map((p) => p.completed);
  expect(counts[0]).toBeGreaterThan(0.7 * 3000);
  expect(counts[0] + counts[1] + counts[2]).toBe(3000);
  expect(counts[2]).toBeLessThan(counts[1] + 1);
});
