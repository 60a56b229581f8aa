import { createDistribution } from '../engine/distributions.js';
import type { Cluster } from '../model/cluster.js';
import type { Variant } from '../scenario/load-scenario.js';
import type { Recorder } from '../stats/recorder.js';
import type { NodeResult, PodResult, VariantResult } from '../stats/results.js';

/** A finished variant's counts and histograms as its result: the rows of every output file. */
export function summariseVariant(variant: Variant, r: Recorder, cluster: Cluster, end: number, events: number): VariantResult {
  const { topology, traffic } = variant;
  const simTime = Math.max(0, end - traffic.warmup);
  const completed = r.completed;
  // A place for a pod the autoscaler never created has no node: it is no pod, and not listed.
  const listed = topology.pods.map((_, i) => i).filter((i) => cluster.podNode(i) >= 0);
  const pods: PodResult[] = listed.map((i) => ({
    name: topology.pods[i].name,
    node: topology.nodes[cluster.podNode(i)].name,
    zone: topology.nodes[cluster.podNode(i)].zone,
    requests: r.podRequests[i],
    completed: r.podCompleted[i],
    rejected: r.podRejected[i],
    share: completed > 0 ? r.podCompleted[i] / completed : 0,
    utilization: cluster.utilization(i, end),
    waitMean: cluster.meanWait(i),
    latencyMean: r.podLatency[i].mean,
    latencyP99: r.podLatency[i].percentile(99),
  }));
  const nodes: NodeResult[] = topology.nodes.map((n, i) => ({
    name: n.name, zone: n.zone,
    received: r.nodeReceived[i], forwardedOut: r.nodeForwardedOut[i], forwardedIn: r.nodeForwardedIn[i],
    served: r.nodeServed[i], dropped: r.nodeDropped[i],
  }));
  const hops = Array.from(r.hopCounts, (count, h) => ({ hops: h, requests: count, fraction: completed > 0 ? count / completed : 0 }))
    .filter((h) => h.requests > 0);
  const utils = pods.map((p) => p.utilization);
  const shares = pods.map((p) => p.share);
  const min = (xs: number[]) => (xs.length ? Math.min(...xs) : NaN);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);
  const { requestBytes, responseBytes, pricePerGB } = topology.zones;
  const crossZoneGB = (r.crossingsThere * requestBytes + r.crossingsBack * responseBytes) / 1e9;
  const kp = topology.kubeProxy;
  const busiest = busiestPod(variant, r);
  r.series.finish(end);
  r.finishCapacity(end);
  return {
    name: variant.name,
    lbModel: topology.externalName ? 'externalName' : topology.headless ? 'headless'
      : topology.entry === 'loadBalancer' ? topology.loadBalancer.model : topology.entry,
    lbModelReason: !topology.externalName && !topology.headless && topology.entry === 'loadBalancer' ? topology.loadBalancer.reason : undefined,
    kubeProxyMode: topology.headless ? 'none' : kp.mode === 'ipvs' ? `ipvs:${kp.scheduler}` : kp.mode,
    overrides: variant.overrides,
    requests: r.requests,
    completed,
    dropped: r.dropped,
    rejected: r.rejected,
    failed: r.failed,
    timedOut: r.timedOut,
    retries: r.retries,
    inFlightAtEnd: r.inFlight,
    errorFraction: r.requests > 0 ? (r.requests - completed) / r.requests : NaN,
    stable: !(busiest && busiest.offeredLoad >= 1),
    busiestPod: busiest,
    latency: {
      mean: r.latency.mean,
      meanCi95: r.meanCi95(),
      p50: r.latency.percentile(50),
      p90: r.latency.percentile(90),
      p99: r.latency.percentile(99),
      p999: r.latency.percentile(99.9),
      max: completed > 0 ? r.latency.max : NaN,
    },
    hopsMean: completed > 0 ? r.hopsSum / completed : NaN,
    extraHopFraction: completed > 0 ? r.forwarded / completed : NaN,
    snatFraction: completed > 0 ? r.snat / completed : NaN,
    podUtilMin: min(utils),
    podUtilMax: max(utils),
    podShareMin: min(shares),
    podShareMax: max(shares),
    crossZoneFraction: completed > 0 ? r.crossZoneRequests / completed : NaN,
    crossZoneGB,
    crossZoneCostUsd: 2 * crossZoneGB * pricePerGB,
    throughput: simTime > 0 ? completed / simTime : 0,
    simTime,
    events,
    hops,
    latencyBuckets: r.latency.buckets(),
    timeSeries: r.series.table,
    timeSeriesEndsAt: r.series.endsAt,
    pods,
    nodes,
    ...(topology.autoscaling ? { autoscaling: { replicaSeconds: r.replicaSeconds, nodeSeconds: r.nodeSeconds, decisions: r.scalingDecisions } } : {}),
  };
}

/**
 * The pod with an unbounded queue offered the most work: the attempts that reached it per second
 * of sending x its mean service time / its workers. Measured arrivals, not shares derived from the
 * topology: they already hold what every balancer model, policy, hint, affinity and timeline event
 * did to the split. Over the sending window, not the simulated time, which adds the drain after
 * the last send and so would understate an overload; and not the pod's utilization, busy time over
 * that same time, which cannot pass 1 and so cannot tell "at capacity" from "far beyond". A pod
 * with a queueLimit is left out: its queue cannot grow past it, it rejects instead (errorFraction).
 */
function busiestPod(variant: Variant, r: Recorder): { name: string; offeredLoad: number } | undefined {
  const { topology, traffic } = variant;
  const sending = (traffic.duration ?? r.lastSentAt) - traffic.warmup;
  if (!(sending > 0)) return undefined;
  let busiest: { name: string; offeredLoad: number } | undefined;
  topology.pods.forEach((p, i) => {
    if (p.queueLimit !== Infinity) return;
    // The mean is a property of the distribution: no draw is made.
    const meanServiceTime = createDistribution(p.serviceTime, () => 0.5).mean;
    const offeredLoad = (r.podRequests[i] / sending) * meanServiceTime / p.workers;
    if (!busiest || offeredLoad > busiest.offeredLoad) busiest = { name: p.name, offeredLoad };
  });
  return busiest;
}
