import type { Simulator } from '../engine/simulator.js';
import type { IngressHop } from './ingress-hop.js';
import { NO_ENDPOINT, type KubeProxy } from './kube-proxy.js';
import type { Places } from './places.js';
import type { Pods } from './pods.js';
import { RequestTable } from './request-table.js';
import { Route, type EntryRoute } from './route.js';
import { FAILED, OUTSIDE, REJECTED, type Outcome, type Trace } from './trace.js';

/** The sender of the attempts, told how each ends (the client keeps its own request state). */
export interface PathClient {
  /** Attempt `attempt` of `request` is on its way: the id to abandon it by. */
  opened(request: number, attempt: number): void;
  /** The answer reaches the client at `arrivesAt`; false if the client stops waiting before then. */
  answered(request: number, arrivesAt: number): boolean;
  /** The attempt ended without an answer, and the client knows at once: REJECTED or FAILED. */
  ended(request: number, outcome: Outcome): void;
  /** The attempt was lost in the network: nothing comes back. */
  lost(request: number): void;
}

/**
 * A request's way through a Service, one attempt at a time:
 *   client -> [load balancer] -> entry node -> kube-proxy choice -> [node-to-node hop] -> pod
 *   -> queue -> workers -> back the way it came (with DSR: from the pod's node to the client).
 * The entry route decides the way and its delays; only the pod's queue and workers are
 * contended, so the only events here are reaching the pod and (with an Ingress) the backend:
 * every link is a pure delay, drawn when the attempt is sent.
 */
export class ServicePath {
  private readonly route = new Route();
  private readonly hop = new Route();
  private readonly attempts = new RequestTable();
  private readonly reachHandler: number;
  private client!: PathClient;

  constructor(private readonly sim: Simulator, private readonly entry: EntryRoute, private readonly pods: Pods,
    private readonly kubeProxy: KubeProxy, private readonly ingress: IngressHop | null, private readonly places: Places,
    private readonly trace: Trace) {
    this.reachHandler = sim.register((id) => this.reachPod(id));
  }

  /** The sender to tell how attempts end; set once, before the first attempt. */
  attach(client: PathClient): void {
    this.client = client;
  }

  /** Some part of the route hashes flows: each new connection needs its own flow hash. */
  get hashesFlows(): boolean {
    return this.entry.hashesFlows;
  }

  /** A new connection of `client` with flow hash `flow`: its entry node and pod are then chosenNode, chosenPod. */
  connect(client: number, flow: number, now: number): void {
    this.entry.connect(client, flow, now, this.route);
  }

  get chosenNode(): number {
    return this.route.node;
  }

  /** NO_ENDPOINT when the connection goes nowhere. */
  get chosenPod(): number {
    return this.route.pod;
  }

  /** A kept connection works while its pod and the node it entered through are up. */
  usable(node: number, pod: number): boolean {
    return (pod === OUTSIDE || this.pods.alive(pod)) && this.pods.nodeIsUp(node);
  }

  /** Sends an attempt of `request` on a connection that entered at `node` and goes to `pod`. */
  send(request: number, client: number, node: number, pod: number, newConnection: boolean, sentAt: number): void {
    this.trace.attemptReceived(node, sentAt);
    if (pod === NO_ENDPOINT) {
      this.goNowhere(request, node, sentAt);
      return;
    }
    const route = this.route;
    route.node = node;
    route.pod = pod;
    this.entry.travel(client, newConnection, this.sim.now, route);
    if (route.forwarded) this.trace.attemptForwarded(node, this.places.podNode[pod], sentAt);
    if (pod !== OUTSIDE) this.kubeProxy.opened(node, pod);
    const a = this.attempts;
    const id = a.open(sentAt, request, node, pod);
    a.returnDelay[id] = route.back;
    a.hops[id] = route.hops;
    a.forwarded[id] = route.forwarded ? 1 : 0;
    a.snat[id] = route.snat ? 1 : 0;
    a.crossingsThere[id] = route.crossingsThere;
    a.crossingsBack[id] = route.crossingsBack;
    if (this.ingress !== null) a.route[id] = this.ingress.pickRoute();
    this.client.opened(request, id);
    if (route.delay > 0) this.sim.schedule(route.delay, this.reachHandler, id);
    else this.reachPod(id);
  }

  /**
   * An attempt with no pod to go to. A down node, or endpoints elsewhere but none here under
   * Local: the packets are lost (the client waits for its timeout). No endpoint anywhere (or a
   * name that does not resolve): REJECT, the client knows at once.
   */
  private goNowhere(request: number, node: number, sentAt: number): void {
    const left = this.entry.endpointsLeft !== undefined ? this.entry.endpointsLeft() : this.kubeProxy.reachableEndpoints;
    if (this.pods.nodeIsUp(node) && left === 0) {
      this.client.ended(request, REJECTED);
    } else {
      this.trace.attemptLost(node, sentAt);
      this.client.lost(request);
    }
  }

  /** The client stopped waiting for attempt `id`: it goes on in the cluster, but nobody waits for its answer. */
  abandon(id: number): void {
    this.attempts.logical[id] = -1;
  }

  /** A pod has answered attempt `id` (its station's completion). */
  served(id: number): void {
    if (this.attempts.route[id] >= 0) this.leaveController(id);
    else this.answer(id);
  }

  /** A pod died with attempt `id` in it: the client sees the connection fail at once. */
  failed(id: number): void {
    const request = this.attempts.logical[id];
    this.close(id);
    if (request >= 0) this.client.ended(request, FAILED);
  }

  private reachPod(id: number): void {
    const a = this.attempts;
    const pod = a.pod[id];
    const request = a.logical[id];
    if (pod === OUTSIDE) {
      this.answer(id); // answered outside the cluster: the way back is already in the delay
      return;
    }
    if (!this.pods.alive(pod)) {
      // A stale kube-proxy rule sent it to a pod that is gone: nobody answers.
      this.close(id);
      if (request >= 0) this.client.lost(request);
      return;
    }
    this.trace.attemptReachedPod(pod, a.sentAt[id]);
    if (!this.pods.arrive(pod, id)) {
      this.trace.attemptRejectedByPod(pod, a.sentAt[id]);
      this.close(id);
      if (request >= 0) this.client.ended(request, REJECTED);
    }
  }

  private answer(id: number): void {
    const a = this.attempts;
    const request = a.logical[id];
    const pod = a.pod[id];
    const sentAt = a.sentAt[id];
    const arrives = this.sim.now + a.returnDelay[id];
    const hops = a.hops[id];
    const forwarded = a.forwarded[id] === 1;
    const snat = a.snat[id] === 1;
    const there = a.crossingsThere[id];
    const back = a.crossingsBack[id];
    const node = pod >= 0 ? this.places.podNode[pod] : a.node[id];
    this.close(id);
    if (request < 0) return; // the client stopped waiting: the pod worked for nothing
    if (!this.client.answered(request, arrives)) return;
    this.trace.requestCompleted(arrives - sentAt, pod, node, hops, forwarded, snat, there, back, sentAt);
  }

  /** The Ingress controller pod has done its part: the attempt goes on to a backend pod of its route. */
  private leaveController(id: number): void {
    const a = this.attempts;
    const controller = a.pod[id];
    const sentAt = a.sentAt[id];
    const hop = this.hop;
    this.ingress!.next(controller, a.route[id], hop);
    a.route[id] = -1;
    this.trace.attemptPassedThrough(controller, sentAt);
    if (hop.pod < 0) {
      // No ready endpoint behind the route: the controller answers 503 at once.
      const request = a.logical[id];
      this.close(id);
      if (request >= 0) this.client.ended(request, REJECTED);
      return;
    }
    a.returnDelay[id] += hop.back;
    if (hop.forwarded) {
      a.hops[id]++;
      a.forwarded[id] = 1;
      this.trace.attemptForwarded(hop.node, this.places.podNode[hop.pod], sentAt);
      a.crossingsThere[id] += hop.crossingsThere;
      a.crossingsBack[id] += hop.crossingsThere;
    }
    a.pod[id] = hop.pod;
    this.sim.schedule(hop.delay, this.reachHandler, id);
  }

  private close(id: number): void {
    const a = this.attempts;
    if (a.entryPod[id] !== OUTSIDE) this.kubeProxy.closed(a.node[id], a.entryPod[id]);
    a.close(id);
  }
}
