import type { Distribution } from '../engine/distributions.js';
import type { RandomStreams, Uniform } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { Station } from '../engine/station.js';
import { buildDistribution } from '../scenario/distribution-spec.js';
import type { Recorder } from '../stats/recorder.js';
import { interarrivals } from '../workload/arrivals.js';
import { KubeProxy, NO_ENDPOINT } from './kube-proxy.js';
import { Links } from './links.js';
import { EvenLoadBalancer } from './load-balancer.js';
import { RequestTable } from './request-table.js';
import type { Topology, TrafficSpec } from './topology.js';

const PROGRESS_EVERY = 1 << 16;

/**
 * A request's way through a Service:
 *   client -> [load balancer] -> entry node -> kube-proxy choice -> [node-to-node hop] -> pod
 *   -> queue -> worker -> the same links back to the client.
 * Only the pod's queue and workers are contended, so they are the only events besides the
 * arrival: every link is a pure delay, drawn when the request is routed and added to its
 * timeline (the way back is drawn then too; it delays nothing else).
 */
export class DataPath {
  readonly stations: Station[];
  readonly kubeProxy: KubeProxy;
  private readonly sim: Simulator;
  private readonly topology: Topology;
  private readonly traffic: TrafficSpec;
  private readonly recorder: Recorder;
  private readonly links: Links;
  private readonly loadBalancer: EvenLoadBalancer;
  private readonly gap: Distribution;
  private readonly entryDraw: Uniform;
  private readonly podNode: Int32Array;
  private readonly requests = new RequestTable();
  private readonly arriveHandler: number;
  private readonly reachPodHandler: number;
  private readonly snatExternal: boolean;
  private sent = 0;
  onProgress?: (sent: number) => void;

  constructor(sim: Simulator, streams: RandomStreams, topology: Topology, traffic: TrafficSpec, recorder: Recorder) {
    this.sim = sim;
    this.topology = topology;
    this.traffic = traffic;
    this.recorder = recorder;
    this.links = new Links(topology.nodes, topology.network, streams);
    this.kubeProxy = new KubeProxy(topology, streams);
    this.loadBalancer = new EvenLoadBalancer(topology, this.kubeProxy, streams.stream('load-balancer'));
    this.gap = interarrivals(traffic.arrival, traffic.rate, streams.stream('arrivals'));
    this.entryDraw = streams.stream('entry');
    this.podNode = Int32Array.from(topology.pods.map((p) => p.node));
    // Cluster masquerades all external traffic, even when the chosen pod is local.
    this.snatExternal = topology.externalTrafficPolicy === 'Cluster';
    this.stations = topology.pods.map((pod) => new Station(
      sim, pod.workers, pod.queueLimit,
      buildDistribution(pod.serviceTime, streams.stream(`service/${pod.name}`)),
      (job) => this.complete(job),
    ));
    this.arriveHandler = sim.register(() => this.arrive());
    this.reachPodHandler = sim.register((id) => this.reachPod(id));
  }

  /** Schedules the first arrival and the end of the warm-up. */
  start(): void {
    this.sim.schedule(this.gap.sample(), this.arriveHandler);
    if (this.traffic.warmup > 0) {
      this.sim.schedule(this.traffic.warmup, this.sim.register(() => { for (const s of this.stations) s.resetStats(); }));
    }
  }

  /** Time the statistics of pods started (end of the warm-up). */
  get measuredFrom(): number {
    return this.traffic.warmup;
  }

  private arrive(): void {
    const now = this.sim.now;
    const { requests, duration } = this.traffic;
    this.sent++;
    // Arrivals are generated one at a time: the next is scheduled when this one fires.
    if (requests === undefined || this.sent < requests) {
      const next = this.gap.sample();
      if (duration === undefined || now + next <= duration) this.sim.schedule(next, this.arriveHandler);
    }
    if ((this.sent & (PROGRESS_EVERY - 1)) === 0 && this.onProgress) this.onProgress(this.sent);
    this.route(now, now >= this.traffic.warmup);
  }

  /** Routes a request sent now; requests of the warm-up load the cluster but are not counted. */
  private route(now: number, measured: boolean): void {
    const t = this.topology;
    const links = this.links;
    let node: number;
    let delay: number;
    let back: number;
    let hops: number;
    let external: boolean;
    if (t.entry === 'loadBalancer') {
      node = this.loadBalancer.chooseNode();
      delay = links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample();
      back = links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample();
      hops = 1;
      external = true;
    } else if (t.entry === 'nodePort') {
      node = t.entryNodes[Math.floor(this.entryDraw() * t.entryNodes.length)];
      delay = links.clientToNode.sample();
      back = links.clientToNode.sample();
      hops = 1;
      external = true;
    } else {
      node = t.clientNodes[Math.floor(this.entryDraw() * t.clientNodes.length)];
      delay = t.clientsArePods ? links.sameNode.sample() : 0;
      back = t.clientsArePods ? links.sameNode.sample() : 0;
      hops = 0;
      external = false;
    }
    const recorder = this.recorder;
    if (measured) recorder.sent(node);
    const pod = this.kubeProxy.choose(node, external ? t.externalTrafficPolicy : t.internalTrafficPolicy);
    if (pod === NO_ENDPOINT) {
      // No endpoint anywhere: REJECT (the client sees a refusal). Endpoints elsewhere but none
      // here under Local: DROP (the client times out).
      if (!measured) return;
      if (this.kubeProxy.readyEndpoints === 0) recorder.refused();
      else recorder.droppedAt(node);
      return;
    }
    const target = this.podNode[pod];
    const forwarded = target !== node;
    if (forwarded) {
      hops++;
      if (measured) recorder.forwardedBetween(node, target);
    }
    delay += links.nodeToPod(node, target);
    back += links.nodeToPod(node, target);
    const id = this.requests.open(now, back, pod, hops, forwarded, external && this.snatExternal, measured);
    if (delay > 0) this.sim.schedule(delay, this.reachPodHandler, id);
    else this.reachPod(id);
  }

  private reachPod(id: number): void {
    const pod = this.requests.pod[id];
    const measured = this.requests.measured[id] === 1;
    if (measured) this.recorder.reachedPod(pod);
    if (!this.stations[pod].arrive(id)) {
      if (measured) this.recorder.rejectedByPod(pod);
      this.requests.close(id);
    }
  }

  private complete(id: number): void {
    const r = this.requests;
    const pod = r.pod[id];
    const latency = this.sim.now - r.sentAt[id] + r.returnDelay[id];
    if (r.measured[id] === 1) this.recorder.completedAt(pod, this.podNode[pod], latency, r.hops[id], r.forwarded[id] === 1, r.snat[id] === 1);
    r.close(id);
  }
}
