import { expect, test } from 'vitest';
import { load, service } from './fixtures/k8s/load.js';

const affinity = (timeout: number) =>
  service('web', `  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: ${timeout}\n  ports:\n  - port: 80`);

test('a sessionAffinity other than None or ClientIP is rejected', () => {
  const { messages } = load(service('web', '  sessionAffinity: Sticky\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:6: error: The Service "web" is invalid: spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
  ]);
});

test('a ClientIP timeout of 0 seconds is rejected', () => {
  expect(load(affinity(0), 'svc.yaml').messages).toEqual([
    'svc.yaml:9: error: The Service "web" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400',
  ]);
});

test('a ClientIP timeout over a day is rejected', () => {
  expect(load(affinity(86401), 'svc.yaml').messages).toEqual([
    'svc.yaml:9: error: The Service "web" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400',
  ]);
});

test('a ClientIP timeout of exactly a day is accepted, whatever the message says', () => {
  const { messages, objects } = load(affinity(86400), 'svc.yaml');
  expect(messages).toEqual([]);
  expect(objects.services[0].sessionAffinityTimeoutSeconds).toBe(86400);
});

test('ClientIP affinity without a timeout gets 10800 seconds', () => {
  const { objects } = load(service('web', '  sessionAffinity: ClientIP\n  ports:\n  - port: 80'), 'svc.yaml');
  expect([objects.services[0].sessionAffinity, objects.services[0].sessionAffinityTimeoutSeconds]).toEqual(['ClientIP', 10800]);
});

test('with affinity None, a leftover timeout is dropped as the API server drops it', () => {
  const text = service('web', '  sessionAffinity: None\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 0\n  ports:\n  - port: 80');
  const { messages, objects } = load(text, 'svc.yaml');
  expect(messages).toEqual([]);
  expect(objects.services[0].sessionAffinityTimeoutSeconds).toBeUndefined();
});
