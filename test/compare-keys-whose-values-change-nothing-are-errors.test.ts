import { expect, test } from 'vitest';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { checkScenario } from '../src/scenario/load-scenario.js';
import { deploymentYaml, nodeYaml, serviceYaml } from './support/scenario-files.js';

const cluster = `${nodeYaml('node-a')}${nodeYaml('node-b')}${deploymentYaml('web', 2)}${deploymentYaml('batch', 1, 'batch')}${serviceYaml('web', 'LoadBalancer')}`;
const scenario = (compare: string) => `apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: compare }
spec:
  traffic: { service: web, rate: 100, requests: 1000 }
  pods: [{ serviceTime: 5ms }]
  compare:
${compare}`;
const check = (compare: string) => checkScenario({ sources: [{ file: 'in.yaml', text: `${cluster}${scenario(compare)}` }], diagnostics: [] });

test('replicas of a workload that serves none of the traffic give identical variants: an error naming the key', () => {
  const { scenario: s, diagnostics } = check('    Deployment/batch:spec.replicas: [1, 2]\n');
  expect(s).toBeUndefined();
  expect(diagnostics.map(formatDiagnostic)).toEqual([
    'in.yaml:71: error: The Scenario "compare" is invalid: spec.compare.Deployment/batch:spec.replicas: Invalid value: 1 and 2 give identical variants ("1" and "2" resolve to the same pods, nodes and traffic): the comparison would show nothing',
  ]);
});

test('with several keys, only the one that changes nothing is named', () => {
  const { diagnostics } = check('    spec.externalTrafficPolicy: [Cluster, Local]\n    Deployment/web:metadata.labels.tier: [gold, silver]\n');
  expect(diagnostics.map((d) => [d.path, d.message])).toEqual([[
    'spec.compare.Deployment/web:metadata.labels.tier',
    'Invalid value: gold and silver give identical variants ("Cluster,gold" and "Cluster,silver" resolve to the same pods, nodes and traffic): the comparison would show nothing',
  ]]);
});

test('keys whose values change the run are fine', () => {
  const { scenario: s, diagnostics } = check('    spec.externalTrafficPolicy: [Cluster, Local]\n    Deployment/web:spec.replicas: [2, 3]\n');
  expect(diagnostics).toEqual([]);
  expect(s!.variants.map((v) => [v.name, v.topology.pods.length])).toEqual([
    ['Cluster,replicas=2', 2], ['Cluster,replicas=3', 3], ['Local,replicas=2', 2], ['Local,replicas=3', 3],
  ]);
});
