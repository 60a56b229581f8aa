import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

// Three nodes with one pod each behind an even balancer probing every 10 s (3 failures to take a
// node out); 300 req/s; node-b fails at 30.05 s. Its probes run at 6.67 + 10k s (node 1 of 3
// first probes at 2/3 of the interval) and fail at 36.67, 46.67 and 56.67 s, when it is taken
// out. Until then the balancer sends it a third of the traffic, which is lost: Poisson with mean
// 100/s x (56.67 - 30.05) s, so within 3.29 standard deviations but once in 1000. Under Cluster
// the other nodes also forward to node-b's pod until kube-proxy drops it, 1 s later: a third of
// their traffic in that second.
const FAILURE = 30.05;
const DETECTED = 20 / 3 + 50;

function run() {
  const text = smallCluster({
    nodes: { 'node-a': 'z', 'node-b': 'z', 'node-c': 'z' }, pods: { 'node-a': 1, 'node-b': 1, 'node-c': 1 },
    spec: `  traffic: { service: web, rate: 300, duration: 90s }
  loadBalancer: { model: even, healthCheck: { interval: 10s, healthyThreshold: 2, unhealthyThreshold: 3 } }
  dynamics: { endpointPropagationDelay: 1s }
  timeline: [{ at: ${FAILURE}s, nodeFailure: { node: node-b } }]
  compare:
    spec.externalTrafficPolicy: [Cluster, Local]
`,
  });
  return runScenario(scenarioFromYaml(text)).variants;
}

test("a failed node's share is dropped until the health check fires, then goes elsewhere", () => {
  const [cluster, local] = run();
  const window = 100 * (DETECTED - FAILURE);
  expect(Math.abs(local.dropped - window)).toBeLessThanOrEqual(3.29 * Math.sqrt(window));
  const forwarded = window + 200 * (1 / 3) * 1;
  expect(Math.abs(cluster.dropped - forwarded)).toBeLessThanOrEqual(3.29 * Math.sqrt(forwarded));
  for (const v of [cluster, local]) {
    const b = v.nodes.findIndex((n) => n.name === 'node-b');
    const rows = v.timeSeries!.rows();
    // node-b keeps receiving until the balancer takes it out, and nothing after.
    expect(rows.filter((r) => r.start >= FAILURE && r.end <= DETECTED).every((r) => r.received[b] > 0)).toBe(true);
    expect(rows.filter((r) => r.start >= DETECTED + 1).every((r) => r.received[b] === 0 && r.dropped === 0)).toBe(true);
    // Only requests inside node-b's pod when it died fail.
    expect(v.failed).toBeLessThan(5);
  }
});

test('a deleted node leaves the balancer at once: only what was in its pod is lost', () => {
  const text = smallCluster({
    nodes: { 'node-a': 'z', 'node-b': 'z', 'node-c': 'z' }, pods: { 'node-a': 1, 'node-b': 1, 'node-c': 1 }, policy: 'Local',
    spec: `  traffic: { service: web, rate: 300, duration: 90s }
  loadBalancer: { model: even, healthCheck: { interval: 10s, healthyThreshold: 2, unhealthyThreshold: 3 } }
  timeline: [{ at: ${FAILURE}s, nodeFailure: { node: node-b, mode: Deleted } }]
`,
  });
  const [v] = runScenario(scenarioFromYaml(text)).variants;
  expect(v.dropped).toBe(0);
  expect(v.failed).toBeLessThan(5);
  expect(v.completed + v.failed + v.inFlightAtEnd).toBe(v.requests);
});
