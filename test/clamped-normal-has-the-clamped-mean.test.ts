import { expect, test } from 'vitest';
import { NonNegative, Normal, normalCdf } from '../src/engine/distributions.js';
import { RandomStreams } from '../src/engine/random.js';
import { expectWithinInterval } from './support/expect-within-interval.js';

test('the normal CDF matches table values', () => {
  expect(normalCdf(0)).toBeCloseTo(0.5, 7);
  expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
  expect(normalCdf(-2.326347874)).toBeCloseTo(0.01, 6);
});

test('a normal clamped at zero reports, and draws with, the mean of max(0, X)', () => {
  const means = Array.from({ length: 20 }, (_, r) => {
    const d = new NonNegative(new Normal(0.001, 0.002, new RandomStreams(7, r).stream('jitter')));
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += d.sample();
    return sum / 20000;
  });
  const analytic = new NonNegative(new Normal(0.001, 0.002, () => 0.5)).mean;
  expect(analytic).toBeGreaterThan(0.001); // clamping raises the mean above the unclamped 1 ms
  expectWithinInterval(means, analytic, 0.02);
});
