import * as hdr from 'hdr-histogram-js';
import { expect, test } from 'vitest';
import { Exponential } from '../src/engine/distributions.js';
import { RandomStreams } from '../src/engine/random.js';
import { LatencyHistogram } from '../src/stats/latency-histogram.js';

test('seconds are recorded as nanoseconds where the library puts them, and read back in seconds', () => {
  const ours = new LatencyHistogram(3);
  const perPod = new LatencyHistogram(2);
  const library = hdr.build({ bitBucketSize: 64, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 2 ** 20,
    numberOfSignificantValueDigits: 3, useWebAssembly: true });
  const latency = new Exponential(0.033, new RandomStreams(3, 0).stream('latency'));
  for (let i = 0; i < 50_000; i++) {
    const x = latency.sample();
    ours.record(x);
    perPod.record(x);
    library.recordValue(Math.round(x * 1e9));
  }
  for (const p of [0, 1, 10, 50, 90, 99, 99.9, 99.99, 100]) {
    expect(ours.percentile(p), `p${p}`).toBe(library.getValueAtPercentile(p) / 1e9);
  }
  expect(ours.count).toBe(library.totalCount);
  // Two significant digits: within 1% of the three-digit value.
  expect(Math.abs(perPod.percentile(99) / ours.percentile(99) - 1)).toBeLessThan(0.01);
  ours.destroy();
  perPod.destroy();
  library.destroy();
});
