import { expect, test } from 'vitest';
import { load, service } from './fixtures/k8s/load.js';

const invalid = (line: number, rest: string) => `svc.yaml:${line}: error: The Service "web" is invalid: ${rest}`;

test('a Service without ports is rejected, naming spec.ports', () => {
  const { messages, objects } = load(service('web', '  selector:\n    app: web'), 'svc.yaml');
  expect(messages).toEqual([invalid(5, 'spec.ports: Required value')]);
  expect(objects.services).toEqual([]);
});

test('a headless Service and an ExternalName Service may have no ports', () => {
  const headless = load(service('web', '  clusterIP: None\n  selector:\n    app: web'), 'svc.yaml');
  const external = load(service('db', '  type: ExternalName\n  externalName: db.example.com'), 'svc.yaml');
  expect([...headless.messages, ...external.messages]).toEqual([]);
  expect(headless.objects.services[0].headless).toBe(true);
});

test('a port or a numeric targetPort outside 1..65535 is rejected', () => {
  const { messages } = load(service('web', '  ports:\n  - port: 70000\n    targetPort: 70000'), 'svc.yaml');
  expect(messages).toEqual([
    invalid(7, 'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'),
    invalid(8, 'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive'),
  ]);
});

test('a port left out is port 0, which is out of range', () => {
  const { messages } = load(service('web', '  ports:\n  - name: web\n    targetPort: 80'), 'svc.yaml');
  expect(messages).toEqual([invalid(7, 'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive')]);
});

test('a targetPort that names a port must be an IANA service name', () => {
  const { messages } = load(service('web', '  ports:\n  - port: 80\n    targetPort: HTTP--1'), 'svc.yaml');
  expect(messages).toEqual([
    invalid(8, 'spec.ports[0].targetPort: Invalid value: "HTTP--1": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'),
    invalid(8, 'spec.ports[0].targetPort: Invalid value: "HTTP--1": must contain at least one letter (a-z)'),
    invalid(8, 'spec.ports[0].targetPort: Invalid value: "HTTP--1": must not contain consecutive hyphens'),
  ]);
});

test('when there are several ports, an unnamed one is rejected', () => {
  const { messages } = load(service('web', '  ports:\n  - name: http\n    port: 80\n  - port: 443'), 'svc.yaml');
  expect(messages).toEqual([invalid(9, 'spec.ports[1].name: Required value')]);
});

test('two ports with one name are rejected as a duplicate', () => {
  const { messages } = load(service('web', '  ports:\n  - name: web\n    port: 80\n  - name: web\n    port: 81'), 'svc.yaml');
  expect(messages).toEqual([invalid(9, 'spec.ports[1].name: Duplicate value: "web"')]);
});

test('two ports with one protocol and port number are rejected as a duplicate', () => {
  const { messages } = load(service('web', '  ports:\n  - name: a\n    port: 80\n  - name: b\n    port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    invalid(9, 'spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}'),
  ]);
});

test('one port number over TCP and UDP is not a duplicate', () => {
  const { messages } = load(service('dns', '  ports:\n  - name: dns\n    port: 53\n    protocol: UDP\n  - name: dns-tcp\n    port: 53'), 'svc.yaml');
  expect(messages).toEqual([]);
});

test('a protocol other than TCP, UDP or SCTP is rejected', () => {
  const { messages } = load(service('web', '  ports:\n  - port: 80\n    protocol: HTTP'), 'svc.yaml');
  expect(messages).toEqual([invalid(8, 'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"')]);
});

test('a port name must be a DNS-1123 label', () => {
  const { messages } = load(service('web', '  ports:\n  - name: Web_Port\n    port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    invalid(7, `spec.ports[0].name: Invalid value: "Web_Port": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`),
  ]);
});

test('a port written as a word is rejected for its type, and nothing else is checked', () => {
  const { messages } = load(service('web', '  ports:\n  - port: eighty\n    protocol: HTTP'), 'svc.yaml');
  expect(messages).toEqual([invalid(7, 'spec.ports[0].port: Invalid value: "eighty": must be of type integer')]);
});

test('ports written as a mapping instead of a list are rejected for their type', () => {
  const { messages } = load(service('web', '  ports:\n    port: 80'), 'svc.yaml');
  expect(messages).toEqual([invalid(6, 'spec.ports: Invalid value: "object": must be of type array')]);
});
