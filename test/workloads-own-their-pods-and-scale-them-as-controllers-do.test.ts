import { expect, test } from 'vitest';
import { counts, node, place, workload } from './support/scheduling-objects.js';

const web = { app: 'web' };
const nodes = `${node('n1')}${node('n2')}`;

/** A Pod as a dump has it: created at `created`, owned by `owner` ("Kind/name"), Running and Ready. */
function dumped(name: string, nodeName: string | undefined, created: string, owner?: string, labels: Record<string, string> = { ...web, 'pod-template-hash': '7d4b9c' }, ready = true): string {
  const [kind, ownerName] = owner?.split('/') ?? [];
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  creationTimestamp: "${created}"
  labels: ${JSON.stringify(labels)}
${owner ? `  ownerReferences: [{ apiVersion: apps/v1, kind: ${kind}, name: ${ownerName}, uid: u-${ownerName}, controller: true }]\n` : ''}spec:
${nodeName ? `  nodeName: ${nodeName}\n` : ''}  containers: [{ name: app, image: example/app }]
status:
  phase: ${nodeName ? 'Running' : 'Pending'}
  conditions: [{ type: Ready, status: "${ready && nodeName ? 'True' : 'False'}" }]
---
`;
}
const rs = 'ReplicaSet/web-7d4b9c';

test('ReplicationController, ReplicaSet, StatefulSet and Deployment each place their replicas', () => {
  for (const kind of ['ReplicationController', 'ReplicaSet', 'StatefulSet', 'Deployment']) {
    expect(place(`${nodes}${workload(kind, 'web', 3, web)}`).byNode).toEqual({ n1: ['web-0', 'web-2'], n2: ['web-1'] });
  }
});

test('pods owned through a ReplicaSet the dump leaves out are the Deployment\'s: replicas 3 adds one, 1 removes the newest', () => {
  const pods = `${dumped('web-7d4b9c-aaaaa', 'n1', '2024-05-20T09:00:00Z', rs)}${dumped('web-7d4b9c-bbbbb', 'n2', '2024-05-20T09:05:00Z', rs)}`;
  expect(place(`${nodes}${pods}${workload('Deployment', 'web', 2, web)}`).byNode).toEqual({ n1: ['web-7d4b9c-aaaaa'], n2: ['web-7d4b9c-bbbbb'] });
  expect(counts(place(`${nodes}${pods}${workload('Deployment', 'web', 3, web)}`).byNode)).toEqual({ n1: 2, n2: 1 });
  expect(place(`${nodes}${pods}${workload('Deployment', 'web', 1, web)}`).byNode).toEqual({ n1: ['web-7d4b9c-aaaaa'] });
});

test('scaling in takes Pending pods first, then pods not ready, then pods doubled up on a node, then the newest', () => {
  const dep = (replicas: number) => workload('Deployment', 'web', replicas, web);
  const two = `${dumped('web-7d4b9c-old', 'n1', '2024-05-20T09:00:00Z', rs)}${dumped('web-7d4b9c-new', 'n2', '2024-05-20T10:00:00Z', rs)}`;
  const pending = dumped('web-7d4b9c-pend', undefined, '2024-05-20T08:00:00Z', rs);
  expect(place(`${nodes}${two}${pending}${dep(2)}`).byNode).toEqual({ n1: ['web-7d4b9c-old'], n2: ['web-7d4b9c-new'] });
  const notReady = dumped('web-7d4b9c-sick', 'n2', '2024-05-20T08:00:00Z', rs, undefined, false);
  expect(place(`${nodes}${two}${notReady}${dep(2)}`).byNode).toEqual({ n1: ['web-7d4b9c-old'], n2: ['web-7d4b9c-new'] });
  const doubled = dumped('web-7d4b9c-twin', 'n1', '2024-05-20T08:30:00Z', rs);
  expect(place(`${nodes}${two}${doubled}${dep(2)}`).byNode).toEqual({ n1: ['web-7d4b9c-twin'], n2: ['web-7d4b9c-new'] });
});

test('a StatefulSet removes its highest ordinals and refills the lowest free ones', () => {
  const ss = 'StatefulSet/db';
  const pods = ['db-0', 'db-1', 'db-2'].map((n, i) => dumped(n, i === 1 ? 'n2' : 'n1', `2024-05-20T0${9 - i}:00:00Z`, ss, { app: 'db' })).join('');
  expect(place(`${nodes}${pods}${workload('StatefulSet', 'db', 2, { app: 'db' })}`).pods.map((p) => p.name)).toEqual(['db-0', 'db-1']);
  expect(place(`${nodes}${dumped('db-1', 'n2', '2024-05-20T09:00:00Z', ss, { app: 'db' })}${workload('StatefulSet', 'db', 3, { app: 'db' })}`)
    .pods.map((p) => p.name).sort()).toEqual(['db-0', 'db-1', 'db-2']);
});

test('a pod without an owner is adopted by a ReplicaSet whose selector matches it, but not by a Deployment', () => {
  const orphan = dumped('stray', 'n1', '2024-05-20T09:00:00Z', undefined, web);
  expect(place(`${nodes}${orphan}${workload('ReplicaSet', 'web', 2, web)}`).pods.map((p) => p.name)).toEqual(['stray', 'web-0']);
  expect(place(`${nodes}${orphan}${workload('Deployment', 'web', 2, web)}`).pods.map((p) => p.name)).toEqual(['stray', 'web-0', 'web-1']);
});

test('pins count the workload\'s pods already on the pinned node', () => {
  const pods = `${dumped('web-7d4b9c-aaaaa', 'n1', '2024-05-20T09:00:00Z', rs)}`;
  expect(place(`${nodes}${pods}${workload('Deployment', 'web', 3, web)}`, { web: { n1: 2 } }).byNode)
    .toEqual({ n1: ['web-7d4b9c-aaaaa', 'web-0'], n2: ['web-1'] });
});
