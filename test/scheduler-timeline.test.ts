import { expect, test } from 'vitest';
import { EventQueue } from '../src/engine/event-queue.js';
import { Simulator } from '../src/engine/simulator.js';

/** A simulator whose handlers write (name, time) into a timeline. */
function timeline() {
  const sim = new Simulator();
  const log: Array<[string, number]> = [];
  const names = ['a', 'b', 'c', 'd'];
  const say = sim.register((i) => log.push([names[i], sim.now]));
  return { sim, log, say };
}

test('events at the same time fire in the order they were scheduled', () => {
  const { sim, log, say } = timeline();
  sim.schedule(2, say, 0);
  sim.schedule(1, say, 1);
  sim.schedule(2, say, 2);
  sim.scheduleAt(1, say, 3);
  expect(sim.run()).toBe('empty');
  expect(log).toEqual([['b', 1], ['d', 1], ['a', 2], ['c', 2]]);
});

test('an event scheduled from a handler for the current time fires after the ones already due', () => {
  const { sim, log, say } = timeline();
  const chain = sim.register(() => sim.schedule(0, say, 0));
  sim.schedule(1, chain);
  sim.schedule(1, say, 1);
  sim.run();
  expect(log).toEqual([['b', 1], ['a', 1]]);
});

test('a cancelled event does not fire, and cancelling it twice reports false', () => {
  const { sim, log, say } = timeline();
  sim.schedule(1, say, 0);
  const b = sim.schedule(2, say, 1);
  sim.schedule(3, say, 2);
  expect(sim.pending).toBe(3);
  expect(sim.cancel(b)).toBe(true);
  expect(sim.cancel(b)).toBe(false);
  expect(sim.pending).toBe(2);
  sim.run();
  expect(log).toEqual([['a', 1], ['c', 3]]);
  expect(sim.eventsProcessed).toBe(2);
});

test('cancelling an event that already fired reports false and spares the event now in its slot', () => {
  const { sim, log, say } = timeline();
  const a = sim.schedule(1, say, 0);
  sim.run();
  sim.schedule(1, say, 1); // reuses a's freed slot
  expect(sim.cancel(a)).toBe(false);
  sim.run();
  expect(log).toEqual([['a', 1], ['b', 2]]);
});

test('run until t processes the events at t, stops the clock at t and leaves later ones pending', () => {
  const { sim, log, say } = timeline();
  sim.schedule(1, say, 0);
  sim.schedule(2, say, 1);
  sim.schedule(3, say, 2);
  expect(sim.run({ until: 2.5 })).toBe('until');
  expect(sim.now).toBe(2.5);
  expect(sim.pending).toBe(1);
  expect(sim.run({ until: 3 })).toBe('until');
  expect(log).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  expect(sim.run({ until: 10 })).toBe('until');
  expect(sim.now).toBe(10);
});

test('stop returns from run after the current event, and a later run carries on', () => {
  const { sim, log, say } = timeline();
  const stopper = sim.register(() => sim.stop());
  sim.schedule(1, say, 0);
  sim.schedule(2, stopper);
  sim.schedule(3, say, 1);
  expect(sim.run()).toBe('stopped');
  expect(sim.now).toBe(2);
  expect(log).toEqual([['a', 1]]);
  expect(sim.run()).toBe('empty');
  expect(log).toEqual([['a', 1], ['b', 3]]);
});

test('maxEvents bounds the events processed in one run, not counting cancelled ones', () => {
  const { sim, log, say } = timeline();
  const a = sim.schedule(1, say, 0);
  sim.schedule(2, say, 1);
  sim.schedule(3, say, 2);
  sim.schedule(4, say, 3);
  sim.cancel(a);
  expect(sim.run({ maxEvents: 2 })).toBe('maxEvents');
  expect(log).toEqual([['b', 2], ['c', 3]]);
  expect(sim.now).toBe(3);
  expect(sim.run({ maxEvents: 2 })).toBe('empty');
  expect(sim.eventsProcessed).toBe(3);
});

test('scheduling in the past is rejected', () => {
  const { sim, say } = timeline();
  sim.schedule(1, say, 0);
  sim.run();
  expect(() => sim.schedule(-0.5, say)).toThrow(new RangeError('delay must be a non-negative number, got -0.5'));
  expect(() => sim.schedule(NaN, say)).toThrow(new RangeError('delay must be a non-negative number, got NaN'));
  expect(() => sim.scheduleAt(0.5, say)).toThrow(new RangeError('cannot schedule at 0.5, before now (1)'));
  expect(() => sim.run({ until: 0.5 })).toThrow(new RangeError('until must be a time >= now (1), got 0.5'));
  expect(() => sim.run({ until: NaN })).toThrow(new RangeError('until must be a time >= now (1), got NaN'));
  expect(sim.pending).toBe(0);
});

test('the queue grows past its initial capacity and still fires in time order', () => {
  const sim = new Simulator(new EventQueue(4));
  const fired: number[] = [];
  const h = sim.register((i) => fired.push(i));
  for (let i = 99; i >= 0; i--) sim.schedule(i, h, i);
  sim.run();
  expect(fired).toEqual(Array.from({ length: 100 }, (_, i) => i));
});
