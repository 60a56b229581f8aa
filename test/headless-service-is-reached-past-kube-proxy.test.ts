import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';
import { headlessCluster } from './support/headless-cluster.js';

const traffic = '  traffic: { service: web, clients: { nodes: [node-b] }, rate: 50, requests: 2000 }\n';
const nodes = { 'node-a': 'z1', 'node-b': 'z1' };

test('kube-proxy and load-balancer settings are errors naming the field', () => {
  const text = headlessCluster({ nodes, pods: { 'node-a': 2 }, spec: `${traffic}  kubeProxy: { mode: ipvs, scheduler: rr }\n  loadBalancer: { model: maglev }\n` });
  expect(() => scenarioFromYaml(text)).toThrow(/spec\.kubeProxy: Forbidden: does not apply here: a headless Service \(clusterIP: None\) has no virtual IP/);
  expect(() => scenarioFromYaml(text)).toThrow(/spec\.loadBalancer: Forbidden: does not apply here: a headless Service/);
});

test('a headless section for a Service with a cluster IP is an error', () => {
  const text = smallCluster({ nodes, pods: { 'node-a': 2 }, type: 'ClusterIP', spec: `${traffic}  headless: { dns: { ttl: 5s } }\n` });
  expect(() => scenarioFromYaml(text)).toThrow(/spec\.headless: Forbidden: does not apply here: Service "web" is not headless \(clusterIP: None\)/);
});

test('a name that resolves to another Service is an error', () => {
  const other = `apiVersion: v1
kind: Service
metadata: { name: other }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
---
`;
  const text = headlessCluster({ nodes, pods: { 'node-a': 2 }, extra: other, spec: `${traffic}  headless: { name: other }\n` });
  expect(() => scenarioFromYaml(text)).toThrow(/spec\.headless\.name: Invalid value: "other": resolves to Service "other" in namespace "default"/);
  const full = headlessCluster({ nodes, pods: { 'node-a': 2 }, spec: `${traffic}  headless: { name: web.default.svc.cluster.local. }\n` });
  expect(scenarioFromYaml(full).variants[0].topology.headless!.fqdn).toBe('web.default.svc.cluster.local.');
});

test('internalTrafficPolicy Local and ClientIP affinity do nothing, with a warning on the Service', () => {
  // kube-proxy would keep node-b's client on node-b (Local: no endpoint there, dropped); the
  // DNS answer sends it to node-a's pods, one hop away.
  const serviceSpec = '  internalTrafficPolicy: Local\n  sessionAffinity: ClientIP\n';
  const scenario = scenarioFromYaml(headlessCluster({ nodes, pods: { 'node-a': 2 }, serviceSpec, spec: traffic }));
  const warnings = scenario.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.object} ${d.path}: ${d.message}`);
  expect(warnings).toEqual([
    'Service/web spec.sessionAffinity: sessionAffinity ClientIP has no effect on a headless Service: kube-proxy, which implements it, skips Services without a cluster IP',
    'Service/web spec.internalTrafficPolicy: internalTrafficPolicy Local has no effect on a headless Service: kube-proxy, which implements it, skips Services without a cluster IP',
  ]);
  const v = runScenario(scenario).variants[0];
  expect(v.completed).toBe(2000);
  expect(v.extraHopFraction).toBe(1);
  expect(v.hopsMean).toBe(1);
});

// Once its pods are gone during a run, requests are refused at once: see the publishing test.
test('a headless Service that selects no pod is refused before the run, saying why', () => {
  const text = headlessCluster({ nodes, pods: { 'node-a': 1 }, serviceSpec: '  selector: { app: nothing }\n', spec: traffic })
    .replace('  selector:\n    app: web\n', '');
  expect(() => scenarioFromYaml(text)).toThrow('Service "web" has no endpoints: no pod in namespace "default" has the labels of its selector (app=nothing)');
});
