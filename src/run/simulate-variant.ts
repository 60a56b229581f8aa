import { RandomStreams } from '../engine/random.js';
import { Simulator } from '../engine/simulator.js';
import { Cluster } from '../model/cluster.js';
import { hashString } from '../model/flow-hash.js';
import { Timeline } from '../model/timeline.js';
import type { Topology, TrafficSpec } from '../model/topology.js';
import type { Variant } from '../scenario/load-scenario.js';
import { Recorder } from '../stats/recorder.js';
import type { VariantResult } from '../stats/results.js';
import { OpenLoopClient, type OpenLoopSpec } from '../workload/open-loop-client.js';
import { summariseVariant } from './summarise-variant.js';

/**
 * Runs one variant to the end and summarises it: a run that sends a number of requests runs
 * until every one has ended; one that sends for a duration stops on time, with what is in
 * flight then. Every variant of a scenario uses the same (seed, replication) and the same
 * stream names, so variants see the same arrivals: their comparison is paired. Replications
 * differ in `replication` only, so they are independent.
 */
export function simulateVariant(variant: Variant, seed: number, onProgress?: (sent: number) => void, replication = 0): VariantResult {
  const { topology, traffic } = variant;
  const sim = new Simulator();
  const streams = new RandomStreams(seed, replication);
  const recorder = new Recorder(topology.nodes.length, topology.pods.length, sim, traffic.timeSeriesInterval, traffic.warmup,
    traffic.maxTimeSeriesRows, topology.autoscaling !== undefined);
  try {
    const cluster = new Cluster(sim, streams, topology, recorder);
    const client = new OpenLoopClient(sim, streams, cluster.path, recorder, clientSpec(topology, traffic));
    client.onProgress = onProgress;
    client.start();
    cluster.start(recorder);
    if (traffic.warmup > 0) sim.schedule(traffic.warmup, sim.register(() => cluster.resetStats()));
    new Timeline(sim, topology.dynamics.timeline, cluster, client, streams).start();
    // A run of requests ends when the last one does, or at its horizon (a rare, huge draw).
    const stop = sim.run({ until: traffic.duration ?? traffic.horizon });
    const result = summariseVariant(variant, recorder, cluster, sim.now, sim.eventsProcessed);
    if (traffic.duration === undefined && stop === 'until') result.stoppedAt = sim.now;
    return result;
  } finally {
    recorder.destroy();
  }
}

function clientSpec(topology: Topology, traffic: TrafficSpec): OpenLoopSpec {
  const inside = topology.entry === 'clusterIP' || topology.externalName !== undefined;
  return {
    arrival: traffic.arrival,
    rate: traffic.rate,
    requests: traffic.requests,
    duration: traffic.duration,
    // In-cluster clients are the client pods (or nodes); outside ones a population of addresses.
    population: inside ? topology.clientNodes.length : topology.clients.population,
    requestsPerConnection: topology.clients.requestsPerConnection,
    timeout: topology.dynamics.clientTimeout,
    retries: topology.dynamics.retries,
    flowSalt: hashString(`${topology.service.namespace}/${topology.service.name}`),
  };
}
