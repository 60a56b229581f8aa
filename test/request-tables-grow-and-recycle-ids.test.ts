import { expect, test } from 'vitest';
import { RequestTable } from '../src/model/request-table.js';
import { ClientRequests } from '../src/workload/client-requests.js';

test('the request tables keep every column through growth, and reuse closed ids', () => {
  const attempts = new RequestTable();
  const requests = new ClientRequests();
  const ids = Array.from({ length: 5000 }, (_, i) => {
    const id = attempts.open(i, i % 11, i % 4, i % 7);
    // The columns open() leaves alone are set directly, as the path does.
    attempts.returnDelay[id] = i / 2;
    attempts.hops[id] = 1 + (i % 3);
    attempts.forwarded[id] = i % 2 === 0 ? 1 : 0;
    return id;
  });
  const cids = Array.from({ length: 5000 }, (_, i) => {
    const id = requests.open(i * 2, i);
    requests.attemptAt[id] = i * 3;
    return id;
  });
  expect(new Set(ids).size).toBe(5000);
  expect(attempts.inFlight).toBe(5000);
  const column = (c: ArrayLike<number>) => ids.map((id) => c[id]);
  const each = (f: (i: number) => number) => ids.map((_, i) => f(i));
  expect(column(attempts.sentAt)).toEqual(each((i) => i));
  expect(column(attempts.logical)).toEqual(each((i) => i % 11));
  expect(column(attempts.node)).toEqual(each((i) => i % 4));
  expect(column(attempts.pod)).toEqual(each((i) => i % 7));
  expect(column(attempts.entryPod)).toEqual(each((i) => i % 7));
  expect(column(attempts.route)).toEqual(each(() => -1));
  expect(column(attempts.returnDelay)).toEqual(each((i) => i / 2));
  expect(column(attempts.hops)).toEqual(each((i) => 1 + (i % 3)));
  expect(column(attempts.forwarded)).toEqual(each((i) => (i % 2 === 0 ? 1 : 0)));
  expect(new Set(cids).size).toBe(5000);
  expect(requests.inFlight).toBe(5000);
  const clientColumn = (c: ArrayLike<number>) => cids.map((id) => c[id]);
  expect(clientColumn(requests.sentAt)).toEqual(each((i) => i * 2));
  expect(clientColumn(requests.client)).toEqual(each((i) => i));
  expect(clientColumn(requests.attemptAt)).toEqual(each((i) => i * 3));
  expect(clientColumn(requests.retries)).toEqual(each(() => 0));
  expect(clientColumn(requests.timer)).toEqual(each(() => -1));
  expect(clientColumn(requests.attempt)).toEqual(each(() => -1));
  expect(clientColumn(requests.lost)).toEqual(each(() => 0));
  attempts.close(ids[42]);
  expect(attempts.inFlight).toBe(4999);
  expect(attempts.open(0, 0, 0, 0)).toBe(ids[42]);
  requests.close(cids[7]);
  expect(requests.inFlight).toBe(4999);
  expect(requests.open(0, 0)).toBe(cids[7]);
});
