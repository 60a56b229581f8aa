import { expect, test } from 'vitest';
import { load, service } from './fixtures/k8s/load.js';

test('loadBalancerSourceRanges on a ClusterIP Service is rejected, under the field name the API server prints', () => {
  const { messages, objects } = load(service('web', '  loadBalancerSourceRanges:\n  - 10.0.0.0/8\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    "svc.yaml:6: error: The Service \"web\" is invalid: spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
  ]);
  expect(objects.services).toEqual([]);
});

test('loadBalancerSourceRanges on a LoadBalancer are CIDRs, space-padding allowed', () => {
  const spec = '  type: LoadBalancer\n  loadBalancerSourceRanges:\n  - " 10.0.0.0/8 "\n  - 192.168.0.0/33\n  ports:\n  - port: 80';
  const { messages } = load(service('web', spec), 'svc.yaml');
  expect(messages).toEqual([
    'svc.yaml:9: error: The Service "web" is invalid: spec.LoadBalancerSourceRanges[1]: Invalid value: "192.168.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
  ]);
});

test('the source-ranges annotation on a NodePort Service is rejected too', () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8, 10.1.0.0"
spec:
  type: NodePort
  ports:
  - port: 80
`;
  expect(load(text, 'svc.yaml').messages).toEqual([
    "svc.yaml:6: error: The Service \"web\" is invalid: metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Forbidden: may only be used when `type` is 'LoadBalancer'",
    'svc.yaml:6: error: The Service "web" is invalid: metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Invalid value: "10.1.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
  ]);
});

test('allocateLoadBalancerNodePorts and loadBalancerClass belong to LoadBalancers only', () => {
  const spec = '  type: NodePort\n  allocateLoadBalancerNodePorts: false\n  loadBalancerClass: example.com/lb\n  ports:\n  - port: 80';
  expect(load(service('web', spec), 'svc.yaml').messages).toEqual([
    "svc.yaml:7: error: The Service \"web\" is invalid: spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'",
    "svc.yaml:8: error: The Service \"web\" is invalid: spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'",
  ]);
  const { messages } = load(service('web', '  type: LoadBalancer\n  loadBalancerClass: a/b/c\n  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([
    "svc.yaml:7: error: The Service \"web\" is invalid: spec.loadBalancerClass: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
  ]);
});

test('a port\'s appProtocol is a qualified name', () => {
  const { messages } = load(service('web', '  ports:\n  - port: 80\n    appProtocol: "http 2"'), 'svc.yaml');
  expect(messages).toEqual([
    "svc.yaml:8: error: The Service \"web\" is invalid: spec.ports[0].appProtocol: Invalid value: \"http 2\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ]);
});

test('the topology-mode annotation must agree with the older topology-aware-hints one', () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    service.kubernetes.io/topology-mode: Auto
    service.kubernetes.io/topology-aware-hints: Disabled
spec:
  ports:
  - port: 80
`;
  expect(load(text, 'svc.yaml').messages).toEqual([
    'svc.yaml:6: error: The Service "web" is invalid: metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: "Auto": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified',
  ]);
});

test('an ExternalName Service may not have a cluster IP or IP families', () => {
  const spec = '  type: ExternalName\n  externalName: db.example.com\n  clusterIP: None\n  ipFamilyPolicy: SingleStack';
  expect(load(service('db', spec), 'svc.yaml').messages).toEqual([
    'svc.yaml:8: error: The Service "db" is invalid: spec.clusterIPs: Forbidden: may not be set for ExternalName services',
    'svc.yaml:9: error: The Service "db" is invalid: spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services',
  ]);
});

test('cluster IP fields are checked first, alone, before the allocators and validation', () => {
  const spec = '  type: NodePort\n  clusterIP: 10.0.0.300\n  ipFamilies: [IPv4, IPv4]\n  ipFamilyPolicy: DualStack\n  ports:\n  - port: 80\n    nodePort: 80';
  expect(load(service('Web', spec), 'svc.yaml').messages).toEqual([
    'svc.yaml:8: error: The Service "Web" is invalid: spec.ipFamilies[1]: Duplicate value: "IPv4"',
    'svc.yaml:9: error: The Service "Web" is invalid: spec.ipFamilyPolicy: Unsupported value: "DualStack": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"',
    'svc.yaml:7: error: The Service "Web" is invalid: spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ]);
});

test('valid cluster IPs, families and source ranges pass', () => {
  const spec = '  type: LoadBalancer\n  clusterIP: 10.96.0.10\n  clusterIPs: [10.96.0.10, "fd00::10"]\n  ipFamilies: [IPv4, IPv6]\n'
    + '  ipFamilyPolicy: PreferDualStack\n  loadBalancerSourceRanges: [10.0.0.0/8, "2001:db8::/64"]\n  ports:\n  - port: 80\n    appProtocol: kubernetes.io/h2c';
  expect(load(service('web', spec), 'svc.yaml').messages).toEqual([]);
});
