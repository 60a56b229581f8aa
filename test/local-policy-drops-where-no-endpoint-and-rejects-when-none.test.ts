import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { deploymentYaml, nodeYaml, serviceYaml } from './support/scenario-files.js';

const cluster = (replicas: number) => `${nodeYaml('node-a')}${nodeYaml('node-b')}${deploymentYaml('web', replicas)}`;
const scenario = (nodes: string) => `apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: nodeport }
spec:
  traffic: { service: web, entry: nodePort, nodes: [${nodes}], rate: 100, requests: 2000 }
  pods:
  - serviceTime: 5ms
  placement: { web: { node-a: 1 } }
  compare:
    spec.externalTrafficPolicy: [Cluster, Local]
`;

test('NodePort with Local hit on a node without endpoints drops every request; Cluster forwards them', () => {
  const text = `${cluster(1)}${serviceYaml('web', 'NodePort')}${scenario('node-b')}`;
  const [clusterRun, localRun] = runScenario(scenarioFromYaml(text)).variants;
  expect(localRun.dropped).toBe(2000);
  expect(localRun.completed).toBe(0);
  expect(localRun.nodes.find((n) => n.name === 'node-b')!.dropped).toBe(2000);
  expect(clusterRun.completed).toBe(2000);
  expect(clusterRun.extraHopFraction).toBe(1);
  expect(clusterRun.hopsMean).toBe(2);
});

test('a Service with no endpoints anywhere rejects every request, under either policy', () => {
  // An input without endpoints is refused; a pod that terminates at once leaves the Service without any.
  const gone = '  dynamics: { endpointPropagationDelay: 0s }\n  timeline: [{ at: 0s, podTermination: { workload: web, gracePeriod: 0s } }]\n';
  const text = `${cluster(1)}${serviceYaml('web', 'NodePort')}${scenario('node-a, node-b').replace('  compare:', `${gone}  compare:`)}`;
  const { variants } = runScenario(scenarioFromYaml(text));
  for (const v of variants) {
    expect(v.rejected).toBe(2000);
    expect(v.dropped).toBe(0);
    expect(v.completed).toBe(0);
  }
});
