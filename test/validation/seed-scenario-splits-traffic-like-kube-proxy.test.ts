import { describe, expect, test } from 'vitest';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { VariantResult } from '../../src/stats/results.js';

// Two-sided 99.9% normal quantile: each share is a binomial proportion (every request picks a
// node and a pod independently), so it lies within Z * sqrt(p(1-p)/n) of p but once in 1000.
const Z = 3.2905;
const REQUESTS = 40000;

function expectProportion(count: number, n: number, p: number): void {
  const tolerance = Z * Math.sqrt((p * (1 - p)) / n);
  expect(Math.abs(count / n - p), `${count}/${n} vs ${p} (tolerance ${tolerance.toFixed(5)})`).toBeLessThanOrEqual(tolerance);
}

describe('the seed example: node A runs 2 pods, node B runs 1, the balancer splits evenly', () => {
  const results = runScenario(loadScenario(['scenarios/seed-two-nodes.yaml'], { requests: REQUESTS }));
  const byName = (n: string) => results.variants.find((v) => v.name === n) as VariantResult;
  const podsOn = (v: VariantResult, node: string) => v.pods.filter((p) => p.node === node);

  test('Local gives the pods 25% / 25% / 50% and no second hop', () => {
    const local = byName('Local');
    expect(local.completed).toBe(REQUESTS);
    for (const p of podsOn(local, 'node-a')) expectProportion(p.completed, local.completed, 0.25);
    for (const p of podsOn(local, 'node-b')) expectProportion(p.completed, local.completed, 0.5);
    expect(local.extraHopFraction).toBe(0);
    expect(local.hopsMean).toBe(1);
    expect(local.snatFraction).toBe(0);
  });

  test('Cluster gives every pod a third, and half of all requests a second hop', () => {
    const cluster = byName('Cluster');
    expect(cluster.completed).toBe(REQUESTS);
    for (const p of cluster.pods) expectProportion(p.completed, cluster.completed, 1 / 3);
    expectProportion(Math.round(cluster.extraHopFraction * cluster.completed), cluster.completed, 0.5);
    expect(cluster.snatFraction).toBe(1);
    const a = cluster.nodes.find((n) => n.name === 'node-a')!;
    const b = cluster.nodes.find((n) => n.name === 'node-b')!;
    expectProportion(a.forwardedOut, a.received, 1 / 3);
    expectProportion(b.forwardedOut, b.received, 2 / 3);
    expect(a.forwardedIn).toBe(b.forwardedOut);
  });

  test('the variants are paired: both saw the same arrivals', () => {
    expect(byName('Cluster').requests).toBe(byName('Local').requests);
    expect(results.overrideColumns).toEqual(['externalTrafficPolicy']);
    expect(byName('Local').overrides).toEqual({ externalTrafficPolicy: 'Local' });
  });
});
