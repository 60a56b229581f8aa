import { expect, test } from 'vitest';
import { load, service } from './fixtures/k8s/load.js';

test('a bare port gets protocol TCP, targetPort equal to port and an empty name', () => {
  const { messages, objects } = load(service('web', '  ports:\n  - port: 8080\n  selector:\n    app: web'), 'svc.yaml');
  expect(messages).toEqual([]);
  expect(objects.services[0]).toMatchObject({
    type: 'ClusterIP', ports: [{ name: '', protocol: 'TCP', port: 8080, targetPort: 8080 }],
    sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', headless: false, meta: { namespace: 'default' },
  });
});

test('targetPort 0 or "" means the port itself; a named targetPort is kept', () => {
  const spec = '  ports:\n  - name: a\n    port: 80\n    targetPort: 0\n  - name: b\n    port: 81\n    targetPort: ""\n  - name: c\n    port: 82\n    targetPort: http';
  const { messages, objects } = load(service('web', spec), 'svc.yaml');
  expect(messages).toEqual([]);
  expect(objects.services[0].ports.map((p) => p.targetPort)).toEqual([80, 81, 'http']);
});

test('an empty selector reads back as no selector', () => {
  const { objects } = load(service('web', '  ports:\n  - port: 80\n  selector: {}'), 'svc.yaml');
  expect(objects.services[0].selector).toBeUndefined();
});

test('a nodePort given to a LoadBalancer is kept', () => {
  const { objects } = load(service('web', '  type: LoadBalancer\n  ports:\n  - port: 80\n    nodePort: 31000'), 'svc.yaml');
  expect(objects.services[0].ports[0].nodePort).toBe(31000);
});

test('hand-written nodes and pods are ready, and cpu quantities are read in cores', () => {
  const text = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n  labels:\n    topology.kubernetes.io/zone: z1\nstatus:\n  allocatable:\n    cpu: 500m\n'
    + '---\napiVersion: v1\nkind: Node\nmetadata:\n  name: b\nstatus:\n  allocatable:\n    cpu: 2\n'
    + '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeName: a\n';
  const { messages, objects } = load(text, 'cluster.yaml');
  expect(messages).toEqual([]);
  expect(objects.nodes.map((n) => [n.meta.name, n.zone, n.ready, n.unschedulable, n.allocatableCpu])).toEqual([
    ['a', 'z1', true, false, 0.5],
    ['b', undefined, true, false, 2],
  ]);
  expect(objects.pods.map((p) => [p.meta.name, p.meta.namespace, p.nodeName, p.ready, p.terminating, p.owner])).toEqual([
    ['web', 'default', 'a', true, false, undefined],
  ]);
});

test('a cpu quantity that is not a quantity is rejected in the API server words', () => {
  const { messages } = load('apiVersion: v1\nkind: Node\nmetadata:\n  name: a\nstatus:\n  allocatable:\n    cpu: two\n', 'node.yaml');
  expect(messages).toEqual([
    `node.yaml:7: error: The Node "a" is invalid: status.allocatable.cpu: Invalid value: "two": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
  ]);
});

test('a Deployment without replicas runs one', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n'
    + '  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      nodeSelector:\n        disktype: ssd\n';
  const { messages, objects } = load(text, 'deploy.yaml');
  expect(messages).toEqual([]);
  expect(objects.workloads.map((w) => [w.kind, w.replicas, w.templateLabels, w.scheduling.nodeSelector])).toEqual([
    ['Deployment', 1, { app: 'web' }, { disktype: 'ssd' }],
  ]);
});
