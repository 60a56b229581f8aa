import { expect, test } from 'vitest';
import { counts, node, place, pod, workload } from './support/scheduling-objects.js';

// Examples from kubernetes.io, "Pod Topology Spread Constraints": four nodes in two zones, labelled
// node=nodeN and zone=zoneA/zoneB, with pods labelled foo: bar on node1, node2 and node3.
const foo = { foo: 'bar' };
const cluster = ['node1:zoneA', 'node2:zoneA', 'node3:zoneB', 'node4:zoneB']
  .map((s) => s.split(':')).map(([n, z]) => node(n, { labels: { node: n, zone: z } })).join('');
const existing = `${pod('p1', foo, '', 'node1')}${pod('p2', foo, '', 'node2')}${pod('p3', foo, '', 'node3')}`;

const constraint = (key: string, maxSkew = 1, when = 'DoNotSchedule', extra = '') =>
  `- { maxSkew: ${maxSkew}, topologyKey: ${key}, whenUnsatisfiable: ${when}, labelSelector: { matchLabels: { foo: bar } }${extra} }`;
const mypod = (constraints: string[], extra = '') => pod('mypod', foo, `topologySpreadConstraints:\n${constraints.join('\n')}\n${extra}`);
const whereIs = (yaml: string, name = 'mypod') => place(yaml).pods.find((p) => p.name === name)?.node;

test('one constraint on zone: the incoming pod can only go to zone B', () => {
  // The docs allow node3 or node4; svcsim breaks the tie towards the node with fewer pods.
  expect(whereIs(`${cluster}${existing}${mypod([constraint('zone')])}`)).toBe('node4');
  // Held to node1 by a nodeSelector, it would make the skew 2, once zone B counts (nodeAffinityPolicy: Ignore);
  // by default (Honor) the nodes the pod cannot use are no domains, and zone A alone has no skew.
  const toNode1 = 'nodeSelector: { node: node1 }';
  expect(whereIs(`${cluster}${existing}${mypod([constraint('zone')], toNode1)}`)).toBe('node1');
  const ignore = ', nodeAffinityPolicy: Ignore';
  expect(place(`${cluster}${existing}${mypod([constraint('zone', 1, 'DoNotSchedule', ignore)], toNode1)}`).pending.map((p) => p.reason)).toEqual([
    "0/4 nodes are available: 1 node(s) didn't match pod topology spread constraints, 3 node(s) didn't match Pod's node affinity/selector.",
  ]);
  // maxSkew 2 lets it into zone A as well.
  expect(whereIs(`${cluster}${existing}${mypod([constraint('zone', 2, 'DoNotSchedule', ignore)], toNode1)}`)).toBe('node1');
});

test('topologyKey node with maxSkew 1 leaves only node4, and so do both constraints together', () => {
  expect(whereIs(`${cluster}${existing}${mypod([constraint('node')])}`)).toBe('node4');
  expect(whereIs(`${cluster}${existing}${mypod([constraint('zone'), constraint('node')])}`)).toBe('node4');
});

test('conflicting constraints leave the pod Pending', () => {
  const three = ['node1:zoneA', 'node2:zoneA', 'node3:zoneB'].map((s) => s.split(':')).map(([n, z]) => node(n, { labels: { node: n, zone: z } })).join('');
  const pods = `${pod('p1', foo, '', 'node1')}${pod('p2', foo, '', 'node1')}${pod('p3', foo, '', 'node2')}${pod('p4', foo, '', 'node3')}${pod('p5', foo, '', 'node3')}`;
  const { pending, warnings } = place(`${three}${pods}${mypod([constraint('zone'), constraint('node')])}`);
  expect(pending.map((p) => [p.name, p.reason])).toEqual([['mypod', "0/3 nodes are available: 3 node(s) didn't match pod topology spread constraints."]]);
  expect(warnings).toEqual(["warning: Pod/mypod: stays Pending: 0/3 nodes are available: 3 node(s) didn't match pod topology spread constraints."]);

  // Without a zone label, node1 and its two pods are left out, and the pod goes to zone A.
  const unzoned = `${node('node1', { labels: { node: 'node1' } })}${node('node2', { labels: { node: 'node2', zone: 'zoneA' } })}${node('node3', { labels: { node: 'node3', zone: 'zoneB' } })}`;
  expect(whereIs(`${unzoned}${pods}${mypod([constraint('zone'), constraint('node')])}`)).toBe('node2');
});

test('node affinity excludes zone C from the skew, so zone B is allowed', () => {
  const five = `${cluster}${node('node5', { labels: { node: 'node5', zone: 'zoneC' } })}`;
  expect(whereIs(`${five}${existing}${mypod([constraint('zone')])}`)).toBe('node5');
  const notC = `affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms: [{ matchExpressions: [{ key: zone, operator: NotIn, values: [zoneC] }] }]`;
  expect(whereIs(`${five}${existing}${mypod([constraint('zone')], notC)}`)).toBe('node4');
});

test('ScheduleAnyway always places the pod, preferring the domain with fewer matching pods', () => {
  expect(whereIs(`${cluster}${existing}${mypod([constraint('zone', 1, 'ScheduleAnyway')])}`)).toBe('node4');
  const full = `${existing}${pod('p4', foo, '', 'node4')}${pod('p5', foo, '', 'node3')}`;
  expect(whereIs(`${cluster}${full}${mypod([constraint('zone', 1, 'ScheduleAnyway')])}`)).toMatch(/^node[12]$/);
});

test('minDomains above the number of zones makes the global minimum 0', () => {
  expect(place(`${cluster}${existing}${mypod([constraint('zone', 1, 'DoNotSchedule', ', minDomains: 3')])}`).pending.map((p) => p.reason))
    .toEqual(["0/4 nodes are available: 4 node(s) didn't match pod topology spread constraints."]);
});

test('a Deployment without constraints of its own is spread over zones, then nodes (the built-in defaults)', () => {
  const zone = 'topology.kubernetes.io/zone';
  const nodes = `${node('a1', { labels: { [zone]: 'a' } })}${node('a2', { labels: { [zone]: 'a' } })}${node('b1', { labels: { [zone]: 'b' } })}`;
  expect(place(`${nodes}${workload('Deployment', 'web', 2, { app: 'web' })}`).byNode).toEqual({ a1: ['web-0'], b1: ['web-1'] });
  expect(counts(place(`${nodes}${workload('Deployment', 'web', 4, { app: 'web' })}`).byNode)).toEqual({ a1: 1, a2: 1, b1: 2 });
});
