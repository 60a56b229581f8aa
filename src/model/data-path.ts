import type { Distribution } from '../engine/distributions.js';
import type { RandomStreams, Uniform } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { Station } from '../engine/station.js';
import { buildDistribution } from '../scenario/distribution-spec.js';
import type { Recorder } from '../stats/recorder.js';
import { interarrivals } from '../workload/arrivals.js';
import { buildCount, ClientPopulation, type CountSampler } from '../workload/clients.js';
import { flowHash, hashString } from './flow-hash.js';
import { HealthChecker } from './health-check.js';
import { IngressTier } from './ingress-tier.js';
import { KubeProxy, NO_ENDPOINT } from './kube-proxy.js';
import { Links } from './links.js';
import { createNodeBalancer, type NodeBalancer } from './load-balancer.js';
import { PodTargets } from './pod-targets.js';
import { RequestTable } from './request-table.js';
import type { Topology, TrafficSpec } from './topology.js';

const PROGRESS_EVERY = 1 << 16;

/**
 * A request's way through a Service:
 *   client -> [load balancer] -> entry node -> kube-proxy choice -> [node-to-node hop] -> pod
 *   -> queue -> worker -> back the way it came (with DSR: from the pod's node to the client).
 * Clients keep connections open for several requests; the route (entry node and pod) is chosen
 * when a connection opens and kept for its requests, as conntrack keeps it. Only the pod's queue
 * and workers are contended, so they are the only events besides arrivals and probes: every
 * link is a pure delay, drawn when a request is routed and added to its timeline.
 */
export class DataPath {
  readonly stations: Station[];
  readonly kubeProxy: KubeProxy;
  readonly health: HealthChecker;
  private readonly sim: Simulator;
  private readonly topology: Topology;
  private readonly traffic: TrafficSpec;
  private readonly recorder: Recorder;
  private readonly links: Links;
  private readonly balancer: NodeBalancer;
  private readonly podTargets: PodTargets | null;
  private readonly ingress: IngressTier | null;
  private readonly gap: Distribution;
  private readonly entryDraw: Uniform;
  private readonly clients: ClientPopulation;
  private readonly perConnection: CountSampler;
  private readonly podNode: Int32Array;
  private readonly nodeZone: Int32Array;
  private readonly podZone: Int32Array;
  private readonly requests = new RequestTable();
  private readonly arriveHandler: number;
  private readonly reachPodHandler: number;
  private readonly snatExternal: boolean;
  private readonly dsr: boolean;
  // Each client's open connection: requests left on it, its entry node and pod, its number.
  private readonly connLeft: Int32Array;
  private readonly connNode: Int32Array;
  private readonly connPod: Int32Array;
  private readonly connSeq: Int32Array;
  /** Requests per connection is not the constant 1, so connections outlive their first request. */
  private readonly keepsAlive: boolean;
  private sent = 0;
  private sending = true;
  onProgress?: (sent: number) => void;

  constructor(sim: Simulator, streams: RandomStreams, topology: Topology, traffic: TrafficSpec, recorder: Recorder) {
    this.sim = sim;
    this.topology = topology;
    this.traffic = traffic;
    this.recorder = recorder;
    const zoneNames = [...new Set([...topology.nodes.map((n) => n.zone), ...topology.clients.zones.map(([z]) => z)])];
    const zoneIndex = (zone: string) => zoneNames.indexOf(zone);
    this.nodeZone = Int32Array.from(topology.nodes, (n) => zoneIndex(n.zone));
    this.podNode = Int32Array.from(topology.pods, (p) => p.node);
    this.podZone = Int32Array.from(topology.pods, (p) => this.nodeZone[p.node]);
    this.links = new Links(topology.nodes, topology.network, streams);
    this.kubeProxy = new KubeProxy(topology, streams);
    this.balancer = createNodeBalancer(topology, {
      nodes: topology.nodes.length,
      ready: (n) => topology.nodes[n].ready,
      localEndpoints: (n) => this.kubeProxy.localEndpoints(n),
    }, streams.stream('load-balancer'));
    this.podTargets = topology.loadBalancer.model === 'ip-targets' ? new PodTargets(topology, zoneIndex, zoneNames.length) : null;
    this.podTargets?.refresh((p) => topology.pods[p].ready);
    const lb = topology.loadBalancer;
    this.health = new HealthChecker(sim, topology.nodes.length, (n) => this.probe(n),
      lb.checksHealth ? lb.healthCheck : null, () => this.balancer.refresh(this.health.healthy));
    this.balancer.refresh(this.health.healthy);
    this.gap = interarrivals(traffic.arrival, traffic.rate, streams.stream('arrivals'));
    this.entryDraw = streams.stream('entry');
    const population = topology.entry === 'clusterIP' ? topology.clientNodes.length : topology.clients.population;
    this.clients = new ClientPopulation(population,
      topology.entry === 'clusterIP' ? [[zoneNames[0] ?? '', 1]] : topology.clients.zones, streams.stream('clients'));
    this.perConnection = buildCount(topology.clients.requestsPerConnection, streams.stream('connections'));
    this.connLeft = new Int32Array(population);
    this.connNode = new Int32Array(population);
    this.connPod = new Int32Array(population);
    this.connSeq = new Int32Array(population);
    this.keepsAlive = topology.clients.requestsPerConnection !== 1;
    // Cluster masquerades all external traffic, even when the chosen pod is local.
    this.snatExternal = topology.externalTrafficPolicy === 'Cluster' && lb.model !== 'ip-targets';
    this.dsr = lb.dsr;
    this.stations = topology.pods.map((pod) => new Station(
      sim, pod.workers, pod.queueLimit,
      buildDistribution(pod.serviceTime, streams.stream(`service/${pod.name}`)),
      (job) => this.complete(job),
    ));
    this.ingress = topology.ingress ? new IngressTier(topology, topology.ingress, streams.stream('ingress-mix')) : null;
    this.arriveHandler = sim.register(() => this.arrive());
    this.reachPodHandler = sim.register((id) => this.reachPod(id));
    this.serviceSalt = hashString(`${topology.service.namespace}/${topology.service.name}`);
    const m = lb.model;
    this.hashesFlows = this.kubeProxy.usesFlow || (topology.entry === 'loadBalancer' && (m === 'ecmp' || m === 'metallb-bgp' || m === 'ip-targets'));
  }

  private readonly serviceSalt: number;
  /** Some part of the route hashes flows (ECMP, MetalLB BGP, Maglev, NLB IP targets). */
  private readonly hashesFlows: boolean;

  /** Schedules the first arrival, the health probes and the end of the warm-up. */
  start(): void {
    this.sim.schedule(this.gap.sample(), this.arriveHandler);
    this.health.start();
    if (this.traffic.warmup > 0) {
      this.sim.schedule(this.traffic.warmup, this.sim.register(() => { for (const s of this.stations) s.resetStats(); }));
    }
  }

  /** An endpoint's readiness changed: kube-proxy resyncs at once; the balancer learns by probing. */
  setPodReady(pod: number, ready: boolean): void {
    this.kubeProxy.setReady(pod, ready);
    this.podTargets?.refresh((p) => (p === pod ? ready : this.topology.pods[p].ready));
    if (!this.health.probing) this.health.resync();
  }

  private probe(node: number): boolean {
    const t = this.topology;
    if (!t.loadBalancer.checksHealth) return true;
    if (!t.nodes[node].ready) return false;
    return t.externalTrafficPolicy === 'Local' ? this.kubeProxy.localEndpoints(node) > 0 : true;
  }

  private arrive(): void {
    const now = this.sim.now;
    const { requests, duration } = this.traffic;
    this.sent++;
    // Arrivals are generated one at a time: the next is scheduled when this one fires.
    this.sending = false;
    if (requests === undefined || this.sent < requests) {
      const next = this.gap.sample();
      if (duration === undefined || now + next <= duration) {
        this.sim.schedule(next, this.arriveHandler);
        this.sending = true;
      }
    }
    if ((this.sent & (PROGRESS_EVERY - 1)) === 0 && this.onProgress) this.onProgress(this.sent);
    this.route(now, now >= this.traffic.warmup, this.clients.pick());
  }

  /** Routes a request sent now; requests of the warm-up load the cluster but are not counted. */
  private route(now: number, measured: boolean, client: number): void {
    const t = this.topology;
    const links = this.links;
    const external = t.entry !== 'clusterIP';
    let node: number;
    let pod: number;
    let delay = 0;
    if (this.connLeft[client] > 0) {
      this.connLeft[client]--;
      node = this.connNode[client];
      pod = this.connPod[client];
    } else {
      const flow = this.hashesFlows ? flowHash(client, ++this.connSeq[client], this.serviceSalt, 0) : 0;
      if (this.podTargets !== null) {
        pod = this.podTargets.choosePod(flow, this.clients.zoneOf[client]);
        node = pod >= 0 ? this.podNode[pod] : 0;
      } else {
        node = t.entry === 'loadBalancer' ? this.balancer.chooseNode(flow)
          : t.entry === 'nodePort' ? t.entryNodes[Math.floor(this.entryDraw() * t.entryNodes.length)]
          : t.clientNodes[client];
        pod = this.kubeProxy.choose(node, !external, client, flow, now);
        delay = t.kubeProxy.newConnectionCost;
      }
      if (pod !== NO_ENDPOINT && this.keepsAlive) {
        this.connLeft[client] = this.perConnection.sample() - 1;
        this.connNode[client] = node;
        this.connPod[client] = pod;
      }
    }
    const recorder = this.recorder;
    if (measured) recorder.sent(node);
    if (pod === NO_ENDPOINT) {
      // No endpoint anywhere: REJECT (the client sees a refusal). Endpoints elsewhere but none
      // here under Local: DROP (the client times out).
      if (measured) {
        if (this.kubeProxy.readyEndpoints === 0) recorder.refused();
        else recorder.droppedAt(node);
      }
      this.finishIfDone();
      return;
    }
    const target = this.podNode[pod];
    const forwarded = target !== node;
    let hops = external ? 1 : 0;
    if (forwarded) {
      hops++;
      if (measured) recorder.forwardedBetween(node, target);
    }
    // Zone crossings: the balancer's front end sits in the client's zone.
    const clientZone = external ? this.clients.zoneOf[client] : this.nodeZone[node];
    const entryCrosses = external && this.nodeZone[node] !== clientZone ? 1 : 0;
    const hopCrosses = forwarded && this.nodeZone[node] !== this.nodeZone[target] ? 1 : 0;
    let back: number;
    let backCrossings: number;
    if (t.entry === 'loadBalancer') {
      delay += links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample();
      if (this.dsr) {
        back = links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample() + links.sameNode.sample();
        backCrossings = this.podZone[pod] !== clientZone ? 1 : 0;
      } else {
        back = links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample() + links.nodeToPod(node, target);
        backCrossings = entryCrosses + hopCrosses;
      }
    } else if (t.entry === 'nodePort') {
      delay += links.clientToNode.sample();
      back = links.clientToNode.sample() + links.nodeToPod(node, target);
      backCrossings = entryCrosses + hopCrosses;
    } else {
      const veth = t.clientsArePods;
      delay += veth ? links.sameNode.sample() : 0;
      back = (veth ? links.sameNode.sample() : 0) + links.nodeToPod(node, target);
      backCrossings = hopCrosses;
    }
    delay += links.nodeToPod(node, target);
    this.kubeProxy.opened(node, pod);
    const id = this.requests.open(now, back, pod, hops, forwarded, external && this.snatExternal, measured);
    this.requests.node[id] = node;
    this.requests.crossings[id] = (entryCrosses + hopCrosses) | (backCrossings << 4);
    if (this.ingress !== null) this.requests.route[id] = this.ingress.pickRoute();
    if (delay > 0) this.sim.schedule(delay, this.reachPodHandler, id);
    else this.reachPod(id);
  }

  private reachPod(id: number): void {
    const r = this.requests;
    const pod = r.pod[id];
    const measured = r.measured[id] === 1;
    if (measured) this.recorder.reachedPod(pod);
    if (!this.stations[pod].arrive(id)) {
      if (measured) this.recorder.rejectedByPod(pod);
      this.kubeProxy.closed(r.node[id], r.entryPod[id]);
      r.close(id);
      this.finishIfDone();
    }
  }

  private complete(id: number): void {
    const r = this.requests;
    if (r.route[id] >= 0) {
      this.leaveController(id);
      return;
    }
    const pod = r.pod[id];
    const latency = this.sim.now - r.sentAt[id] + r.returnDelay[id];
    if (r.measured[id] === 1) {
      this.recorder.completedAt(pod, this.podNode[pod], latency, r.hops[id], r.forwarded[id] === 1, r.snat[id] === 1);
      const c = r.crossings[id];
      if (c !== 0) this.recorder.crossedZones(c & 15, c >> 4);
    }
    this.kubeProxy.closed(r.node[id], r.entryPod[id]);
    r.close(id);
    this.finishIfDone();
  }

  /**
   * The Ingress controller pod has done its work: the request goes on to a backend pod of its
   * route, round robin per controller pod, straight to the pod's IP (possibly on another node).
   */
  private leaveController(id: number): void {
    const r = this.requests;
    const controller = r.pod[id];
    const backend = this.ingress!.pickBackend(controller, r.route[id]);
    r.route[id] = -1;
    const measured = r.measured[id] === 1;
    if (measured) this.recorder.passedThrough(controller);
    if (backend < 0) {
      // No ready endpoint behind the route: the controller answers 503 at once.
      if (measured) this.recorder.refused();
      this.kubeProxy.closed(r.node[id], r.entryPod[id]);
      r.close(id);
      this.finishIfDone();
      return;
    }
    const from = this.podNode[controller];
    const to = this.podNode[backend];
    const links = this.links;
    const delay = links.sameNode.sample() + links.nodeToPod(from, to);
    r.returnDelay[id] += links.sameNode.sample() + links.nodeToPod(from, to);
    if (from !== to) {
      r.hops[id]++;
      r.forwarded[id] = 1;
      if (measured) this.recorder.forwardedBetween(from, to);
      if (this.nodeZone[from] !== this.nodeZone[to]) r.crossings[id] += 1 + (1 << 4);
    }
    r.pod[id] = backend;
    this.sim.schedule(delay, this.reachPodHandler, id);
  }

  /** The run ends with the last request: probes still pending must not stretch simulated time. */
  private finishIfDone(): void {
    if (!this.sending && this.requests.inFlight === 0) this.sim.stop();
  }
}
