import { expect, test } from 'vitest';
import { mm1MeanResponse, mm1ResponseQuantile } from '../../src/engine/queueing-theory.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { scenarioFromYaml } from '../../src/scenario/load-scenario.js';
import { deploymentYaml, nodeYaml, serviceYaml } from '../support/scenario-files.js';
import { expectWithinInterval } from '../support/expect-within-interval.js';

// One node, one pod, Poisson arrivals at 50/s, exponential 10 ms service: an M/M/1 queue at
// utilization 0.5, behind fixed links crossed once each way.
const LAMBDA = 50;
const MU = 100;
const ONE_WAY = 0.001 + 0.0001 + 0.00002; // client->LB + LB->node + node->pod veth
const text = `${nodeYaml('solo')}${deploymentYaml('web', 1)}${serviceYaml('web', 'LoadBalancer', 'Cluster')}
apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: mm1 }
spec:
  traffic: { service: web, rate: ${LAMBDA}, requests: 30000, warmup: 20s }
  pods:
  - serviceTime: { exponential: { mean: 10ms } }
  network: { clientToLoadBalancer: 1ms, loadBalancerToNode: 0.1ms, sameNode: 20us }
`;

test('mean and p99 latency through the full path equal M/M/1 plus the fixed links', () => {
  const replications = Array.from({ length: 20 }, (_, r) => runScenario(scenarioFromYaml(text, { seed: 1000 + r })).variants[0]);
  const fixed = 2 * ONE_WAY;
  // M/M/1 response time is exponential with rate mu - lambda.
  expectWithinInterval(replications.map((v) => v.latency.mean), mm1MeanResponse(LAMBDA, MU) + fixed, 0.03);
  expectWithinInterval(replications.map((v) => v.latency.p99), mm1ResponseQuantile(LAMBDA, MU, 0.99) + fixed, 0.05);
  for (const v of replications) {
    expect(v.hopsMean).toBe(1);
    expect(v.latency.mean - fixed).toBeGreaterThan(0);
  }
  expectWithinInterval(replications.map((v) => v.pods[0].utilization), LAMBDA / MU, 0.03);
});
