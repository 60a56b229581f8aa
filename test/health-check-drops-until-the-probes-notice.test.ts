import { expect, test } from 'vitest';
import { RandomStreams } from '../src/engine/random.js';
import { Simulator } from '../src/engine/simulator.js';
import { Cluster } from '../src/model/cluster.js';
import { DROPPED, FAILED, type Outcome, type Trace } from '../src/model/trace.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { OpenLoopClient } from '../src/workload/open-loop-client.js';
import { smallCluster } from './support/small-cluster.js';

/** A trace sink that only counts how requests end, and where attempts were lost. */
class Counts implements Trace {
  requests = 0;
  completed = 0;
  dropped = 0;
  failed = 0;
  readonly lostAt: number[];

  constructor(nodes: number) {
    this.lostAt = new Array<number>(nodes).fill(0);
  }

  requestSent(): void { this.requests++; }
  requestRetried(): void {}
  requestEnded(outcome: Outcome): void {
    if (outcome === DROPPED) this.dropped++;
    if (outcome === FAILED) this.failed++;
  }
  requestCompleted(): void { this.completed++; }
  attemptReceived(): void {}
  attemptLost(node: number): void { this.lostAt[node]++; }
  attemptForwarded(): void {}
  attemptReachedPod(): void {}
  attemptRejectedByPod(): void {}
  attemptPassedThrough(): void {}
}

// Local policy, an even balancer probing every 10 s (3 failures to mark a node down), 100 req/s
// for 120 s over node A and node B, one pod each. At t = 30.05 s B's pod dies (deleted with no
// grace period) and (with no propagation delay) kube-proxy on B drops at once, but the balancer
// learns only from B's probes. They run at 10, 20, 30, ... s (node i of n first probes at
// (i+1)/n of the interval), so they fail at 40, 50 and 60 s and B is out from 60 s. Until then
// half the requests reach B and are dropped: Poisson with mean 100 x 0.5 x (60 - 30.05), so
// within 3.29 standard deviations but once in 1000.
test('under Local, a node that loses its endpoints keeps getting traffic until the probes notice', () => {
  const text = smallCluster({
    nodes: { 'node-a': 'z', 'node-b': 'z' }, pods: { 'node-a': 1, 'node-b': 1 }, policy: 'Local',
    spec: `  traffic: { service: web, rate: 100, duration: 120s }
  loadBalancer: { model: even, healthCheck: { interval: 10s, healthyThreshold: 2, unhealthyThreshold: 3 } }
  dynamics: { endpointPropagationDelay: 0 }
`,
  });
  const { topology, traffic } = scenarioFromYaml(text).variants[0];
  const sim = new Simulator();
  const streams = new RandomStreams(1);
  const counts = new Counts(topology.nodes.length);
  const cluster = new Cluster(sim, streams, topology, counts);
  const client = new OpenLoopClient(sim, streams, cluster.path, counts, {
    arrival: traffic.arrival,
    rate: traffic.rate,
    duration: traffic.duration,
    population: topology.clients.population,
    requestsPerConnection: topology.clients.requestsPerConnection,
    timeout: topology.dynamics.clientTimeout,
    retries: topology.dynamics.retries,
    flowSalt: 0,
  });
  const podOnB = topology.pods.findIndex((p) => topology.nodes[p.node].name === 'node-b');
  client.start();
  cluster.start();
  sim.schedule(30.05, sim.register(() => cluster.terminatePod(podOnB, 0)));
  // Sending stops at 120 s; the client stops the run when its last request has ended.
  sim.run();

  const expected = 100 * 0.5 * (60 - 30.05);
  expect(Math.abs(counts.dropped - expected)).toBeLessThanOrEqual(3.29 * Math.sqrt(expected));
  expect(counts.lostAt[topology.nodes.findIndex((n) => n.name === 'node-b')]).toBe(counts.dropped);
  // Requests inside B's pod when it died fail; every request ends one way or another.
  expect(counts.completed + counts.dropped + counts.failed).toBe(counts.requests);
  expect(counts.failed).toBeLessThanOrEqual(1);
});
