import { expect, test } from 'vitest';
import type { Uniform } from '../src/engine/random.js';
import { RandomStreams } from '../src/engine/random.js';

function draws(u: Uniform, n = 5): number[] {
  return Array.from({ length: n }, () => u());
}

test('adding a stream and drawing from it does not shift the draws of another', () => {
  const alone = new RandomStreams(7, 0);
  const expected = draws(alone.stream('arrivals'), 10);

  const crowded = new RandomStreams(7, 0);
  const service = crowded.stream('service');
  const arrivals = crowded.stream('arrivals');
  const interleaved: number[] = [];
  for (let i = 0; i < 10; i++) {
    service();
    interleaved.push(arrivals());
    service();
  }
  expect(interleaved).toEqual(expected);
});

test('the same (seed, replication, name) gives the same draws', () => {
  expect(draws(new RandomStreams(7, 3).stream('lb'))).toEqual(draws(new RandomStreams(7, 3).stream('lb')));
});

test('asking for a stream again continues it rather than restarting it', () => {
  const streams = new RandomStreams(7, 0);
  const first = draws(streams.stream('lb'), 3);
  const more = draws(streams.stream('lb'), 3);
  expect([...first, ...more]).toEqual(draws(new RandomStreams(7, 0).stream('lb'), 6));
});

test('a different seed, replication or name gives different draws', () => {
  const base = draws(new RandomStreams(7, 0).stream('lb'));
  expect(draws(new RandomStreams(8, 0).stream('lb'))).not.toEqual(base);
  expect(draws(new RandomStreams(7, 1).stream('lb'))).not.toEqual(base);
  expect(draws(new RandomStreams(7, 0).stream('lb2'))).not.toEqual(base);
});

test('draws are uniform in [0, 1)', () => {
  const u = new RandomStreams(7, 0).stream('check');
  let min = 1;
  let max = 0;
  for (let i = 0; i < 10_000; i++) {
    const x = u();
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  expect(min).toBeGreaterThanOrEqual(0);
  expect(max).toBeLessThan(1);
  expect(min).toBeLessThan(0.001);
  expect(max).toBeGreaterThan(0.999);
});

test('a seed that is not an integer is rejected', () => {
  expect(() => new RandomStreams(1.5)).toThrow(new RangeError('seed must be an integer, got 1.5'));
});
