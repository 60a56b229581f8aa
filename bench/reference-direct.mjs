// The reference model of shared/reference/README.md (the model of des_cpp --pfwd 0.75), built
// directly on the engine: Simulator + Station + LatencyHistogram, no scenario layer.
// 4 nodes x 2 pods; the load balancer picks a node uniformly; Cluster routing picks one of the
// 8 pods uniformly, paying a 0.2 ms hop when it is on another node; each pod is one FIFO server
// with exponential 10 ms service; Poisson arrivals at 560 req/s, generated one at a time.
// Prints one JSON line. Usage: node bench/reference-direct.mjs [--requests N] [--seed S]
import { Simulator } from '../dist/engine/simulator.js';
import { RandomStreams, below } from '../dist/engine/random.js';
import { Exponential } from '../dist/engine/distributions.js';
import { Station } from '../dist/engine/station.js';
import { LatencyHistogram } from '../dist/stats/latency-histogram.js';
import { batchMeansInterval } from '../dist/stats/confidence.js';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const R = arg('--requests', 1_000_000);
const seed = arg('--seed', 1);
const NODES = 4;
const PODS_PER_NODE = 2;
const PODS = NODES * PODS_PER_NODE;
const LAMBDA = 560;
const SERVICE_MEAN = 0.01;
const HOP = 0.0002;
const BATCHES = 20;

const sim = new Simulator();
const streams = new RandomStreams(seed, 0);
const interarrival = new Exponential(1 / LAMBDA, streams.stream('arrivals'));
const loadBalancer = streams.stream('load-balancer');
const kubeProxy = streams.stream('kube-proxy');
const arrivedAt = new Float64Array(R);
let forwarded = 0;
const latency = new LatencyHistogram();

// Batch means by completion order, for the confidence interval of the mean.
const batchSize = Math.ceil(R / BATCHES);
const batchMeans = [];
// [sum, count]: a module-level `let` holding a double is re-boxed on every write in V8 11.
const batch = new Float64Array(2);

function depart(job) {
  const x = sim.now - arrivedAt[job];
  latency.record(x);
  batch[0] += x;
  if (++batch[1] === batchSize) {
    batchMeans.push(batch[0] / batch[1]);
    batch[0] = 0;
    batch[1] = 0;
  }
}

const pods = [];
for (let p = 0; p < PODS; p++) {
  pods.push(new Station(sim, 1, Infinity, new Exponential(SERVICE_MEAN, streams.stream(`pod-${p}/service`)), depart));
}

// A hop event carries request id * 8 + pod: 1M requests x 8 fits the 32-bit argument.
const hopArrives = sim.register((packed) => { pods[packed & 7].arrive(packed >>> 3); });

let next = 0;
const arrival = sim.register(() => {
  const id = next++;
  arrivedAt[id] = sim.now;
  const node = below(loadBalancer, NODES);
  const pod = below(kubeProxy, PODS);
  if (Math.floor(pod / PODS_PER_NODE) !== node) {
    forwarded++;
    sim.schedule(HOP, hopArrives, id * 8 + pod);
  } else {
    pods[pod].arrive(id);
  }
  if (next < R) sim.schedule(interarrival.sample(), arrival);
});

const t0 = performance.now();
sim.schedule(interarrival.sample(), arrival);
sim.run();
const loopS = (performance.now() - t0) / 1000;

const mean = latency.mean;
const utils = pods.map((s) => s.utilization());
const analytic = 1 / (1 / SERVICE_MEAN - LAMBDA / PODS) + (1 - 1 / NODES) * HOP;
const ci = batchMeansInterval(batchMeans, 0.999);
const out = {
  bench: 'reference-direct',
  requests: R,
  completed: latency.count,
  events: sim.eventsProcessed,
  loop_s: +loopS.toFixed(4),
  total_s: +(performance.now() / 1000).toFixed(4),
  events_per_s: Math.round(sim.eventsProcessed / loopS),
  requests_per_s: Math.round(R / loopS),
  mean_ms: +(1000 * mean).toFixed(4),
  mean_ci999_ms: +(1000 * ci.halfWidth).toFixed(4),
  p99_ms: +(1000 * latency.percentile(99)).toFixed(4),
  analytic_mean_ms: +(1000 * analytic).toFixed(4),
  mean_error_pct: +(100 * (mean / analytic - 1)).toFixed(3),
  // ok when the analytic mean lies inside the 99.9% batch-means interval, as in the tests.
  mean_check: Math.abs(mean - analytic) <= ci.halfWidth ? 'ok' : 'FAILED',
  mean_hops: +(1 + forwarded / R).toFixed(4),
  util_min: +Math.min(...utils).toFixed(4),
  util_max: +Math.max(...utils).toFixed(4),
  sim_time_s: +sim.now.toFixed(2),
  maxrss_kb: process.resourceUsage().maxRSS,
};
latency.destroy();
console.log(JSON.stringify(out));
