import { expect, test } from 'vitest';
import { RandomStreams } from '../src/engine/random.js';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import type { VariantResult } from '../src/stats/results.js';
import { smallCluster } from './support/small-cluster.js';

/** requests sent = completed + failed + dropped + rejected + timed_out + in_flight_at_end */
function expectConserved(v: VariantResult): void {
  const ended = v.completed + v.failed + v.dropped + v.rejected + v.timedOut + v.inFlightAtEnd;
  expect(ended, `${v.name}: ${JSON.stringify({ ...v, pods: undefined, nodes: undefined, timeSeries: undefined, latencyBuckets: undefined, hops: undefined })}`).toBe(v.requests);
  // The time series adds up to the same totals.
  const rows = v.timeSeries!.rows();
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
  expect(sum((r) => r.sent)).toBe(v.requests);
  expect(sum((r) => r.completed)).toBe(v.completed);
  expect(sum((r) => r.dropped)).toBe(v.dropped);
  expect(sum((r) => r.failed)).toBe(v.failed);
  expect(sum((r) => r.rejected)).toBe(v.rejected);
  expect(sum((r) => r.timedOut)).toBe(v.timedOut);
  expect(sum((r) => r.retries)).toBe(v.retries);
  expect(rows[rows.length - 1].inFlight).toBe(v.inFlightAtEnd);
}

/** A random timeline of node failures and recoveries, terminations, starts, scaling, updates, latency and load. */
function randomTimeline(u: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(u() * xs.length)];
  const at = () => `${(u() * 20).toFixed(3)}s`;
  const nodes = ['node-a', 'node-b', 'node-c'];
  const events: string[] = [];
  const n = 1 + Math.floor(u() * 6);
  for (let i = 0; i < n; i++) {
    const kind = pick(['fail', 'recover', 'terminate', 'start', 'scale', 'update', 'latency', 'load']);
    if (kind === 'fail') events.push(`{ at: ${at()}, nodeFailure: { node: ${pick(nodes)} } }`);
    if (kind === 'recover') events.push(`{ at: ${at()}, nodeRecovery: { node: ${pick(nodes)} } }`);
    if (kind === 'terminate') events.push(`{ at: ${at()}, podTermination: { workload: web, count: 1, gracePeriod: ${pick(['0', '200ms', '5s'])} } }`);
    if (kind === 'start') events.push(`{ at: ${at()}, podStart: { workload: web, count: ${1 + Math.floor(u() * 2)} } }`);
    if (kind === 'scale') events.push(`{ at: ${at()}, scale: { workload: web, replicas: ${Math.floor(u() * 6)} } }`);
    if (kind === 'update') events.push(`{ at: ${at()}, rollingUpdate: { workload: web, maxSurge: ${pick([0, 1, 2])}, maxUnavailable: 1 } }`);
    if (kind === 'latency') events.push(`{ at: ${at()}, latency: { node: ${pick(nodes)}, value: ${pick(['1ms', '50ms'])} } }`);
    if (kind === 'load') events.push(`{ at: ${at()}, load: ${pick(['{ rate: 50 }', '{ rate: 400 }', '{ ramp: { to: 300, over: 5s } }', '{ diurnal: { min: 50, max: 300, period: 10s } }'])} }`);
  }
  return `[${events.join(', ')}]`;
}

test('every request ends exactly once, over many random timelines, in every variant', () => {
  const u = new RandomStreams(2026).stream('timelines');
  const seen = { failed: 0, dropped: 0, rejected: 0, timedOut: 0, retries: 0, inFlightAtEnd: 0 };
  for (let k = 0; k < 24; k++) {
    const timeout = u() < 0.3 ? '' : `, timeout: ${u() < 0.5 ? '30ms' : '1s'}, retries: { count: ${Math.floor(u() * 3)}, backoff: 50ms }`;
    const queue = u() < 0.5 ? '' : `\n    queueLimit: ${Math.floor(u() * 5)}`;
    const length = u() < 0.5 ? 'duration: 20s' : 'requests: 3000';
    const text = smallCluster({
      nodes: { 'node-a': 'z1', 'node-b': 'z1', 'node-c': 'z2' }, pods: { 'node-a': 1, 'node-b': 1, 'node-c': 1 },
      spec: `  traffic: { service: web, rate: 150, ${length} }
  clients: { population: 50, requestsPerConnection: ${u() < 0.5 ? 1 : '{ geometric: { mean: 5 } }'}${timeout} }
  loadBalancer: { model: ${['even', 'maglev', 'metallb-bgp', 'weighted'][Math.floor(u() * 4)]}, healthCheck: { interval: 2s } }
  dynamics: { endpointPropagationDelay: ${u() < 0.5 ? '0' : '1s'}, readinessDelay: 1s }
  timeline: ${randomTimeline(u)}
  compare:
    spec.externalTrafficPolicy: [Cluster, Local]
`,
      podModel: `serviceTime: { exponential: { mean: 10ms } }\n    concurrency: 2${queue}`,
    });
    for (const v of runScenario(scenarioFromYaml(text)).variants) {
      expectConserved(v);
      for (const key of Object.keys(seen) as Array<keyof typeof seen>) seen[key] += v[key];
    }
  }
  // The timelines reach every way a request can end, so a miscount in any would show.
  for (const [key, count] of Object.entries(seen)) expect(count, key).toBeGreaterThan(0);
});
