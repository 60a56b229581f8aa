import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

// 10 requests a second, evenly spaced, 200 in all, entering at node-a and served on node-b with
// no queueing (5 ms of work, 1 request in flight at a time). From 10.05 s on, 100 requests remain.
const spec = (timeline: string) => `  traffic: { service: web, entry: nodePort, nodes: [node-a], arrival: deterministic, rate: 10, requests: 200 }
  network: { sameZone: 1ms }
  timeline: [${timeline}]
`;
const run = (timeline: string) =>
  runScenario(scenarioFromYaml(smallCluster({ nodes: { 'node-a': 'z', 'node-b': 'z' }, pods: { 'node-b': 1 }, type: 'NodePort', spec: spec(timeline) }))).variants[0];

test('a link class change applies to requests routed after it, both ways', () => {
  const base = run('');
  const slower = run('{ at: 10.05s, latency: { link: sameZone, value: 11ms } }');
  // Half the requests cross the node-to-node link twice at 10 ms more each way.
  expect(slower.latency.mean - base.latency.mean).toBeCloseTo(0.5 * 2 * 0.010, 9);
});

test('a degraded node slows every packet into or out of it', () => {
  const base = run('');
  const degraded = run('{ at: 10.05s, latency: { node: node-b, value: 5ms } }');
  // The hop to node-b enters it once each way: 5 ms more each way for half the requests.
  expect(degraded.latency.mean - base.latency.mean).toBeCloseTo(0.5 * 2 * 0.005, 9);
});
