import { expect, test } from 'vitest';
import { load } from './fixtures/k8s/load.js';

/** An Ingress named `name` whose spec is `spec` (indented by two): the spec starts on line 6. */
const ingress = (spec: string, name = 'web') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
spec:
${spec}
`;

/** One rule with one path (line 9) whose fields are `fields`, indented as a path's are. */
const onePath = (fields: string) => ingress(`  rules:
  - http:
      paths:
      - ${fields.trim().split('\n').join('\n        ')}`);

const backend = `backend:
  service:
    name: web
    port:
      number: 80`;

const invalid = (line: number, rest: string) => `ing.yaml:${line}: error: The Ingress "web" is invalid: ${rest}`;
const at = 'spec.rules[0].http.paths[0]';

test('a path without pathType is rejected: v1 has no default for it', () => {
  const { messages, objects } = load(onePath(`path: /\n${backend}`), 'ing.yaml');
  expect(messages).toEqual([invalid(9, `${at}.pathType: Required value: pathType must be specified`)]);
  expect(objects.ingresses).toEqual([]);
});

test('a pathType other than Exact, Prefix or ImplementationSpecific is rejected', () => {
  const { messages } = load(onePath(`path: /\npathType: Regex\n${backend}`), 'ing.yaml');
  expect(messages).toEqual([
    invalid(10, `${at}.pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"`),
  ]);
});

test('an Exact or Prefix path must begin with a slash, and must be given', () => {
  const relative = load(onePath(`path: foo\npathType: Prefix\n${backend}`), 'ing.yaml');
  const missing = load(onePath(`pathType: Exact\n${backend}`), 'ing.yaml');
  expect([...relative.messages, ...missing.messages]).toEqual([
    invalid(9, `${at}.path: Invalid value: "foo": must be an absolute path`),
    invalid(9, `${at}.path: Invalid value: "": must be an absolute path`),
  ]);
});

test('an ImplementationSpecific path may be left out, but if given must begin with a slash', () => {
  const missing = load(onePath(`pathType: ImplementationSpecific\n${backend}`), 'ing.yaml');
  const relative = load(onePath(`path: api\npathType: ImplementationSpecific\n${backend}`), 'ing.yaml');
  expect([...missing.messages, ...relative.messages]).toEqual([invalid(9, `${at}.path: Invalid value: "api": must be an absolute path`)]);
  expect(missing.objects.ingresses[0].rules[0].paths[0]).toMatchObject({ path: '', pathType: 'ImplementationSpecific' });
});

test('a path with //, /./, /../ or an encoded slash, or ending in /. or /.., is rejected once per reason', () => {
  const { messages } = load(onePath(`path: /a//b/../c%2f/.\npathType: Prefix\n${backend}`), 'ing.yaml');
  const path = `${at}.path: Invalid value: "/a//b/../c%2f/."`;
  expect(messages).toEqual([
    invalid(9, `${path}: must not contain '//'`),
    invalid(9, `${path}: must not contain '/../'`),
    invalid(9, `${path}: must not contain '%2f'`),
    invalid(9, `${path}: cannot end with '/.'`),
  ]);
});

test('a host that is an IP address is rejected', () => {
  const v4 = load(ingress(`  rules:\n  - host: 10.0.0.1\n    http:\n      paths:\n      - pathType: Prefix\n        path: /\n        ${backend.split('\n').join('\n        ')}`), 'ing.yaml');
  expect(v4.messages).toEqual([invalid(7, 'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address')]);
});

test('an IPv6 host is rejected as an IP address and as a DNS name', () => {
  const { messages } = load(ingress('  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n  rules:\n  - host: "::1"'), 'ing.yaml');
  expect(messages).toEqual([
    invalid(12, 'spec.rules[0].host: Invalid value: "::1": must be a DNS name, not an IP address'),
    invalid(12, `spec.rules[0].host: Invalid value: "::1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`),
  ]);
});

test('a wildcard host must be "*." and a DNS subdomain: no bare *, no wildcard further in', () => {
  const hosts = ['"*"', '"*.*.foo.com"', 'foo.*.com'];
  const messages = hosts.flatMap((host) => load(ingress(`  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n  rules:\n  - host: ${host}`), 'ing.yaml').messages);
  const wildcard = `a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  expect(messages).toEqual([
    invalid(12, `spec.rules[0].host: Invalid value: "*": ${wildcard}`),
    invalid(12, `spec.rules[0].host: Invalid value: "*.*.foo.com": ${wildcard}`),
    invalid(12, `spec.rules[0].host: Invalid value: "foo.*.com": ${wildcard}`),
  ]);
});

test('a host with capitals is not a DNS subdomain', () => {
  const { messages } = load(ingress('  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n  rules:\n  - host: Shop.example.com'), 'ing.yaml');
  expect(messages).toEqual([
    invalid(12, `spec.rules[0].host: Invalid value: "Shop.example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`),
  ]);
});

test('an Ingress with neither rules nor a default backend is rejected, printing the rules as written', () => {
  const absent = load(ingress('  ingressClassName: nginx'), 'ing.yaml');
  const empty = load(ingress('  rules: []'), 'ing.yaml');
  expect([...absent.messages, ...empty.messages]).toEqual([
    invalid(5, 'spec: Invalid value: null: either `defaultBackend` or `rules` must be specified'),
    invalid(5, 'spec: Invalid value: []: either `defaultBackend` or `rules` must be specified'),
  ]);
});

test('a rule with http must list at least one path; a rule with only a host is fine', () => {
  const { messages } = load(ingress('  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n  rules:\n  - host: a.example.com\n    http: {}\n  - host: b.example.com'), 'ing.yaml');
  expect(messages).toEqual([invalid(13, 'spec.rules[0].http.paths: Required value')]);
});

test('a backend must name exactly one of service and resource', () => {
  const both = load(onePath(`path: /\npathType: Prefix\n${backend}\n  resource:\n    kind: StorageBucket\n    name: assets`), 'ing.yaml');
  // The networking.k8s.io/v1beta1 spelling, left in a v1 manifest, names neither.
  const neither = load(onePath('path: /\npathType: Prefix\nbackend:\n  serviceName: web\n  servicePort: 80'), 'ing.yaml');
  expect([...both.messages, ...neither.messages]).toEqual([
    invalid(11, `${at}.backend: Invalid value: "": cannot set both resource and service backends`),
    invalid(11, `${at}.backend: Invalid value: "": resource or service backend is required`),
  ]);
});

test('a service backend port must have a name or a number, not both', () => {
  const both = load(onePath('path: /\npathType: Prefix\nbackend:\n  service:\n    name: web\n    port:\n      name: http\n      number: 80'), 'ing.yaml');
  const neither = load(onePath('path: /\npathType: Prefix\nbackend:\n  service:\n    name: web'), 'ing.yaml');
  expect([...both.messages, ...neither.messages]).toEqual([
    invalid(14, `${at}.backend: Invalid value: "": cannot set both port name & port number`),
    invalid(11, `${at}.backend: Required value: port name or number is required`),
  ]);
});

test('a service backend port number must be 1..65535 and a port name an IANA service name', () => {
  const number = load(onePath('path: /\npathType: Prefix\nbackend:\n  service:\n    name: web\n    port:\n      number: 70000'), 'ing.yaml');
  const name = load(onePath('path: /\npathType: Prefix\nbackend:\n  service:\n    name: web\n    port:\n      name: Http'), 'ing.yaml');
  expect([...number.messages, ...name.messages]).toEqual([
    invalid(15, `${at}.backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive`),
    invalid(15, `${at}.backend.service.port.name: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`),
  ]);
});

test('a service backend must name a Service, by a DNS-1035 label', () => {
  const missing = load(onePath('path: /\npathType: Prefix\nbackend:\n  service:\n    port:\n      number: 80'), 'ing.yaml');
  const digit = load(onePath('path: /\npathType: Prefix\nbackend:\n  service:\n    name: 1web\n    port:\n      number: 80'), 'ing.yaml');
  expect([...missing.messages, ...digit.messages]).toEqual([
    invalid(12, `${at}.backend.service.name: Required value`),
    invalid(13, `${at}.backend.service.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`),
  ]);
});

test('a default backend is checked like a path backend', () => {
  const { messages } = load(ingress('  defaultBackend:\n    service:\n      name: web'), 'ing.yaml');
  expect(messages).toEqual([invalid(6, 'spec.defaultBackend: Required value: port name or number is required')]);
});

test('a resource backend must have a kind and a name that can be a path segment', () => {
  const { messages } = load(ingress('  defaultBackend:\n    resource:\n      apiGroup: k8s.example.com\n      name: a/b'), 'ing.yaml');
  expect(messages).toEqual([
    invalid(7, 'spec.defaultBackend.resource.kind: Required value'),
    invalid(9, "spec.defaultBackend.resource.name: Invalid value: \"a/b\": may not contain '/'"),
  ]);
});

test('a resource backend is accepted but not modelled: svcsim warns and leaves that path out', () => {
  const { messages, objects } = load(onePath('path: /assets\npathType: Prefix\nbackend:\n  resource:\n    apiGroup: k8s.example.com\n    kind: StorageBucket\n    name: assets'), 'ing.yaml');
  expect(messages).toEqual([`ing.yaml:12: warning: Ingress "web": a resource backend is not modelled; path "/assets" is ignored`]);
  expect(objects.ingresses[0].rules).toEqual([{ paths: [] }]);
});

test('the ingress class and TLS hosts and secret names must be DNS subdomains', () => {
  const { messages } = load(ingress('  ingressClassName: Nginx\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n  tls:\n  - hosts:\n    - "*.example.com"\n    - bad_host\n    secretName: Tls_Secret'), 'ing.yaml');
  const subdomain = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  expect(messages).toEqual([
    invalid(15, `spec.tls[0].hosts[1]: Invalid value: "bad_host": ${subdomain}`),
    invalid(16, `spec.tls[0].secretName: Invalid value: "Tls_Secret": ${subdomain}`),
    invalid(6, `spec.ingressClassName: Invalid value: "Nginx": ${subdomain}`),
  ]);
});

test('the kubernetes.io/ingress.class annotation must match ingressClassName when both are given', () => {
  const { messages } = load(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    kubernetes.io/ingress.class: traefik
spec:
  ingressClassName: nginx
  defaultBackend:
    service:
      name: web
      port:
        number: 80
`, 'ing.yaml');
  expect(messages).toEqual([invalid(6, 'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified')]);
});

test('an Ingress name must be a DNS subdomain, so it may contain dots', () => {
  const dotted = load(ingress('  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80', 'web.v2'), 'ing.yaml');
  const { messages } = load(ingress('  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80', 'Web'), 'ing.yaml');
  expect(dotted.messages).toEqual([]);
  expect(messages).toEqual([
    `ing.yaml:4: error: The Ingress "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  ]);
});

test('a pathType written as a number is rejected for its type, and nothing else is checked', () => {
  const { messages } = load(onePath('path: foo\npathType: 5\nbackend: {}'), 'ing.yaml');
  expect(messages).toEqual([invalid(10, `${at}.pathType: Invalid value: 5: must be of type string`)]);
});

test('two Ingresses with one name in one namespace are rejected as already existing', () => {
  const one = ingress('  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80');
  const { messages, objects } = load(`${one}---\n${one}`, 'ing.yaml');
  expect(messages).toEqual(['ing.yaml:15: error: ingresses.networking.k8s.io "web" already exists (also defined at ing.yaml:4)']);
  expect(objects.ingresses).toHaveLength(1);
});

test('Ingresses of extensions/v1beta1 and networking.k8s.io/v1beta1 are no longer served', () => {
  const old = (apiVersion: string) => load(`apiVersion: ${apiVersion}\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n`, 'ing.yaml').messages;
  expect([...old('extensions/v1beta1'), ...old('networking.k8s.io/v1beta1')]).toEqual([
    'ing.yaml:1: error: no matches for kind "Ingress" in version "extensions/v1beta1"',
    'ing.yaml:1: error: no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"',
  ]);
});
