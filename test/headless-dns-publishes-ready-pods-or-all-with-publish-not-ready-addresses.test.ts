import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { headlessCluster } from './support/headless-cluster.js';

// One pod, one host client resolving for every connection (ttl 0), a request every 100 ms from
// 0.1 s to 30 s. The pod starts terminating at 10.05 s with a grace period longer than the run:
// it serves to the end. kube-proxy would fall back to it (terminating, still serving); the DNS
// does not: the EndpointSlice marks it not ready, so from 11.05 s (1 s propagation) the name
// has no address and every request is refused at once.
function run(serviceSpec: string) {
  const spec = `  traffic: { service: web, clients: { nodes: [node-a] }, arrival: deterministic, rate: 10, requests: 300 }
  headless: { dns: { ttl: 0 } }
  timeline:
  - { at: 10.05s, podTermination: { pod: web-0, gracePeriod: 100s } }
`;
  const text = headlessCluster({ nodes: { 'node-a': 'z1' }, pods: { 'node-a': 1 }, serviceSpec, spec });
  return runScenario(scenarioFromYaml(text)).variants[0];
}

test('only ready endpoints are published: a terminating pod leaves the answer', () => {
  const v = run('');
  expect(v.completed).toBe(110);
  expect(v.rejected).toBe(190);
});

test('with publishNotReadyAddresses the terminating pod stays in the answer and keeps serving', () => {
  const v = run('  publishNotReadyAddresses: true\n');
  expect(v.completed).toBe(300);
  expect(v.rejected).toBe(0);
});
