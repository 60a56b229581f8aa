import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { headlessCluster } from './support/headless-cluster.js';

// One host client on node-a; web pods 2 on node-a, 1 on node-b. With ttl 0 the client resolves
// anew for every connection (one request each), so every request is an independent draw of
// the first address of a fresh answer.
const N = 6000;
function run(order: 'rotate' | 'fixed') {
  const spec = `  traffic: { service: web, clients: { nodes: [node-a] }, rate: 50, requests: ${N} }
  headless: { dns: { ttl: 0, order: ${order} } }
`;
  const text = headlessCluster({ nodes: { 'node-a': 'z1', 'node-b': 'z1' }, pods: { 'node-a': 2, 'node-b': 1 }, spec });
  return runScenario(scenarioFromYaml(text)).variants[0];
}

test('rotated answers spread new connections evenly over the ready pods', () => {
  const v = run('rotate');
  expect(v.lbModel).toBe('headless');
  expect(v.completed).toBe(N);
  // CoreDNS's loadbalance shuffles the answer, so its first address is uniform: each pod's
  // count is Binomial(N, 1/3), sd sqrt(N/3 * 2/3) = 36.5. Three pods at a family-wise 99.9%
  // (Bonferroni, two-sided 0.999/3 each) is z = 3.59: +- 131 requests, a share of +- 0.022.
  // A per-node split (25/25/50) would be 0.083 away: the test can fail.
  const sd = Math.sqrt((N * 2) / 9);
  for (const p of v.pods) expect(Math.abs(p.completed - N / 3)).toBeLessThan(3.59 * sd);
  // The client is on node-a: exactly the requests to node-b's pod took a hop to another node,
  // and none was masqueraded (no kube-proxy on the way).
  const onB = v.pods.filter((p) => p.node === 'node-b').reduce((n, p) => n + p.completed, 0);
  expect(v.extraHopFraction).toBe(onB / N);
  expect(v.snatFraction).toBe(0);
  expect(v.kubeProxyMode).toBe('none');
});

test('a fixed answer order sends every connection to the first endpoint', () => {
  const v = run('fixed');
  expect(v.completed).toBe(N);
  expect(v.pods.map((p) => p.completed)).toEqual([N, 0, 0]);
  expect(v.pods[0].node).toBe('node-a');
  expect(v.extraHopFraction).toBe(0);
});
