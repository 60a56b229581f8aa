import { expect, test } from 'vitest';
import { RandomStreams } from '../src/engine/random.js';
import { TimeSeriesTable, type TimeSeriesRow } from '../src/stats/time-series-table.js';

test('a packed time-series table gives back every row exactly, across its pages', () => {
  const u = new RandomStreams(7, 0).stream('rows');
  const nodes = 3;
  const rows: TimeSeriesRow[] = [];
  for (let i = 0; i < 2500; i++) {
    const start = i * 0.5;
    // Every 7th row is cut short, every 11th has zero length (events at exactly the end).
    const end = i % 11 === 0 ? start : i % 7 === 0 ? start + 0.25 * u() : start + 0.5;
    const completed = Math.floor(u() * 1000);
    rows.push({
      start, end, sent: Math.floor(u() * 1000), completed,
      throughput: end > start ? completed / (end - start) : NaN,
      dropped: i % 3, failed: i % 5, rejected: i % 2, timedOut: i % 13, retries: i % 17,
      latencyP50: completed > 0 ? u() / 10 : NaN, latencyP99: completed > 0 ? u() : NaN,
      received: Array.from({ length: nodes }, () => Math.floor(u() * 300)),
      inFlight: Math.floor(u() * 50),
    });
  }
  // Pages hold 1024 rows: 2500 rows fill two and start a third.
  const table = new TimeSeriesTable(nodes);
  for (const r of rows) table.push(r, r.received);
  expect(table.length).toBe(rows.length);
  expect(table.rows()).toEqual(rows);
  expect(() => table.row(2500)).toThrow(RangeError);
  expect(() => table.row(-1)).toThrow(RangeError);
});
