import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { placePods, type Report } from '../src/scenario/placement.js';
import { load } from './fixtures/k8s/load.js';
import { deploymentYaml, nodeYaml } from './support/scenario-files.js';

const problems: string[] = [];
const report: Report = (severity, path, message) => { problems.push(`${severity}: ${path.join('.')}: ${message}`); };
const count = (pods: { node: string }[]) => pods.reduce<Record<string, number>>((m, p) => ({ ...m, [p.node]: (m[p.node] ?? 0) + 1 }), {});

test('the default scheduler spreads a workload evenly, in node order', () => {
  const { objects } = load(`${nodeYaml('a')}${nodeYaml('b')}${nodeYaml('c')}${deploymentYaml('web', 7)}`);
  expect(count(placePods(objects, undefined, report).pods)).toEqual({ a: 3, b: 2, c: 2 });
});

test('pins place the seed\'s 2 + 1 in two lines; what is left over is spread', () => {
  const { objects } = load(`${nodeYaml('a')}${nodeYaml('b')}${deploymentYaml('web', 3)}`);
  expect(count(placePods(objects, { web: { a: 2, b: 1 } }, report).pods)).toEqual({ a: 2, b: 1 });
  const { objects: five } = load(`${nodeYaml('a')}${nodeYaml('b')}${deploymentYaml('web', 5)}`);
  expect(count(placePods(five, { web: { a: 3 } }, report).pods)).toEqual({ a: 3, b: 2 });
});

test('more pins than replicas is an error naming the workload', () => {
  problems.length = 0;
  const { objects } = load(`${nodeYaml('a')}${deploymentYaml('web', 1)}`);
  placePods(objects, { web: { a: 2 } }, report);
  expect(problems).toEqual(['error: spec.placement.web: Invalid value: places 2 pods but Deployment/web has spec.replicas 1']);
});

test('a kubectl dump\'s pods are used as they are: its Deployment and ReplicaSet add none', () => {
  const { objects } = load(readFileSync('test/fixtures/k8s/kubectl-get-dump.yaml', 'utf8'));
  const placed = placePods(objects, undefined, report).pods;
  expect(objects.workloads.length).toBeGreaterThan(0);
  const bound = objects.pods.filter((p) => p.nodeName !== undefined).map((p) => p.meta.name);
  const names = placed.map((p) => p.name);
  expect(names).toEqual(expect.arrayContaining(bound));
  for (const name of names) expect(objects.pods.map((p) => p.meta.name)).toContain(name);
});

test('a Deployment and the ReplicaSet it owns, without pods, make replicas pods once', () => {
  const { objects } = load(`${nodeYaml('a')}${deploymentYaml('web', 2)}apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d8f
  ownerReferences:
  - { apiVersion: apps/v1, kind: Deployment, name: web, uid: 1, controller: true }
spec:
  replicas: 2
  selector: { matchLabels: { app: web, pod-template-hash: 5d8f } }
  template:
    metadata: { labels: { app: web, pod-template-hash: 5d8f } }
    spec: { containers: [{ name: app, image: example/app }] }
`);
  expect(placePods(objects, undefined, report).pods.map((p) => p.name)).toEqual(['web-0', 'web-1']);
});
