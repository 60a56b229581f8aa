import { expect, test } from 'vitest';
import { load, service } from './fixtures/k8s/load.js';

test('externalTrafficPolicy on a plain ClusterIP Service is rejected', () => {
  const { messages } = load(service('web', '  externalTrafficPolicy: Local\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:6: error: The Service "web" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
  ]);
});

test('a ClusterIP Service with externalIPs is externally accessible and may set it', () => {
  const { messages, objects } = load(service('web', '  externalIPs:\n  - 192.0.2.10\n  externalTrafficPolicy: Local\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([]);
  expect(objects.services[0].externalTrafficPolicy).toBe('Local');
});

test('an externalTrafficPolicy other than Cluster or Local is rejected', () => {
  const { messages } = load(service('web', '  type: LoadBalancer\n  externalTrafficPolicy: local\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:7: error: The Service "web" is invalid: spec.externalTrafficPolicy: Unsupported value: "local": supported values: "Cluster", "Local"',
  ]);
});

test('an internalTrafficPolicy other than Cluster or Local is rejected', () => {
  const { messages } = load(service('web', '  internalTrafficPolicy: Node\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:6: error: The Service "web" is invalid: spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"',
  ]);
});

test('a healthCheckNodePort is rejected unless the Service is a LoadBalancer with policy Local', () => {
  const { messages } = load(service('web', '  type: NodePort\n  healthCheckNodePort: 32123\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    "svc.yaml:7: error: The Service \"web\" is invalid: spec.healthCheckNodePort: Invalid value: 32123: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
  ]);
});

test('a trafficDistribution the API server does not know is rejected', () => {
  const { messages } = load(service('web', '  trafficDistribution: PreferLocal\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:6: error: The Service "web" is invalid: spec.trafficDistribution: Unsupported value: "PreferLocal": supported values: "PreferClose", "PreferSameNode", "PreferSameZone"',
  ]);
});

test('both policies default to Cluster where they apply, as the API server defaults them', () => {
  const text = [
    service('internal', '  ports:\n  - port: 80'),
    service('external', '  type: LoadBalancer\n  ports:\n  - port: 80'),
    service('db', '  type: ExternalName\n  externalName: db.example.com'),
  ].join('---\n');
  const { messages, objects } = load(text, 'svc.yaml');
  expect(messages).toEqual([]);
  expect(objects.services.map((s) => [s.meta.name, s.externalTrafficPolicy, s.internalTrafficPolicy])).toEqual([
    ['internal', undefined, 'Cluster'],
    ['external', 'Cluster', 'Cluster'],
    ['db', undefined, undefined],
  ]);
});

test('a misspelt policy field is warned about, with the field it probably meant', () => {
  const { messages, objects } = load(service('web', '  type: NodePort\n  externalTrafficpolicy: Local\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:7: warning: Service "web": unknown field "spec.externalTrafficpolicy" (did you mean "externalTrafficPolicy"?)',
  ]);
  expect(objects.services[0].externalTrafficPolicy).toBe('Cluster');
});
