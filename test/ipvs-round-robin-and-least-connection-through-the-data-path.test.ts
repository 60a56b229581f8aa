import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

const spec = (scheduler: string) => `  traffic: { service: web, entry: nodePort, nodes: [node-a], rate: 50, requests: 3000 }
  kubeProxy: { mode: ipvs, scheduler: ${scheduler} }
`;

test('IPVS rr on one node deals requests to the endpoints in exact turn', () => {
  const text = smallCluster({ nodes: { 'node-a': 'z', 'node-b': 'z' }, pods: { 'node-a': 1, 'node-b': 2 }, type: 'NodePort', spec: spec('rr') });
  const [v] = runScenario(scenarioFromYaml(text)).variants;
  expect(v.kubeProxyMode).toBe('ipvs:rr');
  expect(v.pods.map((p) => p.completed)).toEqual([1000, 1000, 1000]);
});

test('IPVS lc sends every request to the first endpoint whenever it is idle', () => {
  // With ties to the first endpoint, endpoint 0 takes every arrival that finds it idle: on its
  // own it is an Erlang loss system with one server, so (Poisson arrivals, any service time) it
  // takes 1 / (1 + rho) of them, rho = 50/s x 5 ms = 0.25. The share is near binomial: within
  // 3.29 standard errors but once in 1000. Uniform iptables would give it a third.
  const text = smallCluster({ nodes: { 'node-a': 'z' }, pods: { 'node-a': 3 }, type: 'NodePort', spec: spec('lc') });
  const [v] = runScenario(scenarioFromYaml(text)).variants;
  const counts = v.pods.map((p) => p.completed);
  const p = 1 / 1.25;
  expect(Math.abs(counts[0] / 3000 - p)).toBeLessThanOrEqual(3.29 * Math.sqrt((p * (1 - p)) / 3000));
  expect(counts[0] + counts[1] + counts[2]).toBe(3000);
  // The third endpoint gets a request only when both others are busy.
  expect(counts[2]).toBeLessThan(counts[1]);
});
