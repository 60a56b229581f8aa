import { expect, test } from 'vitest';
import { node, place, pod, workload } from './support/scheduling-objects.js';

const hostname = 'kubernetes.io/hostname';
const term = (app: string, key = hostname) => `{ labelSelector: { matchExpressions: [{ key: app, operator: In, values: [${app}] }] }, topologyKey: ${key} }`;
const required = (kind: string, app: string) => `  ${kind}:\n    requiredDuringSchedulingIgnoredDuringExecution: [${term(app)}]`;
const nodes = (...names: string[]) => names.map((n) => node(n)).join('');

test('the docs\' redis-cache and web-server example: one of each on every node', () => {
  const redis = workload('Deployment', 'redis-cache', 3, { app: 'store' }, `affinity:\n${required('podAntiAffinity', 'store')}`);
  const web = workload('Deployment', 'web-server', 3, { app: 'web-store' },
    `affinity:\n${required('podAntiAffinity', 'web-store')}\n${required('podAffinity', 'store')}`);
  const { byNode } = place(`${nodes('node1', 'node2', 'node3')}${redis}${web}`);
  expect(byNode).toEqual({
    node1: ['redis-cache-0', 'web-server-0'], node2: ['redis-cache-1', 'web-server-1'], node3: ['redis-cache-2', 'web-server-2'],
  });
});

test('required anti-affinity by hostname leaves a fourth replica on three nodes Pending', () => {
  const redis = workload('Deployment', 'redis-cache', 4, { app: 'store' }, `affinity:\n${required('podAntiAffinity', 'store')}`);
  const { pending } = place(`${nodes('node1', 'node2', 'node3')}${redis}`);
  expect(pending.map((p) => [p.name, p.reason])).toEqual([['redis-cache-3', "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules."]]);
});

test('a running pod\'s anti-affinity keeps new pods it names off its node', () => {
  const loner = pod('loner', { app: 'loner' }, `affinity:\n${required('podAntiAffinity', 'web')}`, 'node1');
  expect(place(`${nodes('node1', 'node2')}${loner}${workload('Deployment', 'web', 2, { app: 'web' })}`).byNode)
    .toEqual({ node1: ['loner'], node2: ['web-0', 'web-1'] });
  expect(place(`${nodes('node1')}${loner}${workload('Deployment', 'web', 1, { app: 'web' })}`).pending[0].reason)
    .toBe("0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules.");
});

test('required affinity needs a selected pod in the domain; the first of a group may go anywhere', () => {
  const follower = workload('Deployment', 'web', 1, { app: 'web' }, `affinity:\n${required('podAffinity', 'cache')}`);
  const cache = pod('cache', { app: 'cache' }, '', 'node2');
  expect(place(`${nodes('node1', 'node2')}${cache}${follower}`).byNode).toEqual({ node2: ['cache', 'web-0'] });
  expect(place(`${nodes('node1', 'node2')}${follower}`).pending[0].reason).toBe("0/2 nodes are available: 2 node(s) didn't match pod affinity rules.");
  const selfish = workload('Deployment', 'cache', 2, { app: 'cache' }, `affinity:\n${required('podAffinity', 'cache')}`);
  expect(place(`${nodes('node1', 'node2')}${selfish}`).byNode).toEqual({ node1: ['cache-0', 'cache-1'] });
});

test('a preferred anti-affinity steers pods away from the pods it names', () => {
  const noisy = pod('noisy', { app: 'noisy' }, '', 'node1');
  const shy = workload('Deployment', 'web', 1, { app: 'web' }, `affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: ${term('noisy')} }]`);
  const quiet = `${pod('quiet-1', { app: 'quiet' }, '', 'node2')}${pod('quiet-2', { app: 'quiet' }, '', 'node2')}`;
  // Left to itself, the pod takes the node with fewer pods...
  expect(place(`${nodes('node1', 'node2')}${noisy}${quiet}${workload('Deployment', 'web', 1, { app: 'web' })}`).byNode.node1).toEqual(['noisy', 'web-0']);
  // ...but not the noisy one's.
  expect(place(`${nodes('node1', 'node2')}${noisy}${quiet}${shy}`).byNode.node2).toEqual(['quiet-1', 'quiet-2', 'web-0']);
});
