import { expect, test } from 'vitest';
import { load, service } from './fixtures/k8s/load.js';

const DNS1035 = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`;
const SUBDOMAIN = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const LABEL_VALUE = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;
const KEY_NAME = `must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`;

const deployment = (name: string, spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
${spec}
`;

test('a Service name must be a DNS-1035 label', () => {
  const { messages } = load(service('1web', '  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([`svc.yaml:4: error: The Service "1web" is invalid: metadata.name: Invalid value: "1web": ${DNS1035}`]);
});

test('a Service name longer than 63 characters is rejected for its length', () => {
  const name = `web-${'x'.repeat(60)}`;
  const { messages } = load(service(name, '  ports:\n  - port: 80'), 'svc.yaml');
  expect(messages).toEqual([`svc.yaml:4: error: The Service "${name}" is invalid: metadata.name: Invalid value: "${name}": must be no more than 63 characters`]);
});

test('an object without a name is rejected', () => {
  const { messages } = load('apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: web\nspec:\n  ports:\n  - port: 80\n', 'svc.yaml');
  expect(messages).toEqual(['svc.yaml:3: error: The Service "" is invalid: metadata.name: Required value: name or generateName is required']);
});

test('a Service selector with a bad key or value is rejected, pointing at the entry', () => {
  const { messages } = load(service('web', '  ports:\n  - port: 80\n  selector:\n    app/x/y: web\n    tier: back end'), 'svc.yaml');
  expect(messages).toEqual([
    `svc.yaml:9: error: The Service "web" is invalid: spec.selector: Invalid value: "app/x/y": a valid label key ${KEY_NAME} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    `svc.yaml:10: error: The Service "web" is invalid: spec.selector: Invalid value: "back end": ${LABEL_VALUE}`,
  ]);
});

test('a label key with a bad prefix is rejected for its prefix', () => {
  const { messages } = load(service('web', '  ports:\n  - port: 80\n  selector:\n    Example.com/app: web'), 'svc.yaml');
  expect(messages).toEqual([`svc.yaml:9: error: The Service "web" is invalid: spec.selector: Invalid value: "Example.com/app": prefix part ${SUBDOMAIN}`]);
});

test('a label value written as a number is rejected for its type', () => {
  const { messages } = load(service('web', '  ports:\n  - port: 80\n  selector:\n    version: 1.0'), 'svc.yaml');
  expect(messages).toEqual(['svc.yaml:9: error: The Service "web" is invalid: spec.selector.version: Invalid value: 1: must be of type string']);
});

test('Pods, Nodes and Deployments take DNS subdomains as names, dots included', () => {
  const text = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: ip-10-0-1-17.ec2.internal\n---\n'
    + 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web_1\n';
  const { messages, objects } = load(text, 'cluster.yaml');
  expect(messages).toEqual([`cluster.yaml:9: error: The Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${SUBDOMAIN}`]);
  expect(objects.nodes.map((n) => n.meta.name)).toEqual(['ip-10-0-1-17.ec2.internal']);
});

test('a namespace must be a DNS-1123 label', () => {
  const { messages } = load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: Prod\n', 'pod.yaml');
  expect(messages).toEqual([
    `pod.yaml:5: error: The Pod "web" is invalid: metadata.namespace: Invalid value: "Prod": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  ]);
});

test('bad labels on a Pod are rejected', () => {
  const { messages } = load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: -web\n', 'pod.yaml');
  expect(messages).toEqual([`pod.yaml:6: error: The Pod "web" is invalid: metadata.labels: Invalid value: "-web": ${LABEL_VALUE}`]);
});

test('a pod nodeSelector is checked as labels', () => {
  const { messages } = load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeSelector:\n    "": ssd\n', 'pod.yaml');
  expect(messages).toEqual([
    'pod.yaml:7: error: The Pod "web" is invalid: spec.nodeSelector: Invalid value: "": name part must be non-empty',
    `pod.yaml:7: error: The Pod "web" is invalid: spec.nodeSelector: Invalid value: "": name part ${KEY_NAME}`,
  ]);
});

test('negative replicas are rejected', () => {
  const { messages } = load(deployment('web', '  replicas: -1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web'), 'deploy.yaml');
  expect(messages).toEqual(['deploy.yaml:6: error: The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
});

test('replicas must be a whole number', () => {
  const { messages } = load(deployment('web', '  replicas: 2.5\n  selector:\n    matchLabels:\n      app: web'), 'deploy.yaml');
  expect(messages).toEqual(['deploy.yaml:6: error: The Deployment "web" is invalid: spec.replicas: Invalid value: 2.5: must be of type integer']);
});

test('a Deployment without a selector is rejected', () => {
  const { messages } = load(deployment('web', '  replicas: 2\n  template:\n    metadata:\n      labels:\n        app: web'), 'deploy.yaml');
  expect(messages).toEqual(['deploy.yaml:5: error: The Deployment "web" is invalid: spec.selector: Required value']);
});

test('an empty selector is rejected', () => {
  const { messages } = load(deployment('web', '  selector: {}\n  template:\n    metadata:\n      labels:\n        app: web'), 'deploy.yaml');
  expect(messages).toEqual(['deploy.yaml:6: error: The Deployment "web" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
});

test('a selector that does not match the template labels is rejected', () => {
  const { messages } = load(deployment('web', '  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: webserver\n        tier: front'), 'deploy.yaml');
  expect(messages).toEqual([
    'deploy.yaml:11: error: The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"webserver","tier":"front"}: `selector` does not match template `labels`',
  ]);
});

test('a template without labels is printed as null when it cannot match', () => {
  const { messages } = load(deployment('web', '  selector:\n    matchLabels:\n      app: web'), 'deploy.yaml');
  expect(messages).toEqual(['deploy.yaml:5: error: The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`']);
});

test('matchExpressions are checked for operator and values', () => {
  const spec = '  selector:\n    matchExpressions:\n    - key: app\n      operator: in\n      values: [web]\n    - key: tier\n      operator: In\n    - key: zone\n      operator: Exists\n      values: [a]';
  const { messages } = load(deployment('web', spec), 'deploy.yaml');
  expect(messages).toEqual([
    'deploy.yaml:9: error: The Deployment "web" is invalid: spec.selector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator',
    "deploy.yaml:11: error: The Deployment \"web\" is invalid: spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    "deploy.yaml:15: error: The Deployment \"web\" is invalid: spec.selector.matchExpressions[2].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
  ]);
});

test('a StatefulSet names itself in the empty-selector message', () => {
  const text = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  selector:\n    matchLabels: {}\n';
  expect(load(text, 'sts.yaml').messages).toEqual(['sts.yaml:6: error: The StatefulSet "db" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for statefulset']);
});
