import { expect, test } from 'vitest';
import { counts, node, place, pod, workload } from './support/scheduling-objects.js';

// Examples from kubernetes.io, "Taints and Tolerations".
const web = { app: 'web' };

test('a NoSchedule taint keeps a pod off unless one of the docs\' two tolerations matches it', () => {
  const tainted = node('node1', { taints: ['key1=value1:NoSchedule'] });
  const none = place(`${tainted}${workload('Deployment', 'web', 1, web)}`);
  expect(none.byNode).toEqual({});
  expect(none.pending.map((p) => [p.name, p.reason])).toEqual([['web-0', '0/1 nodes are available: 1 node(s) had untolerated taint {key1: value1}.']]);
  expect(none.warnings).toEqual(['warning: Deployment/web: pod web-0 stays Pending: 0/1 nodes are available: 1 node(s) had untolerated taint {key1: value1}.']);

  const equal = 'tolerations:\n- { key: key1, operator: Equal, value: value1, effect: NoSchedule }';
  const exists = 'tolerations:\n- { key: key1, operator: Exists, effect: NoSchedule }';
  for (const toleration of [equal, exists]) {
    expect(place(`${tainted}${workload('Deployment', 'web', 1, web, toleration)}`).byNode).toEqual({ node1: ['web-0'] });
  }
});

test('three taints, two tolerations: no new pod goes to node1, but a pod already there keeps running', () => {
  const node1 = node('node1', { taints: ['key1=value1:NoSchedule', 'key1=value1:NoExecute', 'key2=value2:NoSchedule'] });
  const tolerations = `tolerations:
- { key: key1, operator: Equal, value: value1, effect: NoSchedule }
- { key: key1, operator: Equal, value: value1, effect: NoExecute }`;
  const { byNode, warnings } = place(`${node1}${node('node2')}${workload('Deployment', 'web', 3, web, tolerations)}`
    + `${pod('running', { app: 'old' }, tolerations, 'node1')}${pod('intolerant', { app: 'old' }, '', 'node1')}`);
  expect(byNode).toEqual({ node1: ['running'], node2: ['web-0', 'web-1', 'web-2'] });
  // The untolerated NoExecute taint evicts a running pod.
  expect(warnings).toEqual(['warning: Pod/intolerant: evicted from node "node1": it does not tolerate the NoExecute taint {key1: value1}']);
});

test('an empty key with Exists tolerates everything; an empty effect tolerates every effect of its key', () => {
  const node1 = node('node1', { taints: ['key1=value1:NoSchedule', 'key1=value2:NoExecute'] });
  const everything = 'tolerations:\n- { operator: Exists }';
  const anyEffect = 'tolerations:\n- { key: key1, operator: Exists }';
  const oneEffect = 'tolerations:\n- { key: key1, operator: Exists, effect: NoSchedule }';
  expect(place(`${node1}${workload('Deployment', 'web', 1, web, everything)}`).byNode).toEqual({ node1: ['web-0'] });
  expect(place(`${node1}${workload('Deployment', 'web', 1, web, anyEffect)}`).byNode).toEqual({ node1: ['web-0'] });
  expect(place(`${node1}${workload('Deployment', 'web', 1, web, oneEffect)}`).pending[0].reason)
    .toBe('0/1 nodes are available: 1 node(s) had untolerated taint {key1: value2}.');
});

test('PreferNoSchedule is avoided while another node fits, and used when none does', () => {
  const preferNot = node('node1', { taints: ['special=true:PreferNoSchedule'] });
  expect(counts(place(`${preferNot}${node('node2')}${workload('Deployment', 'web', 2, web)}`).byNode)).toEqual({ node2: 2 });
  expect(counts(place(`${preferNot}${workload('Deployment', 'web', 2, web)}`).byNode)).toEqual({ node1: 2 });
  const tolerates = 'tolerations:\n- { key: special, operator: Exists, effect: PreferNoSchedule }';
  expect(counts(place(`${preferNot}${node('node2')}${workload('Deployment', 'web', 2, web, tolerates)}`).byNode)).toEqual({ node1: 1, node2: 1 });
});

test('a cordoned node (spec.unschedulable) takes no new pod', () => {
  const cordoned = node('node1', { unschedulable: true });
  expect(counts(place(`${cordoned}${node('node2')}${workload('Deployment', 'web', 2, web)}`).byNode)).toEqual({ node2: 2 });
  expect(place(`${cordoned}${workload('Deployment', 'web', 1, web)}`).pending[0].reason)
    .toBe('0/1 nodes are available: 1 node(s) were unschedulable.');
  const tolerates = 'tolerations:\n- { key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule }';
  expect(place(`${cordoned}${workload('Deployment', 'web', 1, web, tolerates)}`).byNode).toEqual({ node1: ['web-0'] });
});

test('a node that is not Ready is tainted not-ready, as the node controller does', () => {
  const notReady = node('node1', { ready: false });
  expect(place(`${notReady}${workload('Deployment', 'web', 1, web)}`).pending[0].reason)
    .toBe('0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.');
});

test('the reasons of a pod that fits nowhere are counted and sorted as kube-scheduler writes them', () => {
  const controlPlane = node('cp', { taints: ['node-role.kubernetes.io/control-plane:NoSchedule'], allocatable: { cpu: '4' } });
  const small = (name: string) => node(name, { allocatable: { cpu: '1' } });
  const big = 'containers:\n- { name: app, image: example/app, resources: { requests: { cpu: "2" } } }';
  const { pending } = place(`${controlPlane}${small('w1')}${small('w2')}${workload('Deployment', 'web', 1, web, big)}`);
  expect(pending[0].reason).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
});

test('a Scenario pin puts a pod where it says, with a warning when the node\'s taint would keep kube-scheduler away', () => {
  const { byNode, warnings } = place(`${node('cp', { taints: ['node-role.kubernetes.io/control-plane:NoSchedule'] })}${node('w1')}${workload('Deployment', 'web', 2, web)}`,
    { web: { cp: 1 } });
  expect(byNode).toEqual({ cp: ['web-0'], w1: ['web-1'] });
  expect(warnings).toEqual([
    'warning: spec.placement.web.cp: pins a pod to node "cp", whose taint {node-role.kubernetes.io/control-plane: } it does not tolerate: kube-scheduler would not put it there',
  ]);
});
