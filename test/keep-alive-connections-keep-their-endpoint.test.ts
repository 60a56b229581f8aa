import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

test('a keep-alive connection carries its requests to the endpoint chosen when it opened', () => {
  // One client, 100 requests per connection, kube-proxy's uniform choice per new connection:
  // each pod serves whole connections, so every pod's count is a multiple of 100.
  const spec = `  traffic: { service: web, entry: nodePort, nodes: [node-a], rate: 50, requests: 5000 }
  clients: { population: 1, requestsPerConnection: 100 }
`;
  const text = smallCluster({ nodes: { 'node-a': 'z' }, pods: { 'node-a': 4 }, type: 'NodePort', spec });
  const [v] = runScenario(scenarioFromYaml(text)).variants;
  const counts = v.pods.map((p) => p.completed);
  for (const c of counts) expect(c % 100).toBe(0);
  expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
});
