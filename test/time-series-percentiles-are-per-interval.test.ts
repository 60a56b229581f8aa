import { afterEach, expect, test } from 'vitest';
import { TimeSeries } from '../src/stats/time-series.js';

let series: TimeSeries | undefined;
afterEach(() => series?.destroy());

test('each row has the percentiles of the requests completed within its interval only', () => {
  series = new TimeSeries(1, 1);
  for (let i = 0; i < 100; i++) {
    series.sent(i / 100);
    series.completed(i / 100, 0.010);
  }
  for (let i = 0; i < 100; i++) {
    series.sent(1 + i / 100);
    series.completed(1 + i / 100, 0.100);
  }
  series.finish(2);

  // The histogram keeps 2 significant digits: values within 1%.
  const [first, second] = series.rows();
  expect(series.rows()).toHaveLength(2);
  expect(Math.abs(first.latencyP50 - 0.010)).toBeLessThanOrEqual(0.010 * 0.01);
  expect(Math.abs(first.latencyP99 - 0.010)).toBeLessThanOrEqual(0.010 * 0.01);
  expect(Math.abs(second.latencyP50 - 0.100)).toBeLessThanOrEqual(0.100 * 0.01);
  expect(Math.abs(second.latencyP99 - 0.100)).toBeLessThanOrEqual(0.100 * 0.01);
});
