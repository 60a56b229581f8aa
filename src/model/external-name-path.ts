import type { Distribution } from '../engine/distributions.js';
import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { buildDistribution } from '../scenario/distribution-spec.js';
import type { Recorder } from '../stats/recorder.js';
import { interarrivals } from '../workload/arrivals.js';
import { DnsResolver } from './dns.js';
import type { ExternalNameSpec, Topology, TrafficSpec } from './topology.js';

const PROGRESS_EVERY = 1 << 16;

/**
 * A request to an ExternalName Service: the client pod resolves the name through the cluster
 * DNS (a CNAME to the outside name, plus the search-path queries its resolver makes first), then
 * talks to the outside target directly. No kube-proxy, no node hop, nothing contended in the
 * cluster: every request is pure delay, so only arrivals are events.
 */
export class ExternalNamePath {
  private readonly resolver: DnsResolver;
  private readonly target: Distribution;
  private readonly gap: Distribution;
  private readonly clientNodes: Int32Array;
  private readonly pickClient: () => number;
  private readonly arriveHandler: number;
  private sent = 0;
  /** When the last response reaches its client. */
  endTime = 0;
  onProgress?: (sent: number) => void;

  constructor(private readonly sim: Simulator, streams: RandomStreams, topology: Topology, spec: ExternalNameSpec,
    private readonly traffic: TrafficSpec, private readonly recorder: Recorder) {
    this.clientNodes = Int32Array.from(topology.clientNodes);
    this.resolver = new DnsResolver({
      latency: buildDistribution(spec.dns.latency, streams.stream('dns')),
      upstreamLatency: buildDistribution(spec.dns.upstreamLatency, streams.stream('dns/upstream')),
      namespace: spec.namespace,
      services: spec.services,
      names: [spec.name],
      ndots: spec.dns.ndots,
      nodeSearchDomains: spec.dns.nodeSearchDomains,
      queriesPerName: spec.dns.queriesPerName,
      cache: spec.dns.cacheTtl !== undefined ? { ttl: spec.dns.cacheTtl, clients: this.clientNodes.length } : undefined,
    });
    this.target = buildDistribution(spec.targetLatency, streams.stream('external-target'));
    this.gap = interarrivals(traffic.arrival, traffic.rate, streams.stream('arrivals'));
    const u = streams.stream('clients');
    this.pickClient = () => Math.floor(u() * this.clientNodes.length);
    this.arriveHandler = sim.register(() => this.arrive());
  }

  start(): void {
    this.sim.schedule(this.gap.sample(), this.arriveHandler);
  }

  private arrive(): void {
    const now = this.sim.now;
    const { requests, duration } = this.traffic;
    this.sent++;
    if (requests === undefined || this.sent < requests) {
      const next = this.gap.sample();
      if (duration === undefined || now + next <= duration) this.sim.schedule(next, this.arriveHandler);
    }
    if ((this.sent & (PROGRESS_EVERY - 1)) === 0 && this.onProgress) this.onProgress(this.sent);
    const client = this.pickClient();
    const latency = this.resolver.resolve(0, client, now) + this.target.sample();
    if (now + latency > this.endTime) this.endTime = now + latency;
    if (now < this.traffic.warmup) return;
    this.recorder.sent();
    this.recorder.received(this.clientNodes[client]);
    this.recorder.completedOutside(latency);
  }
}
