import { expect, test } from 'vitest';
import { parseObjective } from '../src/scenario/slo-text.js';

test('objectives read as users write them, with their summary column, threshold in the metric\'s unit and CSV column', () => {
  expect(parseObjective('p99<=50ms')).toEqual({ text: 'p99<=50ms', column: 'slo_p99_le_50ms', metric: 'latency_p99_ms', op: '<=', threshold: 0.05 });
  expect(parseObjective('p999<=200ms')).toMatchObject({ column: 'slo_p999_le_200ms', metric: 'latency_p999_ms', threshold: 0.2 });
  expect(parseObjective(' p99.9 <= 1s ')).toMatchObject({ text: 'p99.9<=1s', column: 'slo_p999_le_1s', metric: 'latency_p999_ms', threshold: 1 });
  expect(parseObjective('mean<=20ms')).toMatchObject({ column: 'slo_mean_le_20ms', metric: 'latency_mean_ms', threshold: 0.02 });
  expect(parseObjective('p50<1m30s')).toMatchObject({ column: 'slo_p50_lt_1m30s', op: '<', threshold: 90 });
  expect(parseObjective('errors<=0.1%')).toMatchObject({ column: 'slo_errors_le_0.1pct', metric: 'error_fraction', threshold: 0.001 });
  expect(parseObjective('utilization<=70%')).toMatchObject({ column: 'slo_utilization_le_70pct', metric: 'pod_util_max', threshold: 0.7 });
});

test('what is not an objective says why', () => {
  expect(parseObjective('p99=50ms')).toEqual({ problem: 'must be like "p99<=50ms", "mean<=20ms", "errors<=0.1%" or "utilization<=70%"' });
  expect(parseObjective('p95<=50ms')).toEqual({ problem: 'unknown metric "p95": supported metrics: mean, p50, p90, p99, p999, p99.9, max, errors, utilization' });
  expect(parseObjective('p99<=50')).toEqual({ problem: 'the threshold of p99 must be a duration, like "250ms", "1m30s" or "1.5h" (units ns, us, ms, s, m, h)' });
  expect(parseObjective('errors<=0.001')).toEqual({ problem: 'the threshold of errors must be a percentage, like "0.1%" or "70%"' });
  expect(parseObjective('utilization<=150%')).toEqual({ problem: 'the threshold of utilization must be at most 100%' });
});
