import { expect, test } from 'vitest';
import { RandomStreams } from '../src/engine/random.js';
import { ecmpChoose, ecmpChooseHashThreshold, ResilientEcmpGroup } from '../src/model/ecmp.js';
import { flowHash } from '../src/model/flow-hash.js';

const FLOWS = 100_000;
/** Two-sided 99.9% normal quantile. */
const Z = 3.2905;

/** Flows from 1000 clients on random ports to one VIP:443, hashed as a router would. */
const HASHES = (() => {
  const u = new RandomStreams(2).stream('flows');
  return Uint32Array.from({ length: FLOWS }, () => flowHash(Math.floor(u() * 1000), 1024 + Math.floor(u() * 64512), 0, 443));
})();

/** Fraction of flows whose node differs between two node lists and choice functions. */
function movedFraction(before: readonly number[], after: readonly number[], choose: (hash: number, count: number) => number): number {
  let moved = 0;
  for (const h of HASHES) if (before[choose(h, before.length)] !== after[choose(h, after.length)]) moved++;
  return moved / FLOWS;
}

function expectNear(observed: number, p: number): void {
  const se = Math.sqrt((p * (1 - p)) / FLOWS);
  expect(Math.abs(observed - p), `observed ${observed}, expected ${p} +- ${Z * se}`).toBeLessThanOrEqual(Z * se);
}

test('with hash mod N, losing the last of N nodes moves (N-1)/N of flows, not 1/N', () => {
  // A flow stays only where hash mod N equals hash mod (N - 1): 1 in N hashes.
  for (const n of [4, 10]) {
    const nodes = Array.from({ length: n }, (_, i) => i);
    expectNear(movedFraction(nodes, nodes.slice(0, -1), ecmpChoose), (n - 1) / n);
  }
});

test('with hash mod N, adding an (N+1)th node moves N/(N+1) of flows', () => {
  const nodes = [0, 1, 2, 3];
  expectNear(movedFraction(nodes, [...nodes, 4], ecmpChoose), 4 / 5);
});

test('with RFC 2992 hash-threshold, losing the last of N nodes moves half of all flows', () => {
  // Region i shrinks from [i/N, (i+1)/N) to [i/(N-1), (i+1)/(N-1)): the overlaps sum to 1/2.
  for (const n of [4, 10]) {
    const nodes = Array.from({ length: n }, (_, i) => i);
    expectNear(movedFraction(nodes, nodes.slice(0, -1), ecmpChooseHashThreshold), 1 / 2);
  }
});

test('with resilient hashing, losing a node moves only the flows that were on it', () => {
  const before = new ResilientEcmpGroup([0, 1, 2, 3]);
  const after = before.withMembers([0, 1, 3]);
  let moved = 0;
  let movedFromOthers = 0;
  for (const h of HASHES) {
    const was = before.choose(h);
    if (after.choose(h) !== was) moved++;
    if (after.choose(h) !== was && was !== 2) movedFromOthers++;
  }
  expect(movedFromOthers).toBe(0);
  expectNear(moved / FLOWS, 32 / 128);
  const share = [0, 1, 3].map((m) => Array.from({ length: 128 }, (_, b) => after.choose(b)).filter((x) => x === m).length);
  expect(share.sort()).toEqual([42, 43, 43]);
});

test('with resilient hashing, adding a node moves only the flows it takes over', () => {
  const before = new ResilientEcmpGroup([0, 1, 2, 3]);
  const after = before.withMembers([0, 1, 2, 3, 4]);
  let moved = 0;
  let movedElsewhere = 0;
  for (const h of HASHES) {
    if (after.choose(h) !== before.choose(h)) moved++;
    if (after.choose(h) !== before.choose(h) && after.choose(h) !== 4) movedElsewhere++;
  }
  expect(movedElsewhere).toBe(0);
  expectNear(moved / FLOWS, 25 / 128);
});

test('no nodes means no next hop', () => {
  expect(ecmpChoose(123, 0)).toBe(-1);
  expect(ecmpChooseHashThreshold(123, 0)).toBe(-1);
  expect(new ResilientEcmpGroup([]).choose(123)).toBe(-1);
});
