import { expect, test } from 'vitest';
import { load, service } from './fixtures/k8s/load.js';

test('a type other than ClusterIP, NodePort, LoadBalancer or ExternalName is rejected', () => {
  const { messages, objects } = load(service('web', '  type: Loadbalancer\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:6: error: The Service "web" is invalid: spec.type: Unsupported value: "Loadbalancer": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
  ]);
  expect(objects.services).toEqual([]);
});

test('an ExternalName Service without externalName is rejected', () => {
  const { messages } = load(service('db', '  type: ExternalName'), 'svc.yaml');
  expect(messages).toEqual(['svc.yaml:5: error: The Service "db" is invalid: spec.externalName: Required value']);
});

test('an externalName must be a DNS subdomain; a trailing dot is allowed', () => {
  const { messages } = load(service('db', '  type: ExternalName\n  externalName: My_Database.'), 'svc.yaml');
  expect(messages).toEqual([
    `svc.yaml:7: error: The Service "db" is invalid: spec.externalName: Invalid value: "My_Database": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  ]);
});

test('a headless Service cannot be a NodePort Service', () => {
  const { messages } = load(service('web', '  type: NodePort\n  clusterIP: None\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    `svc.yaml:7: error: The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`,
  ]);
});

test('a type written as a list is rejected for its type', () => {
  const { messages } = load(service('web', '  type: [NodePort]\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual(['svc.yaml:6: error: The Service "web" is invalid: spec.type: Invalid value: "array": must be of type string']);
});
