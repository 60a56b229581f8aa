import { expect, test } from 'vitest';
import { node, place, workload } from './support/scheduling-objects.js';

// Examples from kubernetes.io, "Assigning Pods to Nodes".
const web = { app: 'web' };
const zone = 'topology.kubernetes.io/zone';
const nodesOf = (byNode: Record<string, string[]>) => Object.keys(byNode).sort();

test('nodeSelector disktype: ssd puts the pod on the labelled node only', () => {
  const yaml = `${node('plain')}${node('fast', { labels: { disktype: 'ssd' } })}${workload('Deployment', 'web', 2, web, 'nodeSelector: { disktype: ssd }')}`;
  expect(place(yaml).byNode).toEqual({ fast: ['web-0', 'web-1'] });
  expect(place(`${node('plain')}${node('other')}${workload('Deployment', 'web', 1, web, 'nodeSelector: { disktype: ssd }')}`).pending[0].reason)
    .toBe("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.");
});

test('the docs\' node affinity example: required zones, and the preferred label wins among them', () => {
  const affinity = `affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
      - matchExpressions:
        - { key: ${zone}, operator: In, values: [antarctica-east1, antarctica-west1] }
    preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 1
      preference:
        matchExpressions:
        - { key: another-node-label-key, operator: In, values: [another-node-label-value] }`;
  const yaml = `${node('elsewhere', { labels: { [zone]: 'europe-west1' } })}${node('east', { labels: { [zone]: 'antarctica-east1' } })}`
    + `${node('west', { labels: { [zone]: 'antarctica-west1', 'another-node-label-key': 'another-node-label-value' } })}`;
  expect(place(`${yaml}${workload('Deployment', 'web', 1, web, affinity)}`).byNode).toEqual({ west: ['web-0'] });
  // A DaemonSet shows the whole feasible set: every node of the two zones.
  expect(nodesOf(place(`${yaml}${workload('DaemonSet', 'agent', undefined, web, affinity)}`).byNode)).toEqual(['east', 'west']);
});

test('nodeSelectorTerms are ORed and the expressions of a term ANDed', () => {
  const affinity = `affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
      - matchExpressions:
        - { key: ${zone}, operator: In, values: [a] }
        - { key: disktype, operator: In, values: [ssd] }
      - matchExpressions:
        - { key: gpu, operator: Exists }`;
  const yaml = `${node('zone-only', { labels: { [zone]: 'a' } })}${node('zone-and-ssd', { labels: { [zone]: 'a', disktype: 'ssd' } })}`
    + `${node('gpu', { labels: { gpu: 'nvidia' } })}${node('ssd-elsewhere', { labels: { [zone]: 'b', disktype: 'ssd' } })}`;
  expect(nodesOf(place(`${yaml}${workload('DaemonSet', 'agent', undefined, web, affinity)}`).byNode)).toEqual(['gpu', 'zone-and-ssd']);
});

test('NotIn, DoesNotExist, Gt and Lt match as the docs define them', () => {
  const yaml = `${node('small', { labels: { cores: '2', pool: 'batch' } })}${node('large', { labels: { cores: '16' } })}${node('odd', { labels: { cores: 'many' } })}`;
  const with1 = (expression: string) => nodesOf(place(`${yaml}${workload('DaemonSet', 'agent', undefined, web, `affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms: [{ matchExpressions: [${expression}] }]`)}`).byNode);
  expect(with1('{ key: cores, operator: Gt, values: ["4"] }')).toEqual(['large']);
  expect(with1('{ key: cores, operator: Lt, values: ["4"] }')).toEqual(['small']);
  expect(with1('{ key: pool, operator: NotIn, values: [batch] }')).toEqual(['large', 'odd']);
  expect(with1('{ key: pool, operator: DoesNotExist }')).toEqual(['large', 'odd']);
});

test('of two preferences, the heavier weight wins (the docs\' weight example)', () => {
  const affinity = `affinity:
  nodeAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
    - { weight: 1, preference: { matchExpressions: [{ key: label-1, operator: In, values: [key-1] }] } }
    - { weight: 50, preference: { matchExpressions: [{ key: label-2, operator: In, values: [key-2] }] } }`;
  const yaml = `${node('one', { labels: { 'label-1': 'key-1' } })}${node('two', { labels: { 'label-2': 'key-2' } })}`;
  expect(place(`${yaml}${workload('Deployment', 'web', 1, web, affinity)}`).byNode).toEqual({ two: ['web-0'] });
});

test('with both nodeSelector and node affinity, a node must satisfy both', () => {
  const spec = `nodeSelector: { disktype: ssd }
affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms: [{ matchExpressions: [{ key: ${zone}, operator: In, values: [a] }] }]`;
  const yaml = `${node('ssd-in-b', { labels: { disktype: 'ssd', [zone]: 'b' } })}${node('hdd-in-a', { labels: { [zone]: 'a' } })}`
    + `${node('ssd-in-a', { labels: { disktype: 'ssd', [zone]: 'a' } })}`;
  expect(nodesOf(place(`${yaml}${workload('DaemonSet', 'agent', undefined, web, spec)}`).byNode)).toEqual(['ssd-in-a']);
});
