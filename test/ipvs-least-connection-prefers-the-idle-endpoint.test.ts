import { expect, test } from 'vitest';
import { IpvsScheduler, type IpvsSchedulerName } from '../src/model/ipvs.js';

const schedulers: IpvsSchedulerName[] = ['lc', 'sed', 'nq'];

test.each(schedulers)('%s sends a new connection to the endpoint with the fewest open ones', (name) => {
  const active = Int32Array.of(2, 0, 1);
  const s = new IpvsScheduler(name, Int32Array.of(0, 1, 2), active);
  expect(s.pick(0)).toBe(1);
});

test.each(schedulers)('%s breaks ties in favour of the first endpoint in kube-proxy order', (name) => {
  const s = new IpvsScheduler(name, Int32Array.of(4, 2, 9), new Int32Array(10));
  const timeline: number[] = [];
  for (let i = 0; i < 4; i++) {
    const e = s.pick(0);
    s.opened(e);
    timeline.push(e);
  }
  expect(timeline).toEqual([4, 2, 9, 4]);
});

test.each(schedulers)('%s returns to an endpoint as soon as its connection closes', (name) => {
  const active = new Int32Array(3);
  const s = new IpvsScheduler(name, Int32Array.of(0, 1, 2), active);
  for (let i = 0; i < 3; i++) s.opened(s.pick(0));
  s.closed(1);
  expect(s.pick(0)).toBe(1);
  expect(Array.from(active)).toEqual([1, 0, 1]);
});

test('nq takes the first idle endpoint, and with none idle the shortest expected delay', () => {
  const active = Int32Array.of(3, 0, 0, 1);
  const nq = new IpvsScheduler('nq', Int32Array.of(0, 1, 2, 3), active);
  expect(nq.pick(0)).toBe(1);
  active.set([3, 2, 4, 2]);
  expect(nq.pick(0)).toBe(1); // (2+1) ties with endpoint 3; the first wins
});

test('each node counts only the connections it forwarded', () => {
  const activeA = new Int32Array(2);
  const activeB = new Int32Array(2);
  const a = new IpvsScheduler('lc', Int32Array.of(0, 1), activeA);
  const b = new IpvsScheduler('lc', Int32Array.of(0, 1), activeB);
  a.opened(a.pick(0));
  a.opened(a.pick(0));
  a.opened(a.pick(0)); // node A: endpoint 0 has 2, endpoint 1 has 1
  expect(a.pick(0)).toBe(1);
  expect(b.pick(0)).toBe(0); // node B has seen none of A's connections
});
