import { expect, test } from 'vitest';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { checkScenario, scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { deploymentYaml, nodeYaml, serviceYaml } from './support/scenario-files.js';

/** The cluster and the Scenario in two files, as a dump and a scenario usually are. */
function check(cluster: string, scenario: string): string[] {
  const sources = [{ file: 'cluster.yaml', text: cluster }, { file: 'scenario.yaml', text: scenario }];
  return checkScenario({ sources, diagnostics: [] }).diagnostics.map(formatDiagnostic);
}

/** What is said about the cluster's objects (the Service without endpoints is another matter). */
const aboutTheCluster = (messages: string[]) => messages.filter((m) => m.startsWith('cluster.yaml'));

const scenario = (traffic = '{ service: web, rate: 100, requests: 1000 }') => `apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: s }
spec:
  traffic: ${traffic}
  pods:
  - serviceTime: 5ms
`;

const inNamespace = (yaml: string, namespace: string) => yaml.replace(/^metadata:\n/m, `metadata:\n  namespace: ${namespace}\n`);

test('a Pod bound to a node the input lacks is not called invalid: svcsim says what is missing and how to get it', () => {
  const cluster = `${nodeYaml('node-a')}apiVersion: v1
kind: Pod
metadata: { name: myapp, labels: { app: web } }
spec:
  nodeName: node-q
---
${serviceYaml('web', 'ClusterIP')}`;
  expect(aboutTheCluster(check(cluster, scenario()))).toEqual([
    'cluster.yaml:12: error: Pod "myapp": spec.nodeName: no Node "node-q" in the input (nodes: node-a): add the Node objects: kubectl get nodes -o yaml',
  ]);
});

test('a Deployment pinned to a node the input lacks says the same', () => {
  const cluster = `${nodeYaml('node-a')}${deploymentYaml('web', 2).replace('    spec:\n', '    spec:\n      nodeName: node-q\n')}${serviceYaml('web', 'ClusterIP')}`;
  expect(aboutTheCluster(check(cluster, scenario()))).toEqual([
    'cluster.yaml:22: error: Deployment "web": spec.template.spec.nodeName: no Node "node-q" in the input (nodes: node-a): add the Node objects: kubectl get nodes -o yaml',
  ]);
});

test('a warning about pods that stay Pending points at their object\'s file and line, not at the Scenario', () => {
  const cluster = `${nodeYaml('node-a')}${deploymentYaml('web', 2).replace('    spec:\n', '    spec:\n      nodeSelector: { disk: ssd }\n')}`
    + `apiVersion: v1
kind: Pod
metadata: { name: lonely, labels: { app: web } }
spec:
  nodeSelector: { gpu: "true" }
---
${serviceYaml('web', 'ClusterIP')}`;
  expect(aboutTheCluster(check(cluster, scenario()))).toEqual([
    'cluster.yaml:27: warning: Pod "lonely": stays Pending: 0/1 nodes are available: 1 node(s) didn\'t match Pod\'s node affinity/selector.',
    'cluster.yaml:8: warning: Deployment "web": pods web-0, web-1 stay Pending: 0/1 nodes are available: 1 node(s) didn\'t match Pod\'s node affinity/selector.',
  ]);
});

test('a Service in a namespace other than default is found when its name is unique', () => {
  const text = `${nodeYaml('node-a')}${inNamespace(deploymentYaml('web', 2), 'shop')}${inNamespace(serviceYaml('web', 'LoadBalancer'), 'shop')}${scenario()}`;
  const { variants } = scenarioFromYaml(text);
  expect(variants[0].topology.service).toMatchObject({ name: 'web', namespace: 'shop' });
  expect(variants[0].topology.pods).toHaveLength(2);
});

test('a name in several namespaces asks for traffic.namespace, which picks one', () => {
  const cluster = `${nodeYaml('node-a')}${inNamespace(deploymentYaml('web', 1), 'shop')}${inNamespace(serviceYaml('web', 'ClusterIP'), 'shop')}${serviceYaml('web', 'ClusterIP')}`;
  expect(check(cluster, scenario())).toEqual([
    'scenario.yaml:5: error: The Scenario "s" is invalid: spec.traffic.service: Invalid value: "web": a Service of that name is in several namespaces (shop/web, default/web): say which with spec.traffic.namespace',
  ]);
  expect(check(cluster, scenario('{ service: web, namespace: blog, rate: 100, requests: 1000 }'))).toEqual([
    'scenario.yaml:5: error: The Scenario "s" is invalid: spec.traffic.service: Not found: Service "web" in namespace "blog" (Services: shop/web, default/web)',
  ]);
  const picked = check(cluster, scenario('{ service: web, namespace: shop, rate: 100, requests: 1000 }'));
  expect(picked.filter((m) => m.includes(': error: '))).toEqual([]);
});
