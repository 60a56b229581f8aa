import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

// Two pods of 2 s work with room for every request (10 workers). Pod web-0 is told to terminate
// at 10.05 s: kube-proxy stops sending it new connections 1 s later, and it dies when its grace
// period ends. With 30 s of grace it finishes everything it holds; with 0.5 s it dies before
// kube-proxy even learns, and the requests inside it fail (those sent to it after are lost).
test('a terminating pod finishes its in-flight requests within its grace period', () => {
  const text = smallCluster({
    nodes: { 'node-a': 'z' }, pods: { 'node-a': 2 }, type: 'NodePort',
    spec: `  traffic: { service: web, entry: nodePort, arrival: deterministic, rate: 4, requests: 200 }
  dynamics: { endpointPropagationDelay: 1s }
  timeline: [{ at: 10.05s, podTermination: { pod: web-0, gracePeriod: 30s } }]
  compare:
    Scenario:spec.timeline[0].podTermination.gracePeriod: [30s, 500ms]
`,
    podModel: 'serviceTime: 2s\n    concurrency: 10',
  });
  const [graceful, abrupt] = runScenario(scenarioFromYaml(text)).variants;
  expect(graceful.failed).toBe(0);
  expect(graceful.dropped).toBe(0);
  expect(graceful.completed).toBe(200);
  expect(abrupt.failed).toBeGreaterThan(0);
  expect(abrupt.completed + abrupt.failed + abrupt.dropped).toBe(200);
});
