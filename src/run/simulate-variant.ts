import { RandomStreams } from '../engine/random.js';
import { Simulator } from '../engine/simulator.js';
import type { Station } from '../engine/station.js';
import { DataPath } from '../model/data-path.js';
import { ExternalNamePath } from '../model/external-name-path.js';
import { Timeline } from '../model/timeline.js';
import type { Topology, TrafficSpec } from '../model/topology.js';
import { Recorder } from '../stats/recorder.js';
import type { NodeResult, PodResult, VariantResult } from '../stats/results.js';

export interface VariantRun {
  name: string;
  overrides: Record<string, string>;
  topology: Topology;
  traffic: TrafficSpec;
}

/**
 * Runs one variant to the end (every request sent has completed, been dropped or rejected) and
 * summarises it. Every variant of a scenario uses the same (seed, replication) and the same
 * stream names, so variants see the same arrivals: their comparison is paired.
 */
export function simulateVariant(run: VariantRun, seed: number, onProgress?: (sent: number) => void): VariantResult {
  const { topology } = run;
  const sim = new Simulator();
  const streams = new RandomStreams(seed, 0);
  const recorder = new Recorder(topology.nodes.length, topology.pods.length, sim, run.traffic.timeSeriesInterval, run.traffic.warmup);
  try {
    if (topology.externalName) {
      const path = new ExternalNamePath(sim, streams, topology, topology.externalName, run.traffic, recorder);
      path.onProgress = onProgress;
      path.start();
      sim.run();
      return summarise(run, recorder, [], path.endTime, sim.eventsProcessed);
    }
    const path = new DataPath(sim, streams, topology, run.traffic, recorder);
    path.onProgress = onProgress;
    path.start();
    new Timeline(sim, topology, path, streams).start();
    // A run that sends for a duration stops on time, with what is in flight then; one that sends
    // a number of requests runs until every one has ended.
    if (run.traffic.duration !== undefined) sim.run({ until: run.traffic.duration });
    else sim.run();
    recorder.inFlightAtEnd = path.inFlightMeasured();
    return summarise(run, recorder, path.stations, sim.now, sim.eventsProcessed);
  } finally {
    recorder.destroy();
  }
}

function summarise(run: VariantRun, r: Recorder, stations: readonly Station[], end: number, events: number): VariantResult {
  const { topology } = run;
  const simTime = Math.max(0, end - run.traffic.warmup);
  const completed = r.completed;
  const pods: PodResult[] = topology.pods.map((p, i) => {
    const station = stations[i];
    const started = station.completed + station.busy;
    return {
      name: p.name,
      node: topology.nodes[p.node].name,
      zone: topology.nodes[p.node].zone,
      requests: r.podRequests[i],
      completed: r.podCompleted[i],
      rejected: r.podRejected[i],
      share: completed > 0 ? r.podCompleted[i] / completed : 0,
      utilization: station.utilization(end),
      waitMean: started > 0 ? station.waitSum / started : NaN,
      latencyMean: r.podLatency[i].mean,
      latencyP99: r.podLatency[i].percentile(99),
    };
  });
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
  return {
    name: run.name,
    lbModel: topology.externalName ? 'externalName' : topology.entry === 'loadBalancer' ? topology.loadBalancer.model : topology.entry,
    kubeProxyMode: kp.mode === 'ipvs' ? `ipvs:${kp.scheduler}` : kp.mode,
    overrides: run.overrides,
    requests: r.requests,
    completed,
    dropped: r.dropped,
    rejected: r.rejected,
    failed: r.failed,
    timedOut: r.timedOut,
    retries: r.retries,
    inFlightAtEnd: r.inFlightAtEnd,
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
    timeSeries: finishSeries(r, end),
    pods,
    nodes,
  };
}

function finishSeries(r: Recorder, end: number) {
  r.series.finish(end);
  return r.series.table;
}
