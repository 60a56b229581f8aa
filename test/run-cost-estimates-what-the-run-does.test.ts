import { describe, expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario, scenarioFromYaml, type Scenario } from '../src/scenario/load-scenario.js';
import { estimateCost } from '../src/scenario/run-cost.js';
import { smallCluster } from './support/small-cluster.js';

// The pre-flight refuses on estimates; they must be close to what a run does, or the limits
// would refuse the wrong runs. Each case compares the estimate with the run it estimates.

function compare(scenario: Scenario, tolerance: number): void {
  const results = runScenario(scenario);
  scenario.variants.forEach((v, i) => {
    const cost = estimateCost(v.topology, v.traffic);
    const run = results.variants[i];
    const events = cost.events.requests + cost.events.probes + cost.events.timeline;
    expect(Math.abs(events / run.events - 1), `events of ${v.name}: ${events} estimated, ${run.events} run`).toBeLessThan(tolerance);
    expect(Math.abs(cost.simTime / run.simTime - 1), `time of ${v.name}: ${cost.simTime} estimated, ${run.simTime} run`).toBeLessThan(tolerance);
    expect(Math.abs(cost.requests / run.requests - 1), `requests of ${v.name}: ${cost.requests} estimated, ${run.requests} run`).toBeLessThan(tolerance);
  });
}

const small = (spec: string, podModel = 'serviceTime: 5ms') => scenarioFromYaml(smallCluster({
  nodes: { 'node-a': 'z', 'node-b': 'z' }, pods: { 'node-a': 1, 'node-b': 1 }, spec, podModel,
}));

describe('the cost estimate is close to the run', () => {
  test('the seed scenario, both variants', () => {
    // Poisson arrivals: 5000 of them at 180/s end within 0.4 s (one standard deviation) of 27.8 s.
    compare(loadScenario(['scenarios/seed-two-nodes.yaml'], { requests: 5000 }), 0.05);
  }, 20_000);

  test('a ramp on the timeline', () => {
    // 100 requests in 10 s, 200 during the ramp from 10 to 30/s, the last 700 at 30/s: 43.3 s.
    const scenario = small('  traffic: { service: web, rate: 10, requests: 1000, arrival: deterministic }\n'
      + '  timeline:\n  - at: 10s\n    load: { ramp: { to: 30, over: 10s } }\n');
    expect(estimateCost(scenario.variants[0].topology, scenario.variants[0].traffic).sendTime).toBeCloseTo(43.333, 2);
    compare(scenario, 0.01);
  }, 20_000);

  test('a diurnal load, at its mean rate over whole periods', () => {
    compare(small('  traffic: { service: web, rate: 10, duration: 200s }\n'
      + '  timeline:\n  - at: 0s\n    load: { diurnal: { min: 10, max: 50, period: 20s } }\n'), 0.05);
  }, 20_000);

  test('an overload drains after the sending ends', () => {
    // 2000 requests of 10 ms on 2 workers arrive in 5 s and take 10 s of work.
    const scenario = small('  traffic: { service: web, rate: 400, requests: 2000, arrival: deterministic }\n', 'serviceTime: 10ms');
    const cost = estimateCost(scenario.variants[0].topology, scenario.variants[0].traffic);
    expect(cost.sendTime).toBeCloseTo(5, 6);
    expect(cost.drain).toBeCloseTo(5, 6);
    compare(scenario, 0.02);
  }, 20_000);
});
