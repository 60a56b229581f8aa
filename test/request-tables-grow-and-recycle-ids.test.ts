import { expect, test } from 'vitest';
import { ClientRequests } from '../src/model/client-requests.js';
import { RequestTable } from '../src/model/request-table.js';

test('the request tables keep every column through growth, and reuse closed ids', () => {
  const attempts = new RequestTable();
  const requests = new ClientRequests();
  const ids = Array.from({ length: 5000 }, (_, i) => attempts.open(i, i / 2, i % 7, 1 + (i % 3), i % 2 === 0, true, i % 5 === 0));
  const cids = Array.from({ length: 5000 }, (_, i) => requests.open(i * 2, i, i % 3 === 0));
  expect(new Set(ids).size).toBe(5000);
  expect(attempts.inFlight).toBe(5000);
  ids.forEach((id, i) => {
    expect(attempts.sentAt[id]).toBe(i);
    expect(attempts.returnDelay[id]).toBe(i / 2);
    expect(attempts.pod[id]).toBe(i % 7);
    expect(attempts.measured[id]).toBe(i % 5 === 0 ? 1 : 0);
  });
  cids.forEach((id, i) => {
    expect(requests.sentAt[id]).toBe(i * 2);
    expect(requests.client[id]).toBe(i);
  });
  attempts.close(ids[42]);
  expect(attempts.inFlight).toBe(4999);
  expect(attempts.open(0, 0, 0, 0, false, false, false)).toBe(ids[42]);
});
