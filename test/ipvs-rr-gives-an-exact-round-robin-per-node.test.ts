import { expect, test } from 'vitest';
import { IpvsScheduler } from '../src/model/ipvs.js';

function picks(s: IpvsScheduler, count: number): number[] {
  return Array.from({ length: count }, () => s.pick(0));
}

test('rr starts at the first endpoint and cycles in kube-proxy order', () => {
  const rr = new IpvsScheduler('rr', Int32Array.of(7, 3, 5), new Int32Array(8));
  expect(picks(rr, 7)).toEqual([7, 3, 5, 7, 3, 5, 7]);
});

test('rr ignores open connections and the source hash', () => {
  const active = new Int32Array(3);
  const rr = new IpvsScheduler('rr', Int32Array.of(0, 1, 2), active);
  rr.opened(rr.pick(11));
  rr.opened(rr.pick(200));
  expect(rr.pick(11)).toBe(2);
  expect(rr.pick(11)).toBe(0);
  expect(Array.from(active)).toEqual([1, 1, 0]);
});

test('each node keeps its own round robin: there is none across nodes', () => {
  const a = new IpvsScheduler('rr', Int32Array.of(0, 1, 2), new Int32Array(3));
  const b = new IpvsScheduler('rr', Int32Array.of(0, 1, 2), new Int32Array(3));
  const timeline: [string, number][] = [];
  for (const node of ['a', 'a', 'b', 'a', 'b', 'b', 'b']) {
    timeline.push([node, (node === 'a' ? a : b).pick(0)]);
  }
  expect(timeline).toEqual([['a', 0], ['a', 1], ['b', 0], ['a', 2], ['b', 1], ['b', 2], ['b', 0]]);
});

test('a node with no endpoint picks none', () => {
  expect(new IpvsScheduler('rr', new Int32Array(0), new Int32Array(0)).pick(0)).toBe(-1);
});
