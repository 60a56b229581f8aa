import { expect, test } from 'vitest';
import { mm1ResponseQuantile } from '../src/engine/queueing-theory.js';
import { routingShares } from '../src/plan/routing-shares.js';
import { theoryAt } from '../src/plan/theory.js';
import { loadScenario } from '../src/scenario/load-scenario.js';
import { parseObjective } from '../src/scenario/slo-text.js';
import type { Objective } from '../src/stats/results.js';

// The seed: node A runs 2 pods, node B 1, an even balancer, 180 req/s of exponential 10 ms requests.
const seed = loadScenario(['scenarios/seed-two-nodes.yaml']);
const [cluster, local] = seed.variants;
const onNode = (v: typeof cluster, shares: number[]) => v.topology.pods.map((p, i) => [v.topology.nodes[p.node].name, shares[i]]);

test('Cluster spreads the traffic evenly over the endpoints; Local halves it per node, then over the node\'s pods', () => {
  expect(onNode(cluster, routingShares(cluster.topology))).toEqual([['node-a', 1 / 3], ['node-a', 1 / 3], ['node-b', 1 / 3]]);
  expect(onNode(local, routingShares(local.topology))).toEqual([['node-a', 0.25], ['node-a', 0.25], ['node-b', 0.5]]);
});

test('theory loads B\'s lone pod at 90% under Local and every pod at 60% under Cluster, and mixes the pods\' tails for p99 above the network\'s floor', () => {
  const p99 = [parseObjective('p99<=50ms') as Objective, parseObjective('utilization<=70%') as Objective];
  const c = theoryAt(cluster, p99);
  const l = theoryAt(local, p99);
  expect(c.utilizationMax).toBeCloseTo(0.6, 12);
  expect(l.utilizationMax).toBeCloseTo(0.9, 12);
  // The network's floor: client to balancer 1 ms, balancer to node 0.1 ms, node to pod 20 us, each way.
  const network = 2 * (0.001 + 0.0001 + 0.00002);
  // Every Cluster pod is the same M/M/1 at 60 req/s: the mixture is that queue's p99.
  expect(c.predicted[0]).toBeCloseTo(network + mm1ResponseQuantile(60, 100, 0.99), 9);
  // Local's mixture: a quarter each from A's pods at 45 req/s, half from B's at 90 req/s.
  const tail = (t: number) => 0.5 * Math.exp(-55 * t) + 0.5 * Math.exp(-10 * t);
  expect(tail(l.predicted[0] - network)).toBeCloseTo(0.01, 9);
  expect([c.meets, l.meets, c.stable, l.stable]).toEqual([false, false, true, true]);
});
