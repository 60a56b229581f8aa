import { expect, test } from 'vitest';
import { Simulator } from '../src/engine/simulator.js';

/** The source is a stream that keeps one event pending: here ticks at the given times. */
function ticking(times: number[]) {
  const sim = new Simulator();
  const log: Array<[string, number]> = [];
  const say = sim.register((i) => log.push([`q${i}`, sim.now]));
  let next = 0;
  const tick = sim.register(() => {
    log.push([`tick${next}`, sim.now]);
    next++;
    if (next < times.length) sim.scheduleSourceAt(times[next], tick);
  });
  const start = () => sim.scheduleSourceAt(times[0], tick);
  return { sim, log, say, tick, start };
}

test('source events interleave with queued ones by time, and ties go by scheduling order', () => {
  const { sim, log, say, start } = ticking([1, 2, 2, 3]);
  sim.schedule(2, say, 0); // scheduled before the ticks at 2 exist: fires first
  start();
  sim.schedule(1, say, 1); // after tick0 was scheduled: fires after it
  sim.schedule(3, say, 2); // before the tick at 3 is scheduled (that happens at t=2)
  expect(sim.pending).toBe(4);
  expect(sim.run()).toBe('empty');
  expect(log).toEqual([['tick0', 1], ['q1', 1], ['q0', 2], ['tick1', 2], ['tick2', 2], ['q2', 3], ['tick3', 3]]);
  expect(sim.eventsProcessed).toBe(7);
});

test('cancelling or replacing the source event, and stopping at `until` with only the source left', () => {
  const { sim, log, say, tick, start } = ticking([5, 7, 8]);
  start();
  sim.cancelSource();
  expect(sim.pending).toBe(0);
  expect(sim.run()).toBe('empty');
  sim.scheduleSourceAt(4, tick); // replaces nothing, then is replaced:
  sim.scheduleSourceAt(6.5, tick);
  sim.schedule(1, say, 0);
  expect(sim.run({ until: 6 })).toBe('until');
  expect(sim.now).toBe(6);
  expect(log).toEqual([['q0', 1]]);
  expect(sim.run({ maxEvents: 1 })).toBe('maxEvents');
  expect(log).toEqual([['q0', 1], ['tick0', 6.5]]);
  expect(() => sim.scheduleSourceAt(1, tick)).toThrow(RangeError);
});

test('a source event at infinity with nothing queued stops a bounded run at its bound', () => {
  const { sim, log, tick } = ticking([Infinity]);
  sim.scheduleSourceAt(Infinity, tick); // e.g. arrivals after a load step to rate 0
  expect(sim.run({ until: 10 })).toBe('until');
  expect(sim.now).toBe(10);
  expect(log).toEqual([]);
  expect(sim.pending).toBe(1);
});
