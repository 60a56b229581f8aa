import { expect, test } from 'vitest';
import { batchMeansInterval, meanConfidenceInterval } from '../src/stats/confidence.js';

test('the interval is the mean plus or minus t times the standard error', () => {
  // mean 5, sample standard deviation sqrt(2.5), n = 5: half-width = t(0.975, 4) sqrt(2.5/5).
  const ci = meanConfidenceInterval([3, 4, 5, 6, 7], 0.95);
  expect(ci.mean).toBe(5);
  expect(ci.n).toBe(5);
  expect(ci.halfWidth).toBeCloseTo(2.7764451051977934 * Math.sqrt(0.5), 12);
});

test('fewer than two observations give no half-width, and none give no mean', () => {
  expect(meanConfidenceInterval([4], 0.95)).toEqual({ mean: 4, halfWidth: NaN, n: 1 });
  expect(meanConfidenceInterval([], 0.95)).toEqual({ mean: NaN, halfWidth: NaN, n: 0 });
});

test('a large common offset does not destroy the spread', () => {
  const ci = meanConfidenceInterval([1e9 + 1, 1e9 + 2, 1e9 + 3], 0.9);
  expect(ci.halfWidth).toBeCloseTo(2.9199855803537242 * Math.sqrt(1 / 3), 6);
});

test('batch means get the same t-interval', () => {
  const batches = [0.031, 0.034, 0.033, 0.036, 0.032, 0.035];
  expect(batchMeansInterval(batches, 0.95)).toEqual(meanConfidenceInterval(batches, 0.95));
});

test('a level outside (0, 1) is rejected', () => {
  expect(() => meanConfidenceInterval([1, 2], 95)).toThrow(new RangeError('level must be in (0, 1), got 95'));
});
