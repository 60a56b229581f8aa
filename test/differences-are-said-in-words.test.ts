import { expect, test } from 'vitest';
import { differenceInWords, differenceStatement } from '../src/output/console-words.js';
import type { MetricDifference } from '../src/stats/results.js';

const diff = (difference: number, low: number, high: number): MetricDifference => ({
  metric: 'latency_p50_ms', baseline: 0.02, variant: 0.02 + difference, difference, low, high, significant: low > 0 || high < 0,
});

test('a significant difference says how much higher or lower, with its interval, to two significant digits', () => {
  expect(differenceInWords(diff(-0.0031, -0.0034, -0.0028), 'p50', ' ms', 1000)).toBe('p50 3.1 ms lower (2.8 to 3.4)');
  expect(differenceInWords(diff(0.041, 0.035, 0.047), 'p99', ' ms', 1000)).toBe('p99 41 ms higher (35 to 47)');
  expect(differenceInWords(diff(0.26, 0.183, 0.337), 'p99', ' ms', 1000)).toBe('p99 260 ms higher (183 to 337)');
});

test('an interval that holds zero is not significant, and identical replications are the same', () => {
  expect(differenceInWords(diff(0.0001, -0.0004, 0.0006), 'p90', ' ms', 1000)).toBe('p90 not significantly different (-0.40 to 0.60 ms)');
  expect(differenceInWords(diff(0, 0, 0), 'p50', ' ms', 1000)).toBe('p50 the same');
});

test('a variant\'s line names it and the baseline, and says errors only when some request did not complete', () => {
  const metrics: MetricDifference[] = [
    { ...diff(0.0031, 0.0028, 0.0034), metric: 'latency_mean_ms' },
    { ...diff(-0.0031, -0.0034, -0.0028), metric: 'latency_p50_ms' },
    { ...diff(0.041, 0.035, 0.047), metric: 'latency_p99_ms' },
    { ...diff(0.05, 0.04, 0.06), metric: 'latency_p999_ms' },
    { metric: 'error_fraction', baseline: 0, variant: 0, difference: 0, low: 0, high: 0, significant: false },
  ];
  const line = differenceStatement({ variant: 'Local', baseline: 'Cluster', metrics });
  expect(line).toBe('Local vs Cluster: mean 3.1 ms higher (2.8 to 3.4), p50 3.1 ms lower (2.8 to 3.4), p99 41 ms higher (35 to 47), '
    + 'p99.9 50 ms higher (40 to 60)');
  metrics[4] = { metric: 'error_fraction', baseline: 0.001, variant: 0.013, difference: 0.012, low: 0.009, high: 0.015, significant: true };
  expect(differenceStatement({ variant: 'Local', baseline: 'Cluster', metrics })).toMatch(/, errors 1\.2 percentage points higher \(0\.9 to 1\.5\)$/);
});
