import { expect, test } from 'vitest';
import { ClientIpAffinity, NO_AFFINITY } from '../src/model/session-affinity.js';

test('the timeout defaults to 10800 seconds, as the API server defaults it', () => {
  expect(new ClientIpAffinity(1, 1).timeoutSeconds).toBe(10800);
});

test('a client with no entry has no affinity', () => {
  expect(new ClientIpAffinity(2, 3).lookup(1, 2, 0)).toBe(NO_AFFINITY);
});

test('each new connection refreshes the entry, so a client that keeps connecting stays on its pod', () => {
  const a = new ClientIpAffinity(1, 1, 60);
  a.remember(0, 0, 4, 0);
  for (let t = 50; t <= 500; t += 50) {
    expect(a.lookup(0, 0, t)).toBe(4);
    a.remember(0, 0, 4, t);
  }
});

test('the entry holds for timeoutSeconds after the last new connection and is gone just after', () => {
  const a = new ClientIpAffinity(1, 1, 60);
  a.remember(0, 0, 4, 10);
  expect(a.lookup(0, 0, 70)).toBe(4); // xt_recent still matches at exactly --seconds
  expect(a.lookup(0, 0, 70.001)).toBe(NO_AFFINITY);
});

test('looking up does not refresh: only a new connection through the entry does', () => {
  const a = new ClientIpAffinity(1, 1, 60);
  a.remember(0, 0, 4, 0);
  expect(a.lookup(0, 0, 59)).toBe(4);
  expect(a.lookup(0, 0, 61)).toBe(NO_AFFINITY);
});

test('each node keeps its own table', () => {
  const a = new ClientIpAffinity(2, 1, 60);
  a.remember(0, 0, 4, 0);
  expect(a.lookup(1, 0, 1)).toBe(NO_AFFINITY);
  a.remember(1, 0, 7, 1);
  expect([a.lookup(0, 0, 2), a.lookup(1, 0, 2)]).toEqual([4, 7]);
});

test('an endpoint that leaves the Service is forgotten on every node; other entries stay', () => {
  const a = new ClientIpAffinity(2, 2, 60);
  a.remember(0, 0, 4, 0);
  a.remember(1, 0, 4, 0);
  a.remember(0, 1, 5, 0);
  a.forgetEndpoint(4);
  expect([a.lookup(0, 0, 1), a.lookup(1, 0, 1), a.lookup(0, 1, 1)]).toEqual([NO_AFFINITY, NO_AFFINITY, 5]);
});

test('with a list capacity, an endpoint list drops its least recently connected client, as xt_recent does', () => {
  const a = new ClientIpAffinity(1, 4, 60, { listCapacity: 2, endpoints: 3 });
  a.remember(0, 0, 1, 0);
  a.remember(0, 1, 1, 1);
  a.remember(0, 0, 1, 2); // client 0 is now the most recent
  a.remember(0, 2, 1, 3); // evicts client 1
  a.remember(0, 3, 2, 3); // another endpoint's list is separate
  expect([0, 1, 2, 3].map((c) => a.lookup(0, c, 4))).toEqual([1, NO_AFFINITY, 1, 2]);
  a.remember(0, 0, 2, 5); // moving client 0 to endpoint 2 frees its place on endpoint 1
  a.remember(0, 1, 1, 6);
  expect([0, 1, 2, 3].map((c) => a.lookup(0, c, 7))).toEqual([2, 1, 1, 2]);
  a.forgetEndpoint(1);
  expect([0, 1, 2, 3].map((c) => a.lookup(0, c, 8))).toEqual([2, NO_AFFINITY, NO_AFFINITY, 2]);
});

test('a table too large to hold is refused, naming what to lower', () => {
  expect(() => new ClientIpAffinity(100, 200_000)).toThrow(new RangeError(
    'session affinity: 100 nodes x 200000 clients is 20000000 table entries, more than 16777216: lower the client population or the number of nodes',
  ));
});
