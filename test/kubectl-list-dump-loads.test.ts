import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { normalizeObjects } from '../src/scenario/kubernetes-objects.js';
import { loadYamlFiles, parseYamlText } from '../src/scenario/yaml-source.js';

// `kubectl get nodes,pods,replicasets,deployments,services -A -o yaml`, status and managedFields included.
const path = fileURLToPath(new URL('./fixtures/k8s/kubectl-get-dump.yaml', import.meta.url));
const source = loadYamlFiles([path]);
const { objects, diagnostics } = normalizeObjects(source.objects);

test('a kubectl List dump loads with no diagnostics', () => {
  expect([...source.diagnostics, ...diagnostics]).toEqual([]);
  expect(source.objects.map((o) => `${o.kind}/${o.name}`)).toHaveLength(14);
  expect(source.files).toEqual([{ path, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
});

test('nodes get their zone, schedulability, readiness and allocatable cpu', () => {
  expect(objects.nodes.map((n) => [n.meta.name, n.zone, n.unschedulable, n.ready, n.allocatableCpu])).toEqual([
    ['node-a', 'us-east-1a', false, true, 3.92],
    // Only the deprecated zone label is set on node-b.
    ['node-b', 'us-east-1b', false, true, 2],
    // Cordoned, and its kubelet stopped reporting (Ready: Unknown).
    ['node-c', 'us-east-1b', true, false, 1.5],
  ]);
});

test('pods keep their node, readiness, termination and controlling ReplicaSet', () => {
  const rs = 'ReplicaSet/hostname-deployment-7d4b9c8f6d';
  expect(objects.pods.map((p) => [p.meta.namespace, p.meta.name, p.nodeName, p.ready, p.terminating, p.owner])).toEqual([
    ['default', 'hostname-deployment-7d4b9c8f6d-4xk2p', 'node-a', true, false, rs],
    ['default', 'hostname-deployment-7d4b9c8f6d-9qz7m', 'node-a', true, false, rs],
    ['default', 'hostname-deployment-7d4b9c8f6d-mb5tw', 'node-b', true, false, rs],
    ['default', 'hostname-deployment-7d4b9c8f6d-old01', 'node-b', false, true, rs],
    ['default', 'hostname-deployment-7d4b9c8f6d-pend1', undefined, false, false, rs],
    ['kube-system', 'coredns-5d78c9869d-x7w2q', 'node-b', true, false, 'ReplicaSet/coredns-5d78c9869d'],
  ]);
  expect(objects.pods[4].scheduling.nodeSelector).toEqual({ disktype: 'ssd' });
  expect(objects.pods[0].meta.labels).toEqual({ app: 'webserver', 'pod-template-hash': '7d4b9c8f6d' });
});

test('a dumped ReplicaSet names the Deployment that owns it, so it is not counted twice', () => {
  expect(objects.workloads.map((w) => ({ kind: w.kind, name: w.meta.name, replicas: w.replicas, selector: w.selector, templateLabels: w.templateLabels, owner: w.owner }))).toEqual([
    { kind: 'ReplicaSet', name: 'hostname-deployment-7d4b9c8f6d', replicas: 3,
      selector: { matchLabels: { app: 'webserver', 'pod-template-hash': '7d4b9c8f6d' }, matchExpressions: [] },
      templateLabels: { app: 'webserver', 'pod-template-hash': '7d4b9c8f6d' }, owner: 'Deployment/hostname-deployment' },
    { kind: 'Deployment', name: 'hostname-deployment', replicas: 3,
      selector: { matchLabels: { app: 'webserver' }, matchExpressions: [] }, templateLabels: { app: 'webserver' }, owner: undefined },
  ]);
});

test('dumped Services keep their allocated nodePort and drop what svcsim does not model', () => {
  expect(objects.services.map((s) => [s.meta.namespace, s.meta.name, s.type, s.ports, s.selector, s.externalTrafficPolicy])).toEqual([
    ['default', 'kubernetes', 'ClusterIP', [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }], undefined, undefined],
    ['default', 'hostname-svc-lb-local', 'LoadBalancer', [{ name: 'web-port', protocol: 'TCP', port: 80, targetPort: 80, nodePort: 31000 }],
      { app: 'webserver' }, 'Local'],
    ['kube-system', 'kube-dns', 'ClusterIP', [
      { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 }, { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
    ], { 'k8s-app': 'kube-dns' }, undefined],
  ]);
});

test('an object inside a List knows its lines in the file', () => {
  const lb = source.objects.find((o) => o.name === 'hostname-svc-lb-local')!;
  expect(lb.origin.prefix).toEqual(['items', 12]);
  expect(lb.origin.lineOf(['spec', 'externalTrafficPolicy'])).toBe(470);
  expect(lb.origin.lineOf(['spec', 'ports', 0, 'nodePort'])).toBe(478);
});

test('an error inside a List names the line in the dump', () => {
  const text = readFileSync(path, 'utf8').replace('nodePort: 31000', 'nodePort: 3100');
  const { diagnostics: ds } = normalizeObjects(parseYamlText(text, 'dump.yaml').objects);
  expect(ds.map(formatDiagnostic)).toEqual([
    'dump.yaml:478: error: The Service "hostname-svc-lb-local" is invalid: spec.ports[0].nodePort: Invalid value: 3100: provided port is not in the valid range. The range of valid ports is 30000-32767',
  ]);
});

test('a typed list from the API gives its items their kind', () => {
  const text = 'apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: web-1\n  spec:\n    nodeName: node-a\n';
  const { objects: o, diagnostics: ds } = normalizeObjects(parseYamlText(text, 'pods.yaml').objects);
  expect(ds).toEqual([]);
  expect(o.pods.map((p) => [p.meta.name, p.nodeName, p.ready])).toEqual([['web-1', 'node-a', true]]);
});
