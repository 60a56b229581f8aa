import { expect, test } from 'vitest';
import { node, place, pod, workload } from './support/scheduling-objects.js';

const agent = { app: 'agent' };
const controlPlane = node('cp', { taints: ['node-role.kubernetes.io/control-plane:NoSchedule'] });
const nodesOf = (byNode: Record<string, string[]>) => Object.keys(byNode).sort();

test('a DaemonSet runs one pod on every node whose taints it tolerates', () => {
  expect(place(`${controlPlane}${node('w1')}${node('w2')}${workload('DaemonSet', 'agent', undefined, agent)}`).byNode)
    .toEqual({ w1: ['agent-w1'], w2: ['agent-w2'] });
  const everywhere = 'tolerations:\n- { key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule }';
  expect(nodesOf(place(`${controlPlane}${node('w1')}${node('w2')}${workload('DaemonSet', 'agent', undefined, agent, everywhere)}`).byNode))
    .toEqual(['cp', 'w1', 'w2']);
});

test('the DaemonSet controller\'s tolerations let it onto a cordoned node but not onto one that is not Ready', () => {
  const yaml = `${node('cordoned', { unschedulable: true })}${node('down', { ready: false })}${node('w1')}${workload('DaemonSet', 'agent', undefined, agent)}`;
  expect(nodesOf(place(yaml).byNode)).toEqual(['cordoned', 'w1']);
});

test('a DaemonSet honours its nodeSelector', () => {
  const yaml = `${node('w1', { labels: { gpu: 'true' } })}${node('w2')}${workload('DaemonSet', 'agent', undefined, agent, 'nodeSelector: { gpu: "true" }')}`;
  expect(place(yaml).byNode).toEqual({ w1: ['agent-w1'] });
});

test('a daemon pod that does not fit its node stays Pending, named after it', () => {
  const yaml = `${node('big', { allocatable: { cpu: '4' } })}${node('small', { allocatable: { cpu: '1' } })}`
    + `${workload('DaemonSet', 'agent', undefined, agent, 'containers:\n- { name: agent, image: example/agent, resources: { requests: { cpu: "2" } } }')}`;
  const { byNode, pending } = place(yaml);
  expect(byNode).toEqual({ big: ['agent-big'] });
  expect(pending.map((p) => [p.name, p.reason])).toEqual([
    ['agent-small', "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector."],
  ]);
});

test('daemon pods in the input are the DaemonSet\'s: only nodes without one get a new one', () => {
  const owned = `metadata:\n  ownerReferences: [{ apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: u1, controller: true }]`;
  const dumped = pod('agent-x7k2p', agent, '', 'w1').replace('metadata:\n', `${owned}\n`);
  expect(place(`${node('w1')}${node('w2')}${dumped}${workload('DaemonSet', 'agent', undefined, agent)}`).byNode)
    .toEqual({ w1: ['agent-x7k2p'], w2: ['agent-w2'] });
});

test('a DaemonSet cannot be pinned', () => {
  expect(place(`${node('w1')}${workload('DaemonSet', 'agent', undefined, agent)}`, { agent: { w1: 1 } }).warnings)
    .toEqual(['error: spec.placement.agent: Invalid value: DaemonSet/agent runs one pod on every node it selects: it cannot be pinned']);
});
