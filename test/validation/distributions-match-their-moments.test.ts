import { expect, test } from 'vitest';
import type { Distribution } from '../../src/engine/distributions.js';
import {
  EmpiricalPercentiles, EmpiricalValues, Exponential, LogNormal, Normal, UniformRange, Z99,
} from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { expectWithinInterval } from '../support/expect-within-interval.js';

const N = 200_000;
const streams = new RandomStreams(5, 0);

function samples(d: Distribution, n = N): number[] {
  return Array.from({ length: n }, () => d.sample());
}

/** 1 for each sample at or below x, else 0: their mean estimates the CDF at x. */
function atOrBelow(xs: number[], x: number): number[] {
  return xs.map((v) => (v <= x ? 1 : 0));
}

test('sample means fall inside a 99.9% interval around each distribution\'s mean', () => {
  const cases: Distribution[] = [
    new Exponential(0.01, streams.stream('exponential')),
    new UniformRange(2, 4, streams.stream('uniform')),
    new Normal(5, 2, streams.stream('normal')),
    new LogNormal(-4, 0.5, streams.stream('lognormal')),
    new EmpiricalValues([1, 2, 3, 10], streams.stream('values')),
  ];
  for (const d of cases) expectWithinInterval(samples(d), d.mean, 0.01);
});

test('exponential and normal samples have the right variance', () => {
  const exp = samples(new Exponential(0.01, streams.stream('exponential-variance')));
  expectWithinInterval(exp.map((x) => (x - 0.01) ** 2), 0.01 ** 2, 0.05);
  const normal = samples(new Normal(5, 2, streams.stream('normal-variance')));
  expectWithinInterval(normal.map((x) => (x - 5) ** 2), 4, 0.05);
});

test('a lognormal built from its mean and p99 has that mean and that p99', () => {
  const d = LogNormal.fromMeanP99(0.01, 0.05, streams.stream('lognormal-p99'));
  expect(d.mean).toBeCloseTo(0.01, 15);
  expect(Math.exp(d.mu + Z99 * d.sigma)).toBeCloseTo(0.05, 12);
  const xs = samples(d);
  expectWithinInterval(xs, 0.01, 0.02);
  expectWithinInterval(atOrBelow(xs, 0.05), 0.99, 0.001);
});

test('a lognormal p99 too far above its mean is rejected with the largest possible p99', () => {
  expect(() => LogNormal.fromMeanP99(0.01, 1, streams.stream('x'))).toThrow(
    new RangeError('lognormal: p99 1 is too far above mean 0.01 (at most 0.1497)'),
  );
});

test('empirical percentiles are reproduced by the samples, and their mean is the interpolated one', () => {
  const points: Array<[number, number]> = [[0, 1], [0.5, 2], [0.9, 5], [0.99, 10], [1, 20]];
  const d = new EmpiricalPercentiles(points, streams.stream('percentiles'));
  const xs = samples(d);
  for (const [p, x] of points.slice(1, -1)) expectWithinInterval(atOrBelow(xs, x), p, 0.01);
  expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(1);
  expect(xs.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(20);
  expect(d.mean).toBeCloseTo(0.5 * 1.5 + 0.4 * 3.5 + 0.09 * 7.5 + 0.01 * 15, 12);
  expectWithinInterval(xs, d.mean, 0.01);
});
