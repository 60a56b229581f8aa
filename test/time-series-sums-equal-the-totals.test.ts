import { afterEach, expect, test } from 'vitest';
import { RandomStreams, below } from '../src/engine/random.js';
import { TimeSeries, type TimeSeriesRow } from '../src/stats/time-series.js';

const INTERVAL = 0.5;
const NODES = 3;
const END = 20.25;
// No events in [GAP_FROM, GAP_TO): intervals 10 to 13 stay empty.
const GAP_FROM = 5;
const GAP_TO = 7.2;

const ENDINGS = ['completed', 'dropped', 'failed', 'rejected', 'timedOut'] as const;

interface Totals {
  sent: number; completed: number; dropped: number; failed: number; rejected: number; timedOut: number; retried: number;
  received: number[];
}

let series: TimeSeries | undefined;
afterEach(() => series?.destroy());

/** Feeds a seeded random event stream; returns the totals and the in-flight value after each event. */
function feed(ts: TimeSeries): { totals: Totals; gauge: Array<[number, number]> } {
  const u = new RandomStreams(11).stream('time-series');
  const totals: Totals = { sent: 0, completed: 0, dropped: 0, failed: 0, rejected: 0, timedOut: 0, retried: 0, received: new Array<number>(NODES).fill(0) };
  const gauge: Array<[number, number]> = [];
  let inFlight = 0;
  let t = 0;
  for (;;) {
    t += u() * 0.02;
    if (t >= GAP_FROM && t < GAP_TO) t = GAP_TO;
    if (t >= END) break;
    // Sent a little more often than ended, so requests pile up in flight.
    const draw = u();
    if (draw < 0.42 || (draw >= 0.62 && inFlight === 0)) {
      ts.sent(t);
      totals.sent++;
      inFlight++;
    } else if (draw < 0.52) {
      const node = below(u, NODES);
      ts.received(t, node);
      totals.received[node]++;
    } else if (draw < 0.62) {
      ts.retried(t);
      totals.retried++;
    } else {
      const kind = ENDINGS[below(u, ENDINGS.length)];
      if (kind === 'completed') ts.completed(t, 0.001 + u() * 0.05);
      else ts[kind](t);
      totals[kind]++;
      inFlight--;
    }
    gauge.push([t, inFlight]);
  }
  ts.finish(END);
  return { totals, gauge };
}

function sum(rows: TimeSeriesRow[], value: (r: TimeSeriesRow) => number): number {
  return rows.reduce((s, r) => s + value(r), 0);
}

test('the rows add up to the totals, carry the in-flight gauge and show empty intervals as zero rows', () => {
  series = new TimeSeries(INTERVAL, NODES);
  const { totals, gauge } = feed(series);
  const rows = series.rows();

  expect(rows).toHaveLength(Math.ceil(END / INTERVAL));
  rows.forEach((r, i) => {
    expect(r.start).toBe(i * INTERVAL);
    expect(r.end).toBe(Math.min((i + 1) * INTERVAL, END));
  });
  expect(rows.at(-1)?.end).toBe(END);

  expect(totals.completed).toBeGreaterThan(100);
  expect(sum(rows, (r) => r.sent)).toBe(totals.sent);
  expect(sum(rows, (r) => r.completed)).toBe(totals.completed);
  expect(sum(rows, (r) => r.dropped)).toBe(totals.dropped);
  expect(sum(rows, (r) => r.failed)).toBe(totals.failed);
  expect(sum(rows, (r) => r.rejected)).toBe(totals.rejected);
  expect(sum(rows, (r) => r.timedOut)).toBe(totals.timedOut);
  expect(sum(rows, (r) => r.retries)).toBe(totals.retried);
  for (let n = 0; n < NODES; n++) expect(sum(rows, (r) => r.received[n])).toBe(totals.received[n]);
  // The series' own totals (the run's totals, read by the Recorder) are the same counts.
  expect([series.sentTotal, series.completedTotal, series.droppedTotal, series.failedTotal, series.rejectedTotal,
    series.timedOutTotal, series.retriesTotal]).toEqual([totals.sent, totals.completed, totals.dropped, totals.failed,
    totals.rejected, totals.timedOut, totals.retried]);
  expect([...series.receivedTotal]).toEqual(totals.received);
  for (const r of rows) expect(r.throughput).toBeCloseTo(r.completed / (r.end - r.start), 9);

  let running = 0;
  for (const r of rows) {
    running += r.sent - (r.completed + r.dropped + r.failed + r.rejected + r.timedOut);
    expect(r.inFlight).toBe(running);
    // The gauge after the last event before the row's end (or the one carried over).
    const last = gauge.filter(([t]) => t < r.end).at(-1);
    expect(r.inFlight).toBe(last ? last[1] : 0);
  }

  const empty = rows.filter((r) => r.start >= GAP_FROM && r.end <= GAP_TO);
  expect(empty.map((r) => r.start)).toEqual([5, 5.5, 6, 6.5]);
  const before = rows[rows.indexOf(empty[0]) - 1];
  expect(before.inFlight).toBeGreaterThan(0);
  for (const r of empty) {
    expect(r).toEqual({
      start: r.start, end: r.start + INTERVAL, sent: 0, completed: 0, throughput: 0, dropped: 0, failed: 0, rejected: 0,
      timedOut: 0, retries: 0, latencyP50: NaN, latencyP99: NaN, received: [0, 0, 0], inFlight: before.inFlight,
    });
  }
});
