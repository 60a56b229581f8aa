import type { RandomStreams, Uniform } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { Station } from '../engine/station.js';
import { buildDistribution } from '../scenario/distribution-spec.js';
import type { Recorder } from '../stats/recorder.js';
import { ArrivalProcess } from '../workload/arrival-process.js';
import { buildCount, ClientPopulation, type CountSampler } from '../workload/clients.js';
import { ClientRequests } from './client-requests.js';
import { flowHash, hashString } from './flow-hash.js';
import { HealthChecker } from './health-check.js';
import { IngressTier } from './ingress-tier.js';
import { KubeProxy, NO_ENDPOINT } from './kube-proxy.js';
import { Links } from './links.js';
import { createNodeBalancer, type NodeBalancer } from './load-balancer.js';
import { PodLifecycle } from './pod-lifecycle.js';
import { PodTargets } from './pod-targets.js';
import { RequestTable } from './request-table.js';
import type { Topology, TrafficSpec } from './topology.js';

const PROGRESS_EVERY = 1 << 16;

// Where requests enter, as small integers: compared on every request.
const LOAD_BALANCER = 0;
const NODE_PORT = 1;
const CLUSTER_IP = 2;

// How an attempt ended, when it did not complete.
const DROPPED = 1;
const REJECTED = 2;
const FAILED = 3;
const TIMED_OUT = 4;

/**
 * A request's way through a Service:
 *   client -> [load balancer] -> entry node -> kube-proxy choice -> [node-to-node hop] -> pod
 *   -> queue -> worker -> back the way it came (with DSR: from the pod's node to the client).
 * Clients keep connections open for several requests; the route (entry node and pod) is chosen
 * when a connection opens and kept for its requests, as conntrack keeps it. A client request may
 * take several attempts: a refused or failed attempt, or one the client stopped waiting for
 * (its timeout), is retried on a new connection after a backoff, if retries are set.
 * Only the pod's queue and workers are contended, so they are the only events besides arrivals,
 * probes, timeouts and retries: every link is a pure delay, drawn when a request is routed.
 */
export class DataPath {
  readonly stations: Station[];
  readonly kubeProxy: KubeProxy;
  readonly health: HealthChecker;
  readonly lifecycle: PodLifecycle;
  readonly links: Links;
  private readonly sim: Simulator;
  private readonly topology: Topology;
  private readonly traffic: TrafficSpec;
  private readonly recorder: Recorder;
  private readonly balancer: NodeBalancer;
  private readonly podTargets: PodTargets | null;
  private readonly ingress: IngressTier | null;
  readonly arrivals: ArrivalProcess;
  private readonly entryDraw: Uniform;
  private readonly backoffDraw: Uniform;
  private readonly clients: ClientPopulation;
  private readonly perConnection: CountSampler;
  private readonly podNode: Int32Array;
  private readonly nodeZone: Int32Array;
  private readonly podZone: Int32Array;
  private readonly requests = new RequestTable();
  readonly clientRequests = new ClientRequests();
  private readonly arriveHandler: number;
  private readonly reachPodHandler: number;
  private readonly timeoutHandler: number;
  private readonly retryHandler: number;
  private readonly snatExternal: boolean;
  private readonly dsr: boolean;
  private readonly timeout: number;
  private readonly serviceSalt: number;
  /** Some part of the route hashes flows (ECMP, MetalLB BGP, Maglev, NLB IP targets). */
  private readonly hashesFlows: boolean;
  // Each client's open connection: requests left on it, its entry node and pod, its number.
  private readonly connLeft: Int32Array;
  private readonly connNode: Int32Array;
  private readonly connPod: Int32Array;
  private readonly connSeq: Int32Array;
  /** Requests per connection is not the constant 1, so connections outlive their first request. */
  private readonly keepsAlive: boolean;
  private readonly entry: number;
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
      ready: (n) => this.lifecycle.nodeUp[n] === 1,
      localEndpoints: (n) => this.kubeProxy.localEndpoints(n),
    }, streams.stream('load-balancer'));
    this.podTargets = topology.loadBalancer.model === 'ip-targets' ? new PodTargets(topology, zoneIndex, zoneNames.length) : null;
    this.ingress = topology.ingress ? new IngressTier(topology, topology.ingress, streams.stream('ingress-mix')) : null;
    this.stations = topology.pods.map((pod) => new Station(
      sim, pod.workers, pod.queueLimit,
      buildDistribution(pod.serviceTime, streams.stream(`service/${pod.name}`)),
      (job) => this.complete(job),
    ));
    this.lifecycle = new PodLifecycle(sim, topology, this.kubeProxy, this.stations, (job) => this.attemptFailed(job),
      () => this.endpointsChanged());
    const lb = topology.loadBalancer;
    this.health = new HealthChecker(sim, topology.nodes.length, (n) => this.probe(n),
      lb.checksHealth ? lb.healthCheck : null, () => this.balancer.refresh(this.health.healthy));
    this.balancer.refresh(this.health.healthy);
    this.podTargets?.refresh((p) => this.kubeProxy.isReady(p));
    this.arrivals = new ArrivalProcess(traffic.arrival === 'poisson', traffic.rate, streams.stream('arrivals'), streams.stream('arrivals/thinning'));
    this.entryDraw = streams.stream('entry');
    this.backoffDraw = streams.stream('retries');
    const population = topology.entry === 'clusterIP' ? topology.clientNodes.length : topology.clients.population;
    this.clients = new ClientPopulation(population,
      topology.entry === 'clusterIP' ? [[zoneNames[0] ?? '', 1]] : topology.clients.zones, streams.stream('clients'));
    this.perConnection = buildCount(topology.clients.requestsPerConnection, streams.stream('connections'));
    this.connLeft = new Int32Array(population);
    this.connNode = new Int32Array(population);
    this.connPod = new Int32Array(population);
    this.connSeq = new Int32Array(population);
    this.keepsAlive = topology.clients.requestsPerConnection !== 1;
    this.entry = topology.entry === 'loadBalancer' ? LOAD_BALANCER : topology.entry === 'nodePort' ? NODE_PORT : CLUSTER_IP;
    // Cluster masquerades all external traffic, even when the chosen pod is local.
    this.snatExternal = topology.externalTrafficPolicy === 'Cluster' && lb.model !== 'ip-targets';
    this.dsr = lb.dsr;
    this.timeout = topology.dynamics.clientTimeout;
    this.arriveHandler = sim.register(() => this.arrive());
    this.reachPodHandler = sim.register((id) => this.reachPod(id));
    this.timeoutHandler = sim.register((request) => this.timedOut(request));
    this.retryHandler = sim.register((request) => this.attempt(request, true));
    this.serviceSalt = hashString(`${topology.service.namespace}/${topology.service.name}`);
    const m = lb.model;
    this.hashesFlows = this.kubeProxy.usesFlow || (topology.entry === 'loadBalancer' && (m === 'ecmp' || m === 'metallb-bgp' || m === 'ip-targets'));
  }

  /** Schedules the first arrival, the health probes and the end of the warm-up. */
  start(): void {
    this.sim.scheduleSourceAt(this.arrivals.next(0), this.arriveHandler);
    this.health.start();
    if (this.traffic.warmup > 0) {
      this.sim.schedule(this.traffic.warmup, this.sim.register(() => { for (const s of this.stations) s.resetStats(); }));
    }
  }

  /** The timeline changed the load: the pending arrival is drawn again from now. */
  loadChanged(): void {
    if (!this.sending) return;
    this.sim.cancelSource();
    this.scheduleNextArrival(this.sim.now);
  }

  /** Measured client requests not finished yet: in_flight_at_end when the run stops on time. */
  inFlightMeasured(): number {
    return this.recorder.requests - (this.recorder.completed + this.recorder.dropped + this.recorder.rejected
      + this.recorder.failed + this.recorder.timedOut);
  }

  private endpointsChanged(): void {
    this.podTargets?.refresh((p) => this.kubeProxy.isReady(p));
    this.ingress?.refresh((p) => this.kubeProxy.isReady(p));
    if (!this.health.probing) this.health.resync();
  }

  private probe(node: number): boolean {
    const t = this.topology;
    if (!t.loadBalancer.checksHealth) return true;
    if (this.lifecycle.nodeUp[node] === 0) return false;
    return t.externalTrafficPolicy === 'Local' ? this.kubeProxy.localEndpoints(node) > 0 : true;
  }

  private scheduleNextArrival(now: number): void {
    const { requests, duration } = this.traffic;
    this.sending = false;
    if (requests !== undefined && this.sent >= requests) return;
    const next = this.arrivals.next(now);
    if (duration !== undefined && next > duration) return;
    this.sim.scheduleSourceAt(next, this.arriveHandler);
    this.sending = true;
  }

  private arrive(): void {
    const now = this.sim.now;
    this.sent++;
    // Arrivals are generated one at a time: the next is scheduled when this one fires.
    this.scheduleNextArrival(now);
    if ((this.sent & (PROGRESS_EVERY - 1)) === 0 && this.onProgress) this.onProgress(this.sent);
    const measured = now >= this.traffic.warmup;
    if (measured) this.recorder.sent();
    this.attempt(this.clientRequests.open(now, this.clients.pick(), measured), false);
  }

  /** Sends an attempt of client request `request`; a retry always opens a new connection. */
  private attempt(request: number, retry: boolean): void {
    const now = this.sim.now;
    const t = this.topology;
    const links = this.links;
    const cr = this.clientRequests;
    const client = cr.client[request];
    const measured = cr.measured[request] === 1;
    const entry = this.entry;
    const external = entry !== CLUSTER_IP;
    if (this.timeout !== Infinity) cr.timer[request] = this.sim.schedule(this.timeout, this.timeoutHandler, request);
    cr.attemptAt[request] = now;
    cr.attempt[request] = -1;
    cr.lost[request] = 0;
    let node: number;
    let pod: number;
    let delay = 0;
    // A kept connection is usable while its pod and the node it entered through are up.
    if (!retry && this.connLeft[client] > 0 && this.lifecycle.alive(this.connPod[client])
      && this.lifecycle.nodeUp[this.connNode[client]] === 1) {
      this.connLeft[client]--;
      node = this.connNode[client];
      pod = this.connPod[client];
    } else {
      const flow = this.hashesFlows ? flowHash(client, ++this.connSeq[client], this.serviceSalt, 0) : 0;
      if (this.podTargets !== null) {
        pod = this.podTargets.choosePod(flow, this.clients.zoneOf[client]);
        node = pod >= 0 ? this.podNode[pod] : 0;
      } else {
        node = entry === LOAD_BALANCER ? this.balancer.chooseNode(flow)
          : entry === NODE_PORT ? t.entryNodes[Math.floor(this.entryDraw() * t.entryNodes.length)]
          : t.clientNodes[client];
        pod = this.lifecycle.nodeUp[node] === 1 ? this.kubeProxy.choose(node, !external, client, flow, now) : NO_ENDPOINT;
        delay = t.kubeProxy.newConnectionCost;
      }
      this.connLeft[client] = 0;
      if (pod !== NO_ENDPOINT && this.keepsAlive) {
        this.connLeft[client] = this.perConnection.sample() - 1;
        this.connNode[client] = node;
        this.connPod[client] = pod;
      }
    }
    const recorder = this.recorder;
    if (measured) recorder.received(node);
    if (pod === NO_ENDPOINT) {
      // A down node, or endpoints elsewhere but none here under Local: the packets are lost (the
      // client waits for its timeout). No endpoint anywhere: REJECT, the client knows at once.
      if (this.lifecycle.nodeUp[node] === 1 && this.kubeProxy.reachableEndpoints === 0) {
        this.attemptEnded(request, REJECTED);
      } else {
        if (measured) recorder.lostAt(node);
        this.attemptLost(request);
      }
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
    if (entry === LOAD_BALANCER) {
      delay += links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample() + links.degraded(node);
      if (this.dsr) {
        back = links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample() + links.sameNode.sample() + links.degraded(target);
        backCrossings = this.podZone[pod] !== clientZone ? 1 : 0;
      } else {
        back = links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample() + links.degraded(node) + links.nodeToPod(node, target);
        backCrossings = entryCrosses + hopCrosses;
      }
    } else if (entry === NODE_PORT) {
      delay += links.clientToNode.sample() + links.degraded(node);
      back = links.clientToNode.sample() + links.degraded(node) + links.nodeToPod(node, target);
      backCrossings = entryCrosses + hopCrosses;
    } else {
      const veth = t.clientsArePods;
      delay += veth ? links.sameNode.sample() : 0;
      back = (veth ? links.sameNode.sample() : 0) + links.nodeToPod(node, target);
      backCrossings = hopCrosses;
    }
    delay += links.nodeToPod(node, target);
    this.kubeProxy.opened(node, pod);
    const r = this.requests;
    const id = r.open(now, back, pod, hops, forwarded, external && this.snatExternal, measured);
    r.node[id] = node;
    r.logical[id] = request;
    r.crossings[id] = (entryCrosses + hopCrosses) | (backCrossings << 4);
    if (this.ingress !== null) r.route[id] = this.ingress.pickRoute();
    cr.attempt[request] = id;
    if (delay > 0) this.sim.schedule(delay, this.reachPodHandler, id);
    else this.reachPod(id);
  }

  private reachPod(id: number): void {
    const r = this.requests;
    const pod = r.pod[id];
    const measured = r.measured[id] === 1;
    if (!this.lifecycle.alive(pod)) {
      // A stale kube-proxy rule sent it to a pod that is gone: nobody answers.
      this.closeAttempt(id);
      if (r.logical[id] >= 0) this.attemptLost(r.logical[id]);
      return;
    }
    if (measured) this.recorder.reachedPod(pod);
    if (!this.stations[pod].arrive(id)) {
      if (measured) this.recorder.rejectedByPod(pod);
      this.closeAttempt(id);
      if (r.logical[id] >= 0) this.attemptEnded(r.logical[id], REJECTED);
    }
  }

  private complete(id: number): void {
    const r = this.requests;
    if (r.route[id] >= 0) {
      this.leaveController(id);
      return;
    }
    const request = r.logical[id];
    const pod = r.pod[id];
    const arrives = this.sim.now + r.returnDelay[id];
    const hops = r.hops[id];
    const forwarded = r.forwarded[id] === 1;
    const snat = r.snat[id] === 1;
    const crossings = r.crossings[id];
    this.closeAttempt(id);
    if (request < 0) return; // the client stopped waiting: the pod worked for nothing
    const cr = this.clientRequests;
    if (cr.timer[request] >= 0) {
      if (arrives > cr.attemptAt[request] + this.timeout) {
        // The answer would reach the client after its timeout fires: the timeout decides.
        cr.attempt[request] = -1;
        return;
      }
      this.sim.cancel(cr.timer[request]);
    }
    if (cr.measured[request] === 1) {
      this.recorder.completedAt(pod, this.podNode[pod], arrives - cr.sentAt[request], hops, forwarded, snat);
      if (crossings !== 0) this.recorder.crossedZones(crossings & 15, crossings >> 4);
    }
    this.finish(request);
  }

  /** A pod died with the attempt in it: the client sees the connection fail at once. */
  private attemptFailed(id: number): void {
    const r = this.requests;
    this.closeAttempt(id);
    if (r.logical[id] >= 0) this.attemptEnded(r.logical[id], FAILED);
  }

  /** Lost in the network: without a timeout the client waits for ever, so that is the end of it. */
  private attemptLost(request: number): void {
    const cr = this.clientRequests;
    cr.attempt[request] = -1;
    cr.lost[request] = 1;
    if (this.timeout === Infinity) this.attemptEnded(request, DROPPED);
  }

  /** An attempt ended without an answer the client can use: retry it, or give the request up. */
  private attemptEnded(request: number, how: number): void {
    const cr = this.clientRequests;
    if (cr.timer[request] >= 0) {
      this.sim.cancel(cr.timer[request]);
      cr.timer[request] = -1;
    }
    cr.attempt[request] = -1;
    const retries = this.topology.dynamics.retries;
    if (cr.retries[request] < retries.count) {
      const k = cr.retries[request]++;
      if (cr.measured[request] === 1) this.recorder.retried();
      const wait = retries.backoff * 2 ** k * (1 - retries.jitter * this.backoffDraw());
      this.sim.schedule(wait, this.retryHandler, request);
      return;
    }
    if (cr.measured[request] === 1) {
      if (how === DROPPED) this.recorder.outcomeDropped();
      else if (how === REJECTED) this.recorder.outcomeRejected();
      else if (how === FAILED) this.recorder.outcomeFailed();
      else this.recorder.outcomeTimedOut();
    }
    this.finish(request);
  }

  private timedOut(request: number): void {
    const cr = this.clientRequests;
    cr.timer[request] = -1;
    const id = cr.attempt[request];
    // The attempt goes on in the cluster, but nobody waits for its answer any more.
    if (id >= 0) this.requests.logical[id] = -1;
    this.attemptEnded(request, cr.lost[request] === 1 ? DROPPED : TIMED_OUT);
  }

  private finish(request: number): void {
    this.clientRequests.close(request);
    this.finishIfDone();
  }

  private closeAttempt(id: number): void {
    const r = this.requests;
    this.kubeProxy.closed(r.node[id], r.entryPod[id]);
    r.close(id);
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
      const request = r.logical[id];
      this.closeAttempt(id);
      if (request >= 0) this.attemptEnded(request, REJECTED);
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
    if (!this.sending && this.clientRequests.inFlight === 0) this.sim.stop();
  }
}
