import { expect, test } from 'vitest';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { checkScenario } from '../src/scenario/load-scenario.js';
import { nodeYaml } from './support/scenario-files.js';
import { smallCluster } from './support/small-cluster.js';

const check = (text: string, allowLarge = false) =>
  checkScenario({ sources: [{ file: 'FILE', text }], diagnostics: [] }, { allowLarge }).diagnostics.map(formatDiagnostic);

test('more Nodes than Kubernetes\' limit per cluster are refused at the first one past it', () => {
  const extra = Array.from({ length: 5000 }, (_, i) => nodeYaml(`extra-${i}`)).join('');
  const text = smallCluster({ nodes: { 'node-a': 'z' }, pods: { 'node-a': 1 }, extra, spec: '  traffic: { service: web, rate: 10, requests: 10 }\n' });
  expect(check(text)).toEqual([`FILE:${text.split('\n').indexOf('  name: extra-4999') + 1}: error: Node "extra-4999": the input has 5001 Nodes, `
    + 'more than the limit of 5000 (Kubernetes\' own limit per cluster); leave some out, or run with --allow-large']);
}, 20_000);

test('more variants than the limit are refused before they are made, unless --allow-large', () => {
  const values = Array.from({ length: 501 }, (_, i) => i + 1).join(', ');
  const text = smallCluster({
    nodes: { 'node-a': 'z' }, pods: { 'node-a': 1 },
    spec: `  traffic: { service: web, rate: 10, requests: 10 }\n  compare:\n    spec.externalTrafficPolicy: [Cluster, Local]\n    Scenario:spec.clients.population: [${values}]\n`,
  });
  expect(check(text)).toEqual([`FILE:${text.split('\n').indexOf('  compare:') + 1}: error: The Scenario "small" is invalid: spec.compare: `
    + 'Invalid value: 1002 variants (every combination of the values), more than the limit of 1000; compare fewer values, or run with --allow-large']);
  expect(check(text, true)).toEqual([]);
}, 20_000);

test('a variant estimated above the memory limit is refused at the field that takes the most', () => {
  const text = smallCluster({ nodes: { 'node-a': 'z' }, pods: { 'node-a': 12000 }, spec: '  traffic: { service: web, rate: 10, requests: 10 }\n' });
  expect(check(text)).toEqual([`FILE:${text.split('\n').indexOf('  replicas: 12000') + 1}: error: Deployment "web": spec.replicas: Invalid value: 12000: `
    + 'the run would need about 1.15 GiB of memory, 1.14 GiB of it for pods, more than the limit of 1 GiB; lower it, or run with --allow-large']);
}, 20_000);
