import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

test('with sessionAffinity ClientIP one client stays on one pod; without it, it spreads', () => {
  const spec = `  traffic: { service: web, entry: nodePort, nodes: [node-a], rate: 20, requests: 2000 }
  clients: { population: 1 }
  compare:
    spec.sessionAffinity: [None, ClientIP]
`;
  const text = smallCluster({ nodes: { 'node-a': 'z', 'node-b': 'z' }, pods: { 'node-a': 2, 'node-b': 2 }, type: 'NodePort', spec });
  const [none, clientIp] = runScenario(scenarioFromYaml(text)).variants;
  expect(clientIp.pods.map((p) => p.completed).sort((a, b) => b - a)).toEqual([2000, 0, 0, 0]);
  expect(none.pods.filter((p) => p.completed > 0)).toHaveLength(4);
});

test('affinity expires after timeoutSeconds without a new connection, and holds within it', () => {
  // One request every 10 s: with a 5 s timeout every connection chooses afresh; with 20 s the
  // entry is refreshed before it expires and the client never moves.
  const spec = `  traffic: { service: web, entry: nodePort, nodes: [node-a], arrival: deterministic, rate: 0.1, requests: 400 }
  clients: { population: 1 }
  compare:
    spec.sessionAffinityConfig.clientIP.timeoutSeconds: [5, 20]
`;
  const text = smallCluster({
    nodes: { 'node-a': 'z' }, pods: { 'node-a': 4 }, type: 'NodePort', spec,
    serviceSpec: '  sessionAffinity: ClientIP\n  sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } }\n',
  });
  const [expiring, holding] = runScenario(scenarioFromYaml(text)).variants;
  expect(expiring.pods.filter((p) => p.completed > 0)).toHaveLength(4);
  expect(holding.pods.filter((p) => p.completed > 0)).toHaveLength(1);
});
