import { expect, test } from 'vitest';
import { EventQueue } from '../src/engine/event-queue.js';
import { below, RandomStreams } from '../src/engine/random.js';
import { Simulator } from '../src/engine/simulator.js';

// The queue keeps one event aside, beside its heap: the first inserted while that place is
// empty. Where an event waits must not change when it fires: (time, insertion order).

const NAMES = 'abcdefghij';

/** Takes the next event: its name (from its argument) and time, or 'cancelled'. */
function next(q: EventQueue): [string, number] {
  const time = q.peekTime();
  const h = q.removeNext();
  return [h < 0 ? 'cancelled' : NAMES[q.arg], time];
}

function drain(q: EventQueue): Array<[string, number]> {
  const fired: Array<[string, number]> = [];
  while (!q.isEmpty()) fired.push(next(q));
  return fired;
}

test('events fire in time order, ties in insertion order, whether they wait aside or in the heap', () => {
  const q = new EventQueue();
  q.insert(1, 0, 0); // a waits aside
  q.insert(5, 0, 1); // b, c in the heap
  q.insert(5, 0, 2);
  expect(next(q)).toEqual(['a', 1]);
  q.insert(5, 0, 3); // d waits aside, newer than b and c at the same time
  q.insert(3, 0, 4); // e in the heap, earlier than all
  q.insert(5, 0, 5); // f in the heap, newer than d
  expect(drain(q)).toEqual([['e', 3], ['b', 5], ['c', 5], ['d', 5], ['f', 5]]);
  q.insert(7, 0, 6); // g aside, older than h at the same time
  q.insert(7, 0, 7);
  q.insert(6, 0, 8);
  expect(drain(q)).toEqual([['i', 6], ['g', 7], ['h', 7]]);
});

test('a process that schedules its next event first interleaves with the others by time, ties in scheduling order', () => {
  // Ticks at 1, 2, 2, 3: each tick schedules the next as it fires, as an arrival process does.
  const sim = new Simulator();
  const log: Array<[string, number]> = [];
  const say = sim.register((i) => log.push([`q${i}`, sim.now]));
  const times = [1, 2, 2, 3];
  let n = 0;
  const tick = sim.register(() => {
    log.push([`tick${n}`, sim.now]);
    n++;
    if (n < times.length) sim.scheduleAt(times[n], tick);
  });
  sim.schedule(2, say, 0); // scheduled before the ticks at 2 exist: fires first
  sim.scheduleAt(times[0], tick);
  sim.schedule(1, say, 1); // after tick0 was scheduled: fires after it
  sim.schedule(3, say, 2); // before the tick at 3 is scheduled (that happens at t=2)
  expect(sim.pending).toBe(4);
  expect(sim.run()).toBe('empty');
  expect(log).toEqual([['tick0', 1], ['q1', 1], ['q0', 2], ['tick1', 2], ['tick2', 2], ['q2', 3], ['tick3', 3]]);
  expect(sim.eventsProcessed).toBe(7);
});

test('cancelling the event aside skips it, and live and pending count only live events', () => {
  const q = new EventQueue();
  const a = q.insert(1, 0, 0); // aside
  q.insert(2, 0, 1);
  expect([q.live, q.size]).toEqual([2, 2]);
  expect(q.remove(a)).toBe(true);
  expect(q.remove(a)).toBe(false);
  // Lazy: the cancelled event stays queued, and comes up as cancelled.
  expect([q.live, q.size]).toEqual([1, 2]);
  expect(next(q)).toEqual(['cancelled', 1]);
  expect([q.live, q.size]).toEqual([1, 1]);
  const c = q.insert(1.5, 0, 2); // the place aside is free again
  expect(q.remove(c)).toBe(true);
  expect(q.live).toBe(1);
  expect(drain(q)).toEqual([['cancelled', 1.5], ['b', 2]]);
  expect([q.live, q.size, q.isEmpty()]).toEqual([0, 0, true]);
  expect(q.remove(c)).toBe(false); // already came up

  const sim = new Simulator();
  const log: Array<[string, number]> = [];
  const say = sim.register((i) => log.push([NAMES[i], sim.now]));
  const first = sim.schedule(1, say, 0); // aside
  sim.schedule(2, say, 1);
  expect(sim.cancel(first)).toBe(true);
  expect(sim.pending).toBe(1);
  expect(sim.run()).toBe('empty');
  expect(log).toEqual([['b', 2]]);
  expect(sim.eventsProcessed).toBe(1);
  expect(sim.pending).toBe(0);
});

test('an event at infinity with nothing else pending stops a bounded run at its bound', () => {
  const sim = new Simulator();
  const log: number[] = [];
  const tick = sim.register(() => log.push(sim.now));
  sim.scheduleAt(Infinity, tick); // e.g. arrivals after a load step to rate 0; it waits aside
  expect(sim.run({ until: 10 })).toBe('until');
  expect(sim.now).toBe(10);
  expect(log).toEqual([]);
  expect(sim.pending).toBe(1);
});

test('random inserts, cancels and removals come out as a sorted reference says', () => {
  interface Pending { time: number; seq: number; handle: number; handler: number; arg: number; cancelled: boolean }
  const u = new RandomStreams(2026).stream('event-queue');
  const q = new EventQueue(4); // small, so that it grows during the run
  let pending: Pending[] = [];
  let seq = 0;
  let now = 0;
  let lastFired = -1;
  let maxPending = 0;
  // Where the reference says the queue keeps each event, to show the run reaches every case.
  let aside: Pending | null = null;
  const reached = { asideCancelled: 0, asideTiedWithOlderInHeap: 0, asideTiedWithNewerInHeap: 0 };

  const earliest = () => pending.reduce((m, p) => (p.time < m.time || (p.time === m.time && p.seq < m.seq) ? p : m));
  const removeNext = (step: number) => {
    const e = earliest();
    if (e === aside) {
      if (pending.some((p) => p !== e && p.time === e.time && p.seq > e.seq)) reached.asideTiedWithNewerInHeap++;
      aside = null;
    } else if (aside && aside.time === e.time) {
      reached.asideTiedWithOlderInHeap++;
    }
    expect(q.peekTime(), `step ${step}`).toBe(e.time);
    const h = q.removeNext();
    expect(h, `step ${step}`).toBe(e.cancelled ? -1 : e.handler);
    if (!e.cancelled) expect(q.arg, `step ${step}`).toBe(e.arg);
    pending = pending.filter((p) => p !== e);
    now = e.time;
    lastFired = e.handle;
  };

  for (let step = 0; step < 5000; step++) {
    const r = u();
    if (r < 0.42) {
      // Few distinct times, so that ties are common.
      const p: Pending = { time: now + below(u, 4) * 0.5, seq: seq++, handle: 0, handler: below(u, 3), arg: 0, cancelled: false };
      p.arg = p.seq;
      p.handle = q.insert(p.time, p.handler, p.arg);
      if (!aside) aside = p;
      pending.push(p);
      maxPending = Math.max(maxPending, pending.length);
    } else if (r < 0.55) {
      const live = pending.filter((p) => !p.cancelled);
      if (live.length > 0) {
        const p = live[below(u, live.length)];
        expect(q.remove(p.handle), `step ${step}`).toBe(true);
        p.cancelled = true;
        if (p === aside) reached.asideCancelled++;
      }
      // Cancelling twice, or after the event came up, does nothing.
      const cancelled = pending.find((p) => p.cancelled);
      if (cancelled) expect(q.remove(cancelled.handle), `step ${step}`).toBe(false);
      if (lastFired >= 0) expect(q.remove(lastFired), `step ${step}`).toBe(false);
    } else if (pending.length > 0) {
      removeNext(step);
    }
    expect(q.isEmpty(), `step ${step}`).toBe(pending.length === 0);
    expect(q.size, `step ${step}`).toBe(pending.length);
    expect(q.live, `step ${step}`).toBe(pending.filter((p) => !p.cancelled).length);
  }
  while (pending.length > 0) removeNext(-1);
  expect([q.isEmpty(), q.live, q.size]).toEqual([true, 0, 0]);
  for (const [key, count] of Object.entries(reached)) expect(count, key).toBeGreaterThan(0);
  expect(maxPending, 'the queue grew past its first capacity').toBeGreaterThan(4);
});
