import { expect, test } from 'vitest';
import { allocateTopologyHints, hintFilter, type ZonedEndpoint } from '../src/model/topology-aware.js';

const inZones = (...zones: string[]): ZonedEndpoint[] => zones.map((zone, node) => ({ node, zone, ready: true }));

test('a zone with twice the CPU gets twice the endpoints (the docs example)', () => {
  const endpoints = inZones('a', 'a', 'a', 'b', 'b', 'b');
  // b holds one more than its share: its first endpoint is given to a.
  expect(allocateTopologyHints(endpoints, { a: 2, b: 1 }, ['a', 'b'])).toEqual({ hints: ['a', 'a', 'a', 'a', 'b', 'b'] });
});

test('endpoints already in proportion keep their own zone', () => {
  const endpoints = inZones('a', 'b');
  expect(allocateTopologyHints(endpoints, { a: 0.45, b: 0.55 }, ['a', 'b'])).toEqual({ hints: ['a', 'b'] });
});

test('three zones: the surplus zone gives its first endpoints to the zone short of its share', () => {
  // The EndpointSlice controller's own test case: CPU 35/35/30, endpoints 5 in a, 2 in b, 3 in c.
  const endpoints = inZones('a', 'b', 'c', 'c', 'a', 'a', 'a', 'b', 'c', 'a');
  const result = allocateTopologyHints(endpoints, { a: 35, b: 35, c: 30 }, ['a', 'b', 'c']);
  expect(result).toEqual({ hints: ['b', 'b', 'c', 'c', 'a', 'a', 'a', 'b', 'c', 'a'] });
});

test('even a small zone gets at least one endpoint', () => {
  const endpoints = inZones('a', 'a', 'a', 'a', 'a', 'a');
  expect(allocateTopologyHints(endpoints, { a: 10, b: 1 }, ['a', 'b'])).toEqual({ hints: ['b', 'a', 'a', 'a', 'a', 'a'] });
});

test('unready endpoints get no hint and do not count', () => {
  const endpoints: ZonedEndpoint[] = [...inZones('a', 'b'), { node: 2, zone: 'b', ready: false }];
  expect(allocateTopologyHints(endpoints, { a: 1, b: 1 }, ['a', 'b'])).toEqual({ hints: ['a', 'b', ''] });
});

test('hints are removed when an allocation would overload a zone beyond 20%', () => {
  // zone a twice the size of b but only 2 endpoints (the docs example)
  expect(allocateTopologyHints(inZones('a', 'b'), { a: 2, b: 1 }, ['a', 'b'])).toEqual({
    disabled: 'overload threshold',
    message: 'Unable to allocate minimum required endpoints to each zone without exceeding overload threshold (2 endpoints, 2 zones)',
  });
  // two equal zones, three endpoints: whichever zone got one endpoint would load it 50% over
  expect(allocateTopologyHints(inZones('a', 'a', 'b'), { a: 1, b: 1 }, ['a', 'b'])).toMatchObject({ disabled: 'overload threshold' });
});

test('hints are removed with more zones than endpoints', () => {
  expect(allocateTopologyHints(inZones('a', 'b'), { a: 3, b: 4, c: 3 }, ['a', 'b', 'c'])).toEqual({
    disabled: 'more zones than endpoints',
    message: 'Insufficient number of endpoints (2 endpoints, 3 zones)',
  });
});

test('hints are removed when the nodes span fewer than 2 zones', () => {
  expect(allocateTopologyHints(inZones('a', 'a'), { a: 4 }, ['a', 'a'])).toMatchObject({ disabled: 'fewer than 2 zones' });
});

test('hints are removed when a node has no zone or reports no allocatable CPU', () => {
  const insufficient = {
    disabled: 'insufficient node info',
    message: 'Insufficient Node information: allocatable CPU or zone not specified on one or more nodes',
  };
  expect(allocateTopologyHints(inZones('a', 'b'), { a: 1, b: 1 }, ['a', 'b', ''])).toEqual(insufficient);
  expect(allocateTopologyHints(inZones('a', 'b'), { a: 1, b: 0 }, ['a', 'b'])).toEqual(insufficient);
  expect(allocateTopologyHints(inZones('a', 'b'), { a: 1 }, ['a', 'b'])).toEqual(insufficient);
  expect(allocateTopologyHints(inZones('a', 'b'), {}, [])).toEqual(insufficient);
});

test('hints are removed when a ready endpoint has no zone', () => {
  expect(allocateTopologyHints(inZones('a', 'a', 'b', ''), { a: 1, b: 1 }, ['a', 'b'])).toEqual({
    disabled: 'endpoint without zone',
    message: 'One or more endpoints do not have a zone specified',
  });
});

test('kube-proxy follows the hints for its zone, and ignores them unless every ready endpoint has one', () => {
  const endpoints = [...inZones('a', 'a', 'a', 'b', 'b', 'b'), { node: 6, zone: 'b', ready: false }];
  const hints = ['a', 'a', 'a', 'a', 'b', 'b', ''];
  expect(Array.from(hintFilter('a', endpoints, hints))).toEqual([0, 1, 2, 3]);
  expect(Array.from(hintFilter('b', endpoints, hints))).toEqual([4, 5]);
  expect(Array.from(hintFilter('c', endpoints, hints))).toEqual([0, 1, 2, 3, 4, 5]); // no hint for c
  const oneMissing = ['a', 'a', 'a', '', 'b', 'b', ''];
  expect(Array.from(hintFilter('a', endpoints, oneMissing))).toEqual([0, 1, 2, 3, 4, 5]);
  expect(Array.from(hintFilter('a', endpoints, []))).toEqual([0, 1, 2, 3, 4, 5]); // disabled: no hints
});
