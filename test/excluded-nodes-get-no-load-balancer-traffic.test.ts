import { describe, expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { InputError } from '../src/scenario/diagnostics.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { parseGoBool } from '../src/scenario/load-balancer-annotations.js';
import type { VariantResult } from '../src/stats/results.js';
import { labelNode, tolerance } from './support/lb-yaml.js';
import { smallCluster } from './support/small-cluster.js';

const EXCLUDE = 'node.kubernetes.io/exclude-from-external-load-balancers';
const REQUESTS = 6000;

/** Three nodes with a pod each, node-c labelled; Cluster policy, so kube-proxy may still forward to node-c's pod. */
function run(model: string, labels: Record<string, string>): VariantResult {
  const text = labelNode(smallCluster({
    nodes: { 'node-a': 'zone-1', 'node-b': 'zone-1', 'node-c': 'zone-1' },
    pods: { 'node-a': 1, 'node-b': 1, 'node-c': 1 },
    policy: 'Cluster',
    spec: `  traffic: { service: web, rate: 50, requests: ${REQUESTS} }\n  loadBalancer: { model: ${model} }\n`,
  }), 'node-c', labels);
  return runScenario(scenarioFromYaml(text)).variants[0];
}

const received = (v: VariantResult, node: string) => v.nodes.find((n) => n.name === node)!.received;

describe('a node labelled exclude-from-external-load-balancers gets no load-balancer traffic', () => {
  test.each(['even', 'nlb', 'weighted', 'ecmp', 'metallb-bgp', 'metallb-l2', 'maglev'])('%s', (model) => {
    const v = run(model, { [EXCLUDE]: 'true' });
    expect(received(v, 'node-c')).toBe(0);
    expect(v.completed).toBe(REQUESTS);
    // Its pod and kube-proxy still work: Cluster traffic from the other nodes reaches it.
    const share = v.pods.find((p) => p.node === 'node-c')!.share;
    expect(Math.abs(share - 1 / 3)).toBeLessThanOrEqual(tolerance(1 / 3, v.completed));
  });
});

test('the service controller reads the label as Go\'s ParseBool: "false" keeps the node, "" and "yes" leave it out', () => {
  expect(received(run('even', { [EXCLUDE]: 'false' }), 'node-c')).toBeGreaterThan(0);
  expect(received(run('even', { [EXCLUDE]: 'False' }), 'node-c')).toBeGreaterThan(0);
  expect(received(run('even', { [EXCLUDE]: '' }), 'node-c')).toBe(0);
  expect(received(run('nlb', { [EXCLUDE]: 'yes' }), 'node-c')).toBe(0);
  expect([parseGoBool('1'), parseGoBool('t'), parseGoBool('TRUE'), parseGoBool('0'), parseGoBool('F'), parseGoBool('no')])
    .toEqual([true, true, true, false, false, undefined]);
});

test('MetalLB leaves out a labelled node whatever the value', () => {
  expect(received(run('metallb-bgp', { [EXCLUDE]: 'false' }), 'node-c')).toBe(0);
  expect(received(run('metallb-l2', { [EXCLUDE]: 'false' }), 'node-c')).toBe(0);
});

test('a control-plane node without the label is a target like any other (the role label stopped counting in 1.21)', () => {
  const v = run('even', { 'node-role.kubernetes.io/control-plane': '' });
  expect(Math.abs(received(v, 'node-c') / REQUESTS - 1 / 3)).toBeLessThanOrEqual(tolerance(1 / 3, REQUESTS));
});

test('when every node is left out, the run is refused and says why', () => {
  let text = smallCluster({ nodes: { 'node-a': 'zone-1', 'node-b': 'zone-1' }, pods: { 'node-a': 1 }, spec: '  traffic: { service: web, rate: 50, requests: 10 }\n' });
  text = labelNode(labelNode(text, 'node-a', { [EXCLUDE]: 'true' }), 'node-b', { [EXCLUDE]: '' });
  expect(() => scenarioFromYaml(text)).toThrow(InputError);
  expect(() => scenarioFromYaml(text)).toThrow(
    `spec.loadBalancer: Invalid value: no node can take load-balancer traffic (model even): ${EXCLUDE} leaves out node-a ("true"), node-b ("")`);
});
