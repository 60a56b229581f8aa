import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

// Poisson arrivals: the count in a window is Poisson with mean rate x length, so it lies within
// 3.29 standard deviations of it but once in 1000.
function expectCount(observed: number, mean: number): void {
  expect(Math.abs(observed - mean), `${observed} vs ${mean}`).toBeLessThanOrEqual(3.29 * Math.sqrt(mean));
}

test('a rate step and a ramp change the arrival rate when and as the timeline says', () => {
  const text = smallCluster({
    nodes: { 'node-a': 'z' }, pods: { 'node-a': 4 },
    spec: `  traffic: { service: web, rate: 100, duration: 80s }
  timeline:
  - { at: 20s, load: { rate: 300 } }
  - { at: 40s, load: { ramp: { to: 100, over: 20s } } }
`,
  });
  const [v] = runScenario(scenarioFromYaml(text)).variants;
  const sent = (from: number, to: number) => v.timeSeries!.rows().filter((r) => r.start >= from && r.end <= to).reduce((a, r) => a + r.sent, 0);
  expectCount(sent(0, 20), 100 * 20);
  expectCount(sent(20, 40), 300 * 20);
  // The ramp from 300 to 100 over 20 s averages 200 req/s.
  expectCount(sent(40, 60), 200 * 20);
  expectCount(sent(60, 80), 100 * 20);
});

test('a diurnal profile averages (min + max) / 2 over each period', () => {
  const text = smallCluster({
    nodes: { 'node-a': 'z' }, pods: { 'node-a': 4 },
    spec: `  traffic: { service: web, rate: 100, duration: 100s }
  timeline: [{ at: 0, load: { diurnal: { min: 50, max: 250, period: 50s } } }]
`,
  });
  const [v] = runScenario(scenarioFromYaml(text)).variants;
  const sent = (from: number, to: number) => v.timeSeries!.rows().filter((r) => r.start >= from && r.end <= to).reduce((a, r) => a + r.sent, 0);
  expectCount(sent(0, 50), 150 * 50);
  expectCount(sent(50, 100), 150 * 50);
  // Near its low point (it starts at min): the rate's exact integral over [0, 5) and [50, 55),
  // with rate(t) = 50 + 200 (1 - cos(2 pi t / 50)) / 2.
  const integral = (a: number, b: number) => 150 * (b - a) - (100 * 50 / (2 * Math.PI)) * (Math.sin((2 * Math.PI * b) / 50) - Math.sin((2 * Math.PI * a) / 50));
  expectCount(sent(0, 5) + sent(50, 55), integral(0, 5) + integral(50, 55));
});
