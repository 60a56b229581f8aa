import { expect, test } from 'vitest';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { checkScenario } from '../src/scenario/load-scenario.js';
import { runScenario } from '../src/run/run-scenario.js';
import { deploymentYaml, nodeYaml, serviceYaml } from './support/scenario-files.js';

const cluster = `${nodeYaml('node-a')}${nodeYaml('node-b')}${deploymentYaml('web', 2)}${serviceYaml('web', 'LoadBalancer')}`;
const scenario = (compare: string) => `apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: sweep }
spec:
  traffic: { service: web, rate: 100, requests: 300 }
  pods: [{ serviceTime: 5ms }]
  compare:
${compare}`;
const check = (compare: string, allowLarge = false) =>
  checkScenario({ sources: [{ file: 'in.yaml', text: `${cluster}${scenario(compare)}` }], diagnostics: [] }, { allowLarge });

test('an integer range is every point from from to to by step, each a variant', () => {
  const { scenario: s, diagnostics } = check('    Deployment/web:spec.replicas: { from: 2, to: 6, step: 2 }\n');
  expect(diagnostics).toEqual([]);
  expect(s!.variants.map((v) => [v.name, v.overrides, v.topology.pods.length])).toEqual([
    ['2', { replicas: '2' }, 2], ['4', { replicas: '4' }, 4], ['6', { replicas: '6' }, 6],
  ]);
});

test('a rate range with fractional steps gives the points as written, and crossed with a list every combination', () => {
  const { scenario: s, diagnostics } = check('    spec.externalTrafficPolicy: [Cluster, Local]\n    Scenario:spec.traffic.rate: { from: 0.1, to: 0.3, step: 0.1 }\n');
  expect(diagnostics).toEqual([]);
  expect(s!.variants.map((v) => [v.name, v.traffic.rate])).toEqual([
    ['Cluster,rate=0.1', 0.1], ['Cluster,rate=0.2', 0.2], ['Cluster,rate=0.3', 0.3],
    ['Local,rate=0.1', 0.1], ['Local,rate=0.2', 0.2], ['Local,rate=0.3', 0.3],
  ]);
  expect(s!.overrideColumns).toEqual(['externalTrafficPolicy', 'rate']);
});

test('a duration range sweeps a latency in the step\'s unit, and summary rows carry the swept value as a column', () => {
  const { scenario: s, diagnostics } = check('    Scenario:spec.network.clientToLoadBalancer: { from: 500us, to: 2ms, step: 500us }\n');
  expect(diagnostics).toEqual([]);
  expect(s!.variants.map((v) => v.overrides.clientToLoadBalancer)).toEqual(['500us', '1000us', '1500us', '2000us']);
  expect(s!.variants.map((v) => v.topology.network.clientToLoadBalancer)).toEqual(
    [0.0005, 0.001, 0.0015, 0.002].map((value) => ({ kind: 'constant', value })),
  );
  const results = runScenario(s!);
  expect(results.overrideColumns).toEqual(['clientToLoadBalancer']);
  expect(results.variants.map((v) => v.overrides.clientToLoadBalancer)).toEqual(['500us', '1000us', '1500us', '2000us']);
});

test('a bare 0 is a duration beside durations, as everywhere in a Scenario', () => {
  const { scenario: s, diagnostics } = check('    Scenario:spec.network.sameZone: { from: 0, to: 2ms, step: 1ms }\n');
  expect(diagnostics).toEqual([]);
  expect(s!.variants.map((v) => v.name)).toEqual(['0s', '1ms', '2ms']);
});

test('a step of 0, a to below from, mixed kinds and too many points are errors naming the field', () => {
  const errors = (compare: string) => check(compare).diagnostics.map(formatDiagnostic);
  expect(errors('    Deployment/web:spec.replicas: { from: 1, to: 4, step: 0 }\n')).toEqual([
    'in.yaml:53: error: The Scenario "sweep" is invalid: spec.compare.Deployment/web:spec.replicas.step: Invalid value: 0: must be greater than 0',
  ]);
  expect(errors('    Deployment/web:spec.replicas: { from: 4, to: 1, step: 1 }\n')).toEqual([
    'in.yaml:53: error: The Scenario "sweep" is invalid: spec.compare.Deployment/web:spec.replicas.to: Invalid value: 1: must not be below from (4)',
  ]);
  expect(errors('    Scenario:spec.network.sameZone: { from: 1ms, to: 3, step: 1ms }\n')).toEqual([
    'in.yaml:53: error: The Scenario "sweep" is invalid: spec.compare.Scenario:spec.network.sameZone: Invalid value: from, to and step must be all numbers (replicas, a rate) or all durations ("1ms"); from and step are durations',
  ]);
  expect(errors('    Scenario:spec.traffic.rate: { from: 1, to: 100000, step: 1 }\n')).toEqual([
    'in.yaml:53: error: The Scenario "sweep" is invalid: spec.compare.Scenario:spec.traffic.rate: Invalid value: 100000 points from 1 to 100000 by 1, more than the limit of 1000 variants; take a larger step, or run with --allow-large',
  ]);
});

test('a to that whole steps do not reach is a warning naming the last point', () => {
  const { scenario: s, diagnostics } = check('    Deployment/web:spec.replicas: { from: 1, to: 4, step: 2 }\n');
  expect(s!.variants.map((v) => v.name)).toEqual(['1', '3']);
  expect(diagnostics.map(formatDiagnostic)).toEqual([
    'in.yaml:53: warning: Scenario "sweep": spec.compare.Deployment/web:spec.replicas.to: 4 is not a whole number of steps from 1: the last point is 3',
  ]);
});
