import { expect, test } from 'vitest';
import { RandomStreams } from '../src/engine/random.js';
import { Simulator } from '../src/engine/simulator.js';
import { DataPath } from '../src/model/data-path.js';
import { prepareScenario } from '../src/run/run-scenario.js';
import { Recorder } from '../src/stats/recorder.js';
import { smallCluster } from './support/small-cluster.js';

// Local policy, an even balancer probing every 10 s (3 failures to mark a node down), 100 req/s
// for 120 s over node A and node B, one pod each. At t = 30.05 s B's pod dies and (with no
// propagation delay) kube-proxy on B drops at once, but the balancer learns only from B's probes. They run at
// 10, 20, 30, ... s (node i of n first probes at (i+1)/n of the interval), so they fail at 40,
// 50 and 60 s and B is out from 60 s. Until then half the requests reach B and are dropped:
// Poisson with mean 100 x 0.5 x (60 - 30.05), so within 3.29 standard deviations but once in 1000.
test('under Local, a node that loses its endpoints keeps getting traffic until the probes notice', () => {
  const file = smallCluster({
    nodes: { 'node-a': 'z', 'node-b': 'z' }, pods: { 'node-a': 1, 'node-b': 1 }, policy: 'Local',
    spec: `  traffic: { service: web, rate: 100, duration: 120s }
  loadBalancer: { model: even, healthCheck: { interval: 10s, healthyThreshold: 2, unhealthyThreshold: 3 } }
  dynamics: { endpointPropagationDelay: 0 }
`,
  });
  const { prepared } = prepareScenario([file]);
  const { topology, traffic } = prepared!.runs[0];
  const sim = new Simulator();
  const recorder = new Recorder(topology.nodes.length, topology.pods.length, sim, 1);
  const path = new DataPath(sim, new RandomStreams(1), topology, traffic, recorder);
  const podOnB = topology.pods.findIndex((p) => topology.nodes[p.node].name === 'node-b');
  path.start();
  sim.schedule(30.05, sim.register(() => path.lifecycle.kill(podOnB)));
  sim.run();

  const expected = 100 * 0.5 * (60 - 30.05);
  expect(Math.abs(recorder.dropped - expected)).toBeLessThanOrEqual(3.29 * Math.sqrt(expected));
  expect(recorder.nodeDropped[topology.nodes.findIndex((n) => n.name === 'node-b')]).toBe(recorder.dropped);
  // Requests inside B's pod when it died fail; every request ends one way or another.
  expect(recorder.completed + recorder.dropped + recorder.failed).toBe(recorder.requests);
  expect(recorder.failed).toBeLessThanOrEqual(1);
  recorder.destroy();
});
