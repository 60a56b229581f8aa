import { expect, test } from 'vitest';
import { trafficDistributionFilter, type ZonedEndpoint } from '../src/model/topology-aware.js';

// Nodes 0, 1 in zone a; node 2 in zone b; node 3 in zone c.
const ep = (node: number, zone: string, ready = true): ZonedEndpoint => ({ node, zone, ready });
const spread = [ep(0, 'a'), ep(1, 'a'), ep(2, 'b'), ep(2, 'b', false), ep(3, 'c', false)];
const used = (...args: Parameters<typeof trafficDistributionFilter>) => Array.from(trafficDistributionFilter(...args));

test('PreferSameZone keeps traffic on the ready endpoints of the client zone', () => {
  expect(used('PreferSameZone', 0, 'a', spread)).toEqual([0, 1]);
  expect(used('PreferSameZone', 2, 'b', spread)).toEqual([2]);
});

test('PreferClose is the same as PreferSameZone', () => {
  expect(used('PreferClose', 1, 'a', spread)).toEqual([0, 1]);
  expect(used('PreferClose', 3, 'c', spread)).toEqual(used('PreferSameZone', 3, 'c', spread));
});

test('a zone with no ready endpoint falls back to every ready endpoint in the cluster', () => {
  expect(used('PreferSameZone', 3, 'c', spread)).toEqual([0, 1, 2]);
});

test('a ready endpoint without a zone carries no hint, so nobody filters', () => {
  const oneUnzoned = [ep(0, 'a'), ep(2, 'b'), ep(3, '')];
  expect(used('PreferSameZone', 0, 'a', oneUnzoned)).toEqual([0, 1, 2]);
  // an unready endpoint without a zone does not matter
  expect(used('PreferSameZone', 0, 'a', [ep(0, 'a'), ep(2, 'b'), ep(3, '', false)])).toEqual([0]);
});

test('a client node without a zone label uses every ready endpoint', () => {
  expect(used('PreferSameZone', 0, '', spread)).toEqual([0, 1, 2]);
});

test('PreferSameNode falls back from node to zone to cluster', () => {
  expect(used('PreferSameNode', 0, 'a', spread)).toEqual([0]);
  expect(used('PreferSameNode', 1, 'a', spread)).toEqual([1]);
  const noneOnNode1 = [ep(0, 'a'), ep(2, 'b'), ep(1, 'a', false)];
  expect(used('PreferSameNode', 1, 'a', noneOnNode1)).toEqual([0]);
  expect(used('PreferSameNode', 3, 'c', noneOnNode1)).toEqual([0, 1]);
});

test('no ready endpoint anywhere leaves nothing to use', () => {
  expect(used('PreferSameZone', 0, 'a', [ep(0, 'a', false)])).toEqual([]);
});
