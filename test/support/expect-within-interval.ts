import { expect } from 'vitest';
import { meanConfidenceInterval } from '../../src/stats/confidence.js';

/** The confidence level of every validation interval: a true value falls outside once in 1000. */
export const VALIDATION_LEVEL = 0.999;

/**
 * Asserts that `expected` lies inside the 99.9% t-interval of the mean of `observations`
 * (one per independent replication), and that the interval is narrower than
 * `maxRelativeHalfWidth` of `expected`, so that the check could actually fail.
 */
export function expectWithinInterval(observations: number[], expected: number, maxRelativeHalfWidth: number): void {
  const { mean, halfWidth } = meanConfidenceInterval(observations, VALIDATION_LEVEL);
  const where = `mean ${mean} +- ${halfWidth} (relative half-width ${(halfWidth / expected).toFixed(4)}), expected ${expected}`;
  expect(halfWidth / expected, `interval too wide to be a test: ${where}`).toBeLessThan(maxRelativeHalfWidth);
  expect(Math.abs(mean - expected), `expected value outside the interval: ${where}`).toBeLessThanOrEqual(halfWidth);
}
