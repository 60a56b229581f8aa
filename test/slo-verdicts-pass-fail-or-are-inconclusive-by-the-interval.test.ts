import { expect, test } from 'vitest';
import { parseObjective } from '../src/scenario/slo-text.js';
import { judge, judgeVariant } from '../src/stats/objectives.js';
import type { Objective } from '../src/stats/results.js';
import { metricIndex, SUMMARY_COLUMNS } from '../src/stats/summary-metrics.js';

const objective = (text: string) => parseObjective(text) as Objective;
const p99 = objective('p99<=50ms');
const verdict = (o: Objective, mean: number, halfWidth: number, stable = true) => judge(o, { mean, halfWidth }, stable).verdict;

test('an interval wholly within the threshold passes, wholly beyond fails, and straddling it is inconclusive', () => {
  expect(verdict(p99, 0.040, 0.005)).toBe('pass');
  expect(verdict(p99, 0.045, 0.005)).toBe('pass');
  expect(verdict(p99, 0.060, 0.005)).toBe('fail');
  expect(verdict(p99, 0.048, 0.005)).toBe('inconclusive');
  expect(verdict(p99, 0.052, 0.005)).toBe('inconclusive');
  // Binary fractions, so the bounds are exact: 3/64 +- 1/128 s.
  expect(judge(p99, { mean: 0.046875, halfWidth: 0.0078125 }, true)).toMatchObject({ verdict: 'inconclusive', value: 0.046875, low: 0.0390625, high: 0.0546875 });
});

test('without an interval (a percentile of one run) the value alone decides: at the threshold passes <= and fails <', () => {
  expect(verdict(p99, 0.0499, NaN)).toBe('pass');
  expect(verdict(p99, 0.05, NaN)).toBe('pass');
  expect(verdict(p99, 0.0501, NaN)).toBe('fail');
  expect(verdict(objective('p99<50ms'), 0.05, NaN)).toBe('fail');
});

test('an unstable variant fails its latency objectives but is judged on errors and utilization; a missing value fails', () => {
  expect(verdict(p99, 0.010, 0.001, false)).toBe('fail');
  expect(verdict(objective('errors<=1%'), 0, 0, false)).toBe('pass');
  expect(verdict(objective('utilization<=70%'), 0.99, 0.001, false)).toBe('fail');
  expect(verdict(p99, NaN, NaN)).toBe('fail');
});

test('a variant fails when any objective fails, else is inconclusive when any is, else passes', () => {
  const intervals = SUMMARY_COLUMNS.map(() => ({ mean: 0, halfWidth: NaN }));
  intervals[metricIndex('stable')] = { mean: 1, halfWidth: NaN };
  intervals[metricIndex('latency_p99_ms')] = { mean: 0.049, halfWidth: 0.002 };
  intervals[metricIndex('error_fraction')] = { mean: 0.0001, halfWidth: 0.00005 };
  const objectives = [p99, objective('errors<=0.1%')];
  expect(judgeVariant('Local', objectives, intervals).verdict).toBe('inconclusive');
  intervals[metricIndex('error_fraction')] = { mean: 0.01, halfWidth: 0.001 };
  expect(judgeVariant('Local', objectives, intervals).objectives.map((o) => o.verdict)).toEqual(['inconclusive', 'fail']);
  expect(judgeVariant('Local', objectives, intervals).verdict).toBe('fail');
  intervals[metricIndex('latency_p99_ms')] = { mean: 0.03, halfWidth: 0.002 };
  intervals[metricIndex('error_fraction')] = { mean: 0, halfWidth: 0 };
  expect(judgeVariant('Local', objectives, intervals).verdict).toBe('pass');
});
