import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import type { VariantResult } from '../src/stats/results.js';
import { annotateService, tolerance } from './support/lb-yaml.js';
import { smallCluster } from './support/small-cluster.js';

// Node A alone in zone-1, B and C in zone-2, a pod each; clients split evenly over the zones.
const REQUESTS = 8000;
const NLB = { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' };

function run(annotations: Record<string, string>, pods: Record<string, number>): VariantResult {
  const text = annotateService(smallCluster({
    nodes: { 'node-a': 'zone-1', 'node-b': 'zone-2', 'node-c': 'zone-2' },
    pods,
    policy: 'Local',
    spec: `  traffic: { service: web, rate: 50, requests: ${REQUESTS} }\n`,
  }), annotations);
  return runScenario(scenarioFromYaml(text)).variants[0];
}

const receivedShare = (v: VariantResult, node: string) => v.nodes.find((n) => n.name === node)!.received / v.requests;

test('each zone\'s front end sends only to its own zone: no request crosses, and the lone node of zone-1 takes half', () => {
  const v = run(NLB, { 'node-a': 1, 'node-b': 1, 'node-c': 1 });
  expect(v.lbModel).toBe('nlb');
  expect(v.crossZoneFraction).toBe(0);
  expect(Math.abs(receivedShare(v, 'node-a') - 1 / 2)).toBeLessThanOrEqual(tolerance(1 / 2, REQUESTS));
  expect(Math.abs(receivedShare(v, 'node-b') - 1 / 4)).toBeLessThanOrEqual(tolerance(1 / 4, REQUESTS));
});

test('with cross-zone load balancing on (the annotation), every front end spreads over all nodes: half the requests cross', () => {
  const v = run({ ...NLB, 'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true' },
    { 'node-a': 1, 'node-b': 1, 'node-c': 1 });
  // Zone-1 clients cross when they land on B or C (2/3), zone-2 clients on A (1/3): 1/2 overall.
  expect(Math.abs(v.crossZoneFraction - 1 / 2)).toBeLessThanOrEqual(tolerance(1 / 2, v.completed));
  expect(Math.abs(receivedShare(v, 'node-a') - 1 / 3)).toBeLessThanOrEqual(tolerance(1 / 3, REQUESTS));
});

test('a zone with no healthy target leaves DNS: its clients go to the other zone, and nothing is dropped', () => {
  // Under Local, zone-2's nodes fail the health check (no local endpoint).
  const v = run(NLB, { 'node-a': 2 });
  expect(v.dropped).toBe(0);
  expect(v.completed).toBe(REQUESTS);
  expect(receivedShare(v, 'node-a')).toBe(1);
  expect(Math.abs(v.crossZoneFraction - 1 / 2)).toBeLessThanOrEqual(tolerance(1 / 2, v.completed));
});

test('IP targets fail over the same way: a zone without pods sends its clients to one other zone, not to every pod', () => {
  const text = annotateService(smallCluster({
    nodes: { 'node-a': 'zone-1', 'node-b': 'zone-2', 'node-c': 'zone-3' },
    pods: { 'node-a': 1, 'node-b': 3 },
    spec: `  traffic: { service: web, rate: 50, requests: ${REQUESTS} }\n`,
  }), { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' });
  const v = runScenario(scenarioFromYaml(text)).variants[0];
  expect(v.lbModel).toBe('ip-targets');
  // A third of the clients per zone; zone-3's go half to zone-1's pod and half to zone-2's three.
  const expected = [1 / 2, 1 / 6, 1 / 6, 1 / 6];
  expected.forEach((p, i) => expect(Math.abs(v.pods[i].share - p)).toBeLessThanOrEqual(tolerance(p, v.completed)));
});
