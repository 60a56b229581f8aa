import { expect, test } from 'vitest';
import { load, service } from './fixtures/k8s/load.js';

test('a nodePort on a ClusterIP Service is forbidden', () => {
  const { messages } = load(service('web', '  ports:\n  - port: 80\n    nodePort: 31000'), 'svc.yaml');
  expect(messages).toEqual([
    "svc.yaml:8: error: The Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
  ]);
});

test('a nodePort outside 30000-32767 is rejected', () => {
  const { messages, objects } = load(service('web', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8080'), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:9: error: The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
  ]);
  expect(objects.services).toEqual([]);
});

test('a nodePort already taken by another Service is rejected on the second', () => {
  const text = [
    service('first', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 31000'),
    service('second', '  type: LoadBalancer\n  ports:\n  - port: 8080\n    nodePort: 31000'),
  ].join('---\n');
  const { messages, objects } = load(text, 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:19: error: The Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 31000: provided port is already allocated',
  ]);
  expect(objects.services.map((s) => [s.meta.name, s.ports[0].nodePort])).toEqual([['first', 31000]]);
});

test('a Service that is rejected keeps no nodePort for itself', () => {
  const text = [
    service('Bad_Name', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 31000'),
    service('good', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 31000'),
  ].join('---\n');
  const { objects } = load(text, 'svc.yaml');
  expect(objects.services.map((s) => s.meta.name)).toEqual(['good']);
});

test('one nodePort for the same port over TCP and UDP is one allocation', () => {
  const spec = '  type: NodePort\n  ports:\n  - name: dns\n    port: 53\n    protocol: UDP\n    nodePort: 30053\n  - name: dns-tcp\n    port: 53\n    nodePort: 30053';
  const { messages, objects } = load(service('dns', spec), 'svc.yaml');
  expect(messages).toEqual([]);
  expect(objects.services[0].ports.map((p) => [p.protocol, p.nodePort])).toEqual([['UDP', 30053], ['TCP', 30053]]);
});

test('one nodePort asked for by two ports is allocated twice: the second finds it taken', () => {
  // The allocator keys ports by port number and runs before validation.
  const spec = '  type: NodePort\n  ports:\n  - name: a\n    port: 80\n    nodePort: 30080\n  - name: b\n    port: 81\n    nodePort: 30080';
  const { messages } = load(service('web', spec), 'svc.yaml');
  expect(messages).toEqual(['svc.yaml:13: error: The Service "web" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated']);
});

test('one port and protocol twice with one nodePort is allocated once, then validation finds both duplicates', () => {
  const spec = '  type: NodePort\n  ports:\n  - name: a\n    port: 80\n    nodePort: 30080\n  - name: b\n    port: 80\n    nodePort: 30080';
  const { messages } = load(service('web', spec), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:13: error: The Service "web" is invalid: spec.ports[1].nodePort: Duplicate value: 30080',
    'svc.yaml:11: error: The Service "web" is invalid: spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}',
  ]);
});

test('a nodePort that cannot be allocated is the whole answer: the allocator runs before validation', () => {
  const { messages } = load(service('Web', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8080'), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:9: error: The Service "Web" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
  ]);
});

test('a healthCheckNodePort is allocated with the nodePorts, and a taken one is an internal error', () => {
  const text = [
    service('first', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 31000'),
    service('second', '  type: LoadBalancer\n  externalTrafficPolicy: Local\n  healthCheckNodePort: 31000\n  ports:\n  - port: 80'),
  ].join('---\n');
  const { messages, objects } = load(text, 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:18: error: Service "second": spec.healthCheckNodePort: Internal error occurred: failed to allocate requested HealthCheck NodePort 31000: provided port is already allocated',
  ]);
  expect(objects.services.map((s) => s.meta.name)).toEqual(['first']);
});

test('a NodePort Service without nodePort gets one allocated later, so has none yet', () => {
  const { messages, objects } = load(service('web', '  type: NodePort\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([]);
  expect(objects.services[0].ports[0].nodePort).toBeUndefined();
});
