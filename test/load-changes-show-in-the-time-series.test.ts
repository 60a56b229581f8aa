import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { smallCluster } from './support/small-cluster.js';

// Poisson arrivals: the count in a window is Poisson with mean rate x length, so it lies within
// 3.29 standard deviations of it but once in 1000.
function expectCount(observed: number, mean: number): void {
  expect(Math.abs(observed - mean), `${observed} vs ${mean}`).toBeLessThanOrEqual(3.29 * Math.sqrt(mean));
}

test('a rate step and a ramp change the arrival rate when and as the timeline says', () => {
  const file = smallCluster({
    nodes: { 'node-a': 'z' }, pods: { 'node-a': 4 },
    spec: `  traffic: { service: web, rate: 100, duration: 80s }
  timeline:
  - { at: 20s, load: { rate: 300 } }
  - { at: 40s, load: { ramp: { to: 100, over: 20s } } }
`,
  });
  const [v] = runScenario([file]).variants;
  const sent = (from: number, to: number) => v.timeSeries!.filter((r) => r.start >= from && r.end <= to).reduce((a, r) => a + r.sent, 0);
  expectCount(sent(0, 20), 100 * 20);
  expectCount(sent(20, 40), 300 * 20);
  // The ramp from 300 to 100 over 20 s averages 200 req/s.
  expectCount(sent(40, 60), 200 * 20);
  expectCount(sent(60, 80), 100 * 20);
});
