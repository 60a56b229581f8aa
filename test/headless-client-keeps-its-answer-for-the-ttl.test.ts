import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { headlessCluster } from './support/headless-cluster.js';

// One host client on node-a sends every 100 ms (deterministic, first at 0.1 s) to three pods on
// its own node; every request opens a connection. links: 20 us veth each way, 5 ms of work.
function run(ttl: string, dnsLatency: string) {
  const spec = `  traffic: { service: web, clients: { nodes: [node-a] }, arrival: deterministic, rate: 10, requests: 1010 }
  network: { sameNode: 20us }
  headless: { dns: { latency: ${dnsLatency}, ttl: ${ttl}, order: rotate } }
`;
  const text = headlessCluster({ nodes: { 'node-a': 'z1' }, pods: { 'node-a': 3 }, spec });
  return runScenario(scenarioFromYaml(text)).variants[0];
}

test('a client sends every connection to the pod of its cached answer until the TTL runs out', () => {
  // Resolved at 0.1 s, the answer expires at 10.15 s: requests at 0.1 ... 10.1 s (101) use it,
  // the one at 10.2 s resolves again. 1010 requests are ten whole answers of 101 each.
  const v = run('10.05s', '0');
  const counts = v.pods.map((p) => p.completed);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(1010);
  for (const c of counts) expect(c % 101).toBe(0);
  expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
  // Without a cache each connection draws again: the counts are no longer whole answers.
  const fresh = run('0', '0').pods.map((p) => p.completed);
  expect(fresh.some((c) => c % 101 !== 0)).toBe(true);
});

test('only the request that resolves pays the DNS round trip', () => {
  // No queueing (5 ms of work every 100 ms): a request takes 5 ms plus 20 us of veth each way
  // (host client, pod on the same node), and 1 ms more when it resolved. With a 1 ms lookup
  // each answer expires at resolve + 1 ms + 10.05 s, still between arrivals: 10 lookups.
  const base = 0.005 + 2 * 20e-6;
  expect(run('10.05s', '1ms').latency.mean).toBeCloseTo(base + (10 * 0.001) / 1010, 12);
  expect(run('0', '1ms').latency.mean).toBeCloseTo(base + 0.001, 12);
});
