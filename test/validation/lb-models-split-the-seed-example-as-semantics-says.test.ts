import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadScenario, scenarioFromYaml } from '../../src/scenario/load-scenario.js';
import type { VariantResult } from '../../src/stats/results.js';

// The seed example behind each load-balancer model: node A runs 2 pods, node B runs 1. Every
// connection is a fresh flow, so each pod's count is binomial: within Z standard errors of the
// share SEMANTICS.md gives, but once in 1000 (two-sided 99.9%).
const Z = 3.2905;
const REQUESTS = 20000;

function shares(v: VariantResult): number[] {
  return v.pods.map((p) => p.completed / v.completed);
}

function expectShares(v: VariantResult, expected: number[]): void {
  const observed = shares(v);
  expected.forEach((p, i) => {
    const tolerance = Z * Math.sqrt((p * (1 - p)) / v.completed);
    expect(Math.abs(observed[i] - p), `${v.name} pod ${i}: ${observed[i]} vs ${p}`).toBeLessThanOrEqual(tolerance);
  });
}

function run(model: string): Record<string, VariantResult> {
  const { variants } = runScenario(loadScenario([`scenarios/lb-${model}.yaml`], { requests: REQUESTS }));
  return Object.fromEntries(variants.map((v) => [v.name, v]));
}

const THIRDS = [1 / 3, 1 / 3, 1 / 3];
const SEED_LOCAL = [0.25, 0.25, 0.5];

describe('each load-balancer model splits the seed example as SEMANTICS.md says', () => {
  test.each([
    ['even', THIRDS, SEED_LOCAL],
    ['weighted', THIRDS, THIRDS],
    ['ip-targets', THIRDS, THIRDS],
    ['metallb-bgp', THIRDS, SEED_LOCAL],
    ['maglev', THIRDS, SEED_LOCAL],
  ])('%s: Cluster and Local', (model, cluster, local) => {
    const v = run(model as string);
    expectShares(v.Cluster, cluster as number[]);
    expectShares(v.Local, local as number[]);
    expect(v.Local.extraHopFraction).toBe(0);
    expect(v.Local.lbModel).toBe(model);
  });

  test('nlb (from the Service\'s annotation), two zones: the same splits, and without cross-zone no Local request leaves its zone', () => {
    const v = run('nlb');
    for (const crossZone of ['false', 'true']) {
      expectShares(v[`Cluster,crossZone=${crossZone}`], THIRDS);
      expectShares(v[`Local,crossZone=${crossZone}`], SEED_LOCAL);
      expect(v[`Local,crossZone=${crossZone}`].lbModel).toBe('nlb');
    }
    expect(v['Local,crossZone=false'].crossZoneFraction).toBe(0);
    const crossing = v['Local,crossZone=true'];
    expect(Math.abs(crossing.crossZoneFraction - 0.5)).toBeLessThanOrEqual(Z * Math.sqrt(0.25 / crossing.completed));
  });

  test('ip-targets: no node hop and no kube-proxy, whatever the policy', () => {
    const v = run('ip-targets');
    for (const variant of [v.Cluster, v.Local]) {
      expect(variant.hopsMean).toBe(1);
      expect(variant.snatFraction).toBe(0);
    }
  });

  test('metallb-l2: the leader takes everything; under Local only its own pods serve', () => {
    const v = run('metallb-l2');
    expectShares(v.Cluster, THIRDS);
    const received = v.Cluster.nodes.map((n) => n.received);
    expect(received.filter((r) => r > 0)).toHaveLength(1);
    const local = shares(v.Local);
    const leaderIsA = local[2] === 0;
    expect(local[2] === 0 || (local[0] === 0 && local[1] === 0)).toBe(true);
    if (leaderIsA) expectShares(v.Local, [0.5, 0.5, 0]);
    else expect(local).toEqual([0, 0, 1]);
  });

  test('maglev with DSR: replies skip the ingress node, saving exactly the return hop of forwarded requests', () => {
    // Constant links and the same flows in both variants: only the reply's node-to-node hop differs.
    const text = readFileSync('scenarios/lb-maglev.yaml', 'utf8')
      .replace('    dsr: true\n', '')
      .replace('    spec.externalTrafficPolicy: [Cluster, Local]', '    Scenario:spec.loadBalancer.dsr: [false, true]');
    const [without, withDsr] = runScenario(scenarioFromYaml(text, { requests: REQUESTS })).variants;
    expect(withDsr.extraHopFraction).toBe(without.extraHopFraction);
    const saved = without.latency.mean - withDsr.latency.mean;
    expect(saved).toBeCloseTo(without.extraHopFraction * 0.0002, 9);
  });
});
