import fc from 'fast-check';
import { smallCluster } from './small-cluster.js';

/**
 * fast-check arbitraries of small scenarios that the Scenario schema accepts: one to three
 * nodes, a web Deployment and its Service, and values that reach from the ordinary to beyond
 * the run limits (rates of 10^-6 to 10^9, durations of a nanosecond to 1000000h, heavy-tailed
 * distributions, health probes every nanosecond, a time series of nanoseconds).
 */

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
/** A value one time in `1 + absent`, else undefined. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, absent = 2) =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const duration = pick('0', '1ns', '1us', '5ms', '250ms', '2s', '1h', '23h');
const positiveDuration = pick('1ns', '1us', '1ms', '1s', '10s', '1h', '1000000h');

/** Most distributions are ordinary; one in four is anything the schema takes. */
const wildDistribution = fc.oneof(
  duration,
  duration.map((mean) => `{ exponential: { mean: ${mean} } }`),
  fc.tuple(duration, duration).map(([min, max]) => `{ uniform: { min: ${min}, max: ${max} } }`),
  fc.tuple(duration, duration).map(([mean, stddev]) => `{ normal: { mean: ${mean}, stddev: ${stddev} } }`),
  fc.tuple(pick(-12, -5, 0, 5, 20, 1000), pick(0, 0.5, 2, 6)).map(([mu, sigma]) => `{ lognormal: { mu: ${mu}, sigma: ${sigma} } }`),
  fc.tuple(duration, duration).map(([p0, p100]) => `{ empirical: { percentiles: { p0: ${p0}, p50: ${p0}, p100: ${p100} } } }`),
);
const distribution = fc.oneof(
  { weight: 3, arbitrary: pick('0', '20us', '5ms', '{ exponential: { mean: 5ms } }', '{ uniform: { min: 1ms, max: 4ms } }') },
  { weight: 1, arbitrary: wildDistribution },
);

const load = fc.oneof(
  pick(0.001, 5, 1000).map((rate) => `{ rate: ${rate} }`),
  fc.tuple(pick(0.01, 50, 1e6), positiveDuration).map(([to, over]) => `{ ramp: { to: ${to}, over: ${over} } }`),
  fc.tuple(pick(0, 1, 10), pick(20, 500), positiveDuration).map(([min, max, period]) => `{ diurnal: { min: ${min}, max: ${max}, period: ${period} } }`),
);

export interface GeneratedScenario {
  text: string;
  /** What the text varies, for a failure's report. */
  summary: string;
}

export const scenarioArbitrary: fc.Arbitrary<GeneratedScenario> = fc.record({
  nodes: fc.integer({ min: 1, max: 3 }),
  podsPerNode: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
  type: pick<'LoadBalancer' | 'NodePort' | 'ClusterIP'>('LoadBalancer', 'NodePort', 'ClusterIP'),
  policy: pick<'Cluster' | 'Local'>('Cluster', 'Local'),
  rate: pick(1e-6, 0.01, 3, 200, 1e5, 1e9),
  length: fc.oneof(pick(1, 50, 1e6, 2e9).map((n) => `requests: ${n}`), positiveDuration.map((d) => `duration: ${d}`)),
  arrival: pick('poisson', 'deterministic'),
  warmup: sometimes(pick('1s', '1h'), 4),
  serviceTime: distribution,
  concurrency: fc.integer({ min: 1, max: 4 }),
  queueLimit: sometimes(fc.integer({ min: 0, max: 10 })),
  sameZone: distribution,
  healthCheck: sometimes(pick('true', 'false', '{ interval: 1ns }', '{ interval: 1ms }', '{ interval: 10s }')),
  population: pick(1, 1000, 100000),
  timeout: sometimes(positiveDuration),
  retries: fc.integer({ min: 0, max: 3 }),
  interval: sometimes(positiveDuration),
  timeline: fc.array(fc.tuple(duration, load), { maxLength: 2 }),
  compare: fc.boolean(),
}).map((g) => {
  const names = ['node-a', 'node-b', 'node-c'].slice(0, g.nodes);
  const external = g.type !== 'ClusterIP';
  const clients = [
    external ? `population: ${g.population}` : '',
    g.timeout ? `timeout: ${g.timeout}` : '',
    g.timeout && g.retries > 0 ? `retries: { count: ${g.retries} }` : '',
  ].filter(Boolean);
  const spec = [
    `  traffic: { service: web, rate: ${g.rate}, ${g.length}, arrival: ${g.arrival}${g.warmup ? `, warmup: ${g.warmup}` : ''} }`,
    `  network: { sameZone: ${g.sameZone} }`,
    g.type === 'LoadBalancer' && g.healthCheck ? `  loadBalancer: { healthCheck: ${g.healthCheck} }` : '',
    clients.length ? `  clients: { ${clients.join(', ')} }` : '',
    g.interval ? `  timeSeries: { interval: ${g.interval} }` : '',
    g.timeline.length ? `  timeline:\n${g.timeline.map(([at, l]) => `  - at: ${at}\n    load: ${l}`).join('\n')}` : '',
    g.compare && external ? '  compare: { spec.externalTrafficPolicy: [Cluster, Local] }' : '',
  ].filter(Boolean).join('\n');
  const text = smallCluster({
    nodes: Object.fromEntries(names.map((n, i) => [n, `zone-${i % 2}`])),
    pods: Object.fromEntries(names.map((n, i) => [n, g.podsPerNode[i]])),
    type: g.type,
    policy: external ? g.policy : undefined,
    spec: `${spec}\n`,
    podModel: `serviceTime: ${g.serviceTime}\n    concurrency: ${g.concurrency}${g.queueLimit === undefined ? '' : `\n    queueLimit: ${g.queueLimit}`}`,
  });
  return { text, summary: spec };
});
