import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';

test('an ExternalName request costs its DNS queries plus the outside target, and no hop', () => {
  // The seed's externalname-svc with constant latencies: the short name is one query (answered
  // with the CNAME, chased upstream once); my.database.com has 2 dots < ndots 5, so the pod first
  // tries it under default.svc.cluster.local, svc.cluster.local and cluster.local (3 NXDOMAINs).
  const text = readFileSync('scenarios/seed-externalname.yaml', 'utf8')
    .replace(/latency: \{ lognormal: \{ mean: 0.5ms, p99: 2ms \} \}/, 'latency: 0.5ms')
    .replace(/upstreamLatency: \{ lognormal: \{ mean: 5ms, p99: 20ms \} \}/, 'upstreamLatency: 5ms')
    .replace(/latency: \{ lognormal: \{ mean: 8ms, p99: 30ms \} \}/, 'latency: 8ms');
  const [short, direct] = runScenario(scenarioFromYaml(text, { requests: 1000 })).variants;
  expect(short.latency.mean).toBeCloseTo(0.0005 + 0.005 + 0.008, 12);
  expect(direct.latency.mean).toBeCloseTo(4 * 0.0005 + 0.005 + 0.008, 12);
  expect(short.hopsMean).toBe(0);
  expect(short.lbModel).toBe('externalName');
  expect(short.pods).toEqual([]);
});
