import type { TimelineAction, Topology, TrafficSpec } from '../model/topology.js';
import { distributionMean } from './distribution-spec.js';

/**
 * What one variant's run will cost, estimated from its plain data before anything is allocated:
 * simulated time, events, events pending at once, memory, time-series rows. Estimates, not
 * bounds: they are right to a small factor for ordinary runs, which is what limits need.
 */
export interface VariantCost {
  /** Requests the clients send. */
  requests: number;
  /** Seconds of simulated time over which they are sent. */
  sendTime: number;
  /** Seconds the pods need after that to work off a backlog (an overloaded run). */
  drain: number;
  /** Seconds simulated in all. */
  simTime: number;
  /** Highest rate the timeline reaches, requests per second. */
  maxRate: number;
  events: { requests: number; probes: number; timeline: number };
  /** Events pending at once: in flight on links and in workers, and clients' timeout timers. */
  pending: { flight: number; timeouts: number };
  /** Estimated bytes, by what holds them. */
  memory: Record<MemoryPart, number>;
  /** Session affinity's table: nodes x clients entries, which the model caps. */
  affinityCells: number;
  timeSeriesRows: number;
}

export type MemoryPart = 'pods' | 'clients' | 'timeSeries' | 'maglev' | 'inFlight';

/** A pod's histograms, station and counters: about 0.1 MB (bench/RESULTS.md, "Scaling"). */
const BYTES_PER_POD = 100 * 1024;
/** A worker's slots in its station (four typed arrays). */
const BYTES_PER_WORKER = 20;
/** Per client address: its zone and its connection's state (five Int32Arrays). */
const BYTES_PER_CLIENT = 20;
/** Per request in flight: its rows in the request tables and its events. */
const BYTES_PER_IN_FLIGHT = 120;
/** Events a request costs: its arrival and its departure, and its arrival at the pod if the way takes time (bench: 3.0). */
const EVENTS_PER_REQUEST = 2;

export function estimateCost(topology: Topology, traffic: TrafficSpec): VariantCost {
  const load = loadProfile(traffic, topology.dynamics.timeline);
  const pods = topology.pods;
  const means = pods.map((p) => distributionMean(p.serviceTime));
  const serviceMean = Math.max(0, ...means);
  const workers = pods.reduce((sum, p) => sum + p.workers, 0);
  const { clientTimeout: timeout, retries } = topology.dynamics;
  const path = pathMean(topology);
  const attempts = 1 + retries.count;
  // Work that arrives faster than all workers together serve waits: it is served after sending ends.
  const drain = workers > 0 ? Math.max(0, (load.requests * serviceMean) / workers - load.sendTime) : 0;
  // The last request's own time, all its attempts timing out. Backoffs are left out: counted for
  // every retry (backoff x 2^count) they would refuse runs that hardly retry; a run that does
  // retry for that long stops at its horizon.
  const last = attempts * Math.min(timeout, serviceMean + path);
  const simTime = traffic.duration ?? load.sendTime + drain + last;

  const hc = topology.loadBalancer.checksHealth ? topology.loadBalancer.healthCheck : null;
  const perRequest = EVENTS_PER_REQUEST + (path > 0 ? 1 : 0) + (topology.ingress ? 2 : 0) + (timeout < Infinity ? 1 : 0);
  const events = {
    requests: load.requests * perRequest,
    probes: hc ? (simTime / hc.interval) * topology.nodes.length : 0,
    timeline: topology.dynamics.timeline.length * (2 + 4 * pods.length),
  };
  // Little's law: requests on their way to a pod, requests in service, and timers; a cancelled
  // timer stays queued until its time, so every attempt of the last `timeout` seconds holds one.
  // Never more than the attempts there are.
  const most = load.requests * attempts;
  const pending = {
    flight: Math.min(most, load.maxRate * path / 2 + Math.min(workers, load.maxRate * serviceMean)) + topology.nodes.length + pods.length,
    timeouts: timeout < Infinity ? Math.min(most, load.maxRate * Math.min(timeout, simTime) * attempts) : 0,
  };
  const interval = traffic.timeSeriesInterval;
  const timeSeriesRows = Math.ceil(simTime / interval) + 1;
  const nodes = topology.nodes.length;
  const maglev = topology.loadBalancer.model === 'maglev'
    ? (topology.externalTrafficPolicy === 'Local' || topology.internalTrafficPolicy === 'Local' ? nodes + 1 : 1) * topology.loadBalancer.maglevTableSize * 4
    : 0;
  const memory: Record<MemoryPart, number> = {
    pods: pods.length * (BYTES_PER_POD + 4 * nodes) + workers * BYTES_PER_WORKER,
    clients: topology.clients.population * BYTES_PER_CLIENT,
    timeSeries: timeSeriesRows * (12 + nodes) * 8,
    maglev,
    inFlight: (pending.flight + pending.timeouts) * BYTES_PER_IN_FLIGHT,
  };
  const affinityCells = topology.service.sessionAffinity === 'ClientIP' ? nodes * topology.clients.population : 0;
  return { requests: load.requests, sendTime: load.sendTime, drain, simTime, maxRate: load.maxRate, events, pending, memory, affinityCells, timeSeriesRows };
}

export function totalMemory(cost: VariantCost): number {
  return Object.values(cost.memory).reduce((a, b) => a + b, 0);
}

/** Mean seconds of a request's way there and back, without the pod's work (every link counted). */
function pathMean(t: Topology): number {
  const n = t.network;
  let oneWay = [n.sameNode, n.sameZone, n.crossZone, n.clientToLoadBalancer, n.loadBalancerToNode, n.clientToNode]
    .reduce((sum, d) => sum + distributionMean(d), 0) + t.kubeProxy.newConnectionCost;
  const dns = t.externalName?.dns ?? t.headless?.dns;
  // The resolver may try every search domain (three cluster ones and the node's) before the answer.
  if (dns) oneWay += (4 + dns.nodeSearchDomains.length) * (distributionMean(dns.latency) + distributionMean(dns.upstreamLatency));
  if (t.externalName) oneWay += distributionMean(t.externalName.targetLatency);
  return 2 * oneWay;
}

interface LoadProfile {
  requests: number;
  sendTime: number;
  maxRate: number;
}

/**
 * Requests sent and the time they take, under the rate changes of the timeline: steps, linear
 * ramps and diurnal sines (taken at their mean rate, (min + max) / 2).
 */
export function loadProfile(traffic: TrafficSpec, timeline: readonly TimelineAction[]): LoadProfile {
  const loads = timeline.filter((a): a is Extract<TimelineAction, { kind: 'load' }> => a.kind === 'load')
    .sort((a, b) => a.at - b.at);
  let maxRate = traffic.rate;
  // Pieces of constant or linearly changing rate: [start, rate at start, slope].
  const pieces: Array<[number, number, number]> = [[0, traffic.rate, 0]];
  for (const l of loads) {
    // A ramp's end still to come is overridden by a later change, as in the model.
    while (pieces.length > 1 && pieces[pieces.length - 1][0] > l.at) pieces.pop();
    const [start, r0, slope] = pieces[pieces.length - 1];
    const now = Math.max(0, r0 + slope * (l.at - start));
    if (l.rate !== undefined) pieces.push([l.at, l.rate, 0]);
    if (l.ramp) pieces.push([l.at, now, (l.ramp.to - now) / l.ramp.over], [l.at + l.ramp.over, l.ramp.to, 0]);
    if (l.diurnal) pieces.push([l.at, (l.diurnal.min + l.diurnal.max) / 2, 0]);
    maxRate = Math.max(maxRate, l.rate ?? 0, l.ramp?.to ?? 0, l.diurnal?.max ?? 0);
  }
  const target = traffic.requests ?? Infinity;
  const until = traffic.duration ?? Infinity;
  let sent = 0;
  for (let i = 0; i < pieces.length; i++) {
    const [start, r0, slope] = pieces[i];
    const end = Math.min(i + 1 < pieces.length ? pieces[i + 1][0] : Infinity, until);
    if (end <= start) continue;
    const span = end - start;
    const here = slope === 0 ? r0 * span : (r0 + slope * span / 2) * span;
    if (sent + here >= target) return { requests: target, sendTime: start + timeToSend(target - sent, r0, slope), maxRate };
    sent += here;
    if (end === until) return { requests: sent, sendTime: until, maxRate };
  }
  return { requests: sent, sendTime: Infinity, maxRate };
}

/** Seconds to send n requests from a rate r0 changing by `slope` per second. */
function timeToSend(n: number, r0: number, slope: number): number {
  if (slope === 0) return n / r0;
  // n = r0 d + slope d^2 / 2, its smallest positive root.
  return (2 * n) / (r0 + Math.sqrt(r0 * r0 + 2 * slope * n));
}
