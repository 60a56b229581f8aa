import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { headlessCluster } from './support/headless-cluster.js';

// One host client on node-a, a request every 100 ms from 0.1 s, each on a new connection, to
// three pods in a fixed answer order (web-0 first). Its first answer, at 0.1 s, is kept 30.05 s:
// until 30.15 s. web-0 dies at 20.05 s; the DNS drops it at 21.05 s (1 s propagation), but the
// client's cached answer still names it: requests at 20.1 ... 30.1 s (101) go to a pod that is
// gone, nothing answers, the 50 ms timeout ends them. The request at 30.2 s resolves again and
// gets web-1.
function run(retries: string) {
  const spec = `  traffic: { service: web, clients: { nodes: [node-a] }, arrival: deterministic, rate: 10, requests: 1000 }
  clients: { timeout: 50ms${retries} }
  headless: { dns: { latency: 0, ttl: 30.05s, order: fixed } }
  timeline:
  - { at: 20.05s, podTermination: { pod: web-0, gracePeriod: 0 } }
`;
  const text = headlessCluster({ nodes: { 'node-a': 'z1' }, pods: { 'node-a': 3 }, spec });
  return runScenario(scenarioFromYaml(text)).variants[0];
}

test('connections go to a dead pod for as long as the cached answer lasts, then to the next pod', () => {
  const v = run('');
  expect(v.dropped).toBe(101);
  expect(v.completed).toBe(899);
  expect(v.pods.map((p) => p.completed)).toEqual([200, 699, 0]);
});

test('a retry after the answer expires resolves again and succeeds', () => {
  // One retry 5.02 s after the timeout: requests sent from 25.1 s retry at 30.17 s or later,
  // past the expiry, and reach web-1; those sent up to 25.0 s (50) retry into the same cached
  // answer and are dropped.
  const v = run(', retries: { count: 1, backoff: 5.02s, jitter: 0 }');
  expect(v.retries).toBe(101);
  expect(v.dropped).toBe(50);
  expect(v.completed).toBe(950);
});
