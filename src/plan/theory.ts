import type { DistributionSpec } from '../engine/distributions.js';
import { Z99 } from '../engine/distributions.js';
import { allenCunneenMeanWait, mmcResponseTail } from '../engine/queueing-theory.js';
import type { Topology } from '../model/topology.js';
import type { Variant } from '../scenario/load-scenario.js';
import type { Objective } from '../stats/results.js';
import { routingShares } from './routing-shares.js';

/** What queueing theory says of one variant at one candidate value, before any simulation. */
export interface TheoryPoint {
  /** The busiest pod's offered load per worker, lambda / (c mu); 1 or more: its queue grows without end. */
  utilizationMax: number;
  stable: boolean;
  /** Per objective: the metric predicted for the whole traffic, or NaN where theory has no formula for it. */
  predicted: number[];
  /** Stable, and every prediction within its threshold. */
  meets: boolean;
}

/**
 * Each pod as an M/G/c queue (c its workers) fed its routing share of the Poisson traffic: the
 * mean response by Allen-Cunneen (exact for exponential service), percentiles from the M/M/c
 * response-time tail mixed over the pods by share (only when every serving pod's service time is
 * exponential), the busiest pod's utilization; latencies add the network's fixed links
 * (fixedLatency). Second hops, retries and timeouts are left out: the prediction is a starting
 * point for the simulated search, not its answer.
 */
export function theoryAt(variant: Variant, objectives: readonly Objective[]): TheoryPoint {
  const shares = routingShares(variant.topology);
  const rate = variant.traffic.rate;
  const pods = variant.topology.pods.map((pod, i) => {
    const mean = serviceMean(pod.serviceTime);
    return { share: shares[i], lambda: rate * shares[i], mu: 1 / mean, c: pod.workers, spec: pod.serviceTime };
  }).filter((p) => p.share > 0);
  const utilizationMax = pods.reduce((m, p) => Math.max(m, p.lambda / (p.c * p.mu)), pods.length === 0 ? Infinity : 0);
  const stable = utilizationMax < 1;
  const served = pods.reduce((s, p) => s + p.share, 0);
  const network = fixedLatency(variant.topology);
  const predicted = objectives.map((o) => {
    if (o.metric === 'pod_util_max') return utilizationMax;
    // A pod that serves in no time (a constant 0) queues nothing: no formula needed, none applies.
    if (!stable || served <= 0 || !pods.every((p) => Number.isFinite(p.mu))) return NaN;
    if (o.metric === 'latency_mean_ms') {
      return network + pods.reduce((s, p) => s + p.share * (allenCunneenMeanWait(p.c, p.lambda, p.mu, serviceScv(p.spec)) + 1 / p.mu), 0) / served;
    }
    const quantile = PERCENTILES[o.metric];
    if (quantile === undefined || !pods.every((p) => p.spec.kind === 'exponential')) return NaN;
    const tail = (t: number) => pods.reduce((s, p) => s + p.share * mmcResponseTail(p.c, p.lambda, p.mu, t), 0) / served;
    return network + solveTail(tail, 1 - quantile, Math.max(...pods.map((p) => 1 / p.mu)));
  });
  const within = (o: Objective, x: number) => Number.isNaN(x) || (o.op === '<=' ? x <= o.threshold : x < o.threshold);
  const meets = stable && objectives.every((o, k) => within(o, predicted[k]));
  return { utilizationMax, stable, predicted, meets };
}

/**
 * The least time the network adds to every request and its response: the entry's links (client
 * to load balancer and on to a node, or client to node) and the shortest link to a pod, once each
 * way. A second hop between nodes, DNS lookups, an ingress controller's hop and kube-proxy's
 * per-connection cost are left out, so a latency predicted with it is a floor, not an estimate.
 */
export function fixedLatency(t: Topology): number {
  const mean = (d: DistributionSpec) => moments(d).mean;
  const n = t.network;
  if (t.ingress || t.externalName || t.headless) return 0;
  const entry = t.entry === 'loadBalancer' ? mean(n.clientToLoadBalancer) + mean(n.loadBalancerToNode)
    : t.entry === 'nodePort' ? mean(n.clientToNode) : 0;
  return 2 * (entry + Math.min(mean(n.sameNode), mean(n.sameZone), mean(n.crossZone)));
}

const PERCENTILES: Record<string, number> = { latency_p50_ms: 0.5, latency_p90_ms: 0.9, latency_p99_ms: 0.99, latency_p999_ms: 0.999 };

/** The t where a decreasing tail falls to `level`, by bisection. */
function solveTail(tail: (t: number) => number, level: number, scale: number): number {
  let high = scale;
  while (tail(high) > level) high *= 2;
  let low = 0;
  for (let k = 0; k < 60; k++) {
    const mid = (low + high) / 2;
    if (tail(mid) > level) low = mid;
    else high = mid;
  }
  return high;
}

function serviceMean(spec: DistributionSpec): number {
  return moments(spec).mean;
}

/** Squared coefficient of variation of a service time, variance / mean^2 (0 for a constant, 1 for an exponential). */
export function serviceScv(spec: DistributionSpec): number {
  const { mean, square } = moments(spec);
  return mean > 0 ? Math.max(0, square / (mean * mean) - 1) : 0;
}

/** Mean and mean square, in closed form for every kind (a normal's clamping at zero is neglected). */
function moments(spec: DistributionSpec): { mean: number; square: number } {
  switch (spec.kind) {
    case 'constant': return { mean: spec.value, square: spec.value ** 2 };
    case 'exponential': return { mean: spec.mean, square: 2 * spec.mean ** 2 };
    case 'uniform': return { mean: (spec.min + spec.max) / 2, square: (spec.min ** 2 + spec.min * spec.max + spec.max ** 2) / 3 };
    case 'normal': return { mean: spec.mean, square: spec.mean ** 2 + spec.stddev ** 2 };
    case 'lognormal': {
      // By mean and p99: ln(p99 / mean) = z sigma - sigma^2 / 2, the smaller root.
      const sigma = 'sigma' in spec ? spec.sigma : Z99 - Math.sqrt(Math.max(0, Z99 ** 2 - 2 * Math.log(spec.p99 / spec.mean)));
      const mean = 'mu' in spec ? Math.exp(spec.mu + sigma ** 2 / 2) : spec.mean;
      return { mean, square: mean ** 2 * Math.exp(sigma ** 2) };
    }
    case 'empirical': {
      if ('values' in spec) {
        const n = spec.values.length;
        return { mean: spec.values.reduce((a, b) => a + b, 0) / n, square: spec.values.reduce((a, b) => a + b * b, 0) / n };
      }
      // Linear between the given percentiles: each piece adds its share of the integrals of x and x^2.
      let mean = 0;
      let square = 0;
      for (let k = 1; k < spec.percentiles.length; k++) {
        const [p0, x0] = spec.percentiles[k - 1];
        const [p1, x1] = spec.percentiles[k];
        mean += (p1 - p0) * (x0 + x1) / 2;
        square += (p1 - p0) * (x0 * x0 + x0 * x1 + x1 * x1) / 3;
      }
      return { mean, square };
    }
  }
}
