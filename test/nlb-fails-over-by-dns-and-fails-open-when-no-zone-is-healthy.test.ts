import { expect, test } from 'vitest';
import { NlbBalancer } from '../src/model/nlb.js';
import type { Places } from '../src/model/places.js';

// Zone 0 holds nodes 0 and 1, zone 1 node 2, zone 2 none; node 3 (zone 1) is not a target.
const places = { zoneNames: ['z0', 'z1', 'z2'], nodeZone: Int32Array.from([0, 0, 1, 1]) } as unknown as Places;

function picks(healthy: number[], clientZone: number): Set<number> {
  let x = 0;
  const u = () => ((x = (x + 0.37) % 1));
  const nlb = new NlbBalancer(Int32Array.from([0, 1, 2]), places, u);
  nlb.refresh(Uint8Array.from(healthy));
  return new Set(Array.from({ length: 200 }, () => nlb.chooseNode(0, clientZone)));
}

test('a front end sends only to the healthy targets of its own zone', () => {
  expect(picks([1, 0, 1, 1], 0)).toEqual(new Set([0]));
  expect(picks([1, 1, 1, 1], 1)).toEqual(new Set([2]));
});

test('clients of a zone without a healthy target (or without targets) resolve to a healthy zone', () => {
  expect(picks([1, 1, 0, 1], 1)).toEqual(new Set([0, 1]));
  expect(picks([0, 0, 1, 1], 2)).toEqual(new Set([2]));
});

test('with no healthy target anywhere the balancer fails open: each front end to all of its zone\'s targets', () => {
  expect(picks([0, 0, 0, 0], 0)).toEqual(new Set([0, 1]));
  expect(picks([0, 0, 0, 0], 1)).toEqual(new Set([2]));
  expect(picks([0, 0, 0, 0], 2)).toEqual(new Set([0, 1, 2]));
});
