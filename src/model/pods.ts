import { createDistribution } from '../engine/distributions.js';
import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { Station } from '../engine/station.js';
import type { KubeProxy } from './kube-proxy.js';
import type { Places } from './places.js';
import type { Topology } from './topology.js';

export const ABSENT = 0;
export const STARTING = 1;
export const READY = 2;
export const TERMINATING = 3;
export const DEAD = 4;

/**
 * The pods: each a station (its queue and workers, the only contended part of the cluster), and
 * pods and nodes as they come and go. A pod starts (not ready), becomes ready after the
 * readiness delay, terminates (not ready but still serving, for its grace period) and dies; a
 * dying pod's station stops and its requests fail. Every readiness change reaches kube-proxy on
 * every node only after the endpoint propagation delay, and kube-proxy then acts on the pod's
 * state at that moment. A failed node kills its pods at once and loses whatever is sent to it.
 */
export class Pods {
  private readonly state: Uint8Array;
  private readonly nodeUp: Uint8Array;
  private readonly stations: Station[];
  /** Pods a node failure killed, to restart when the node recovers. */
  private readonly killedByNode: Uint8Array;
  private readonly readyHandler: number;
  private readonly killHandler: number;
  private readonly syncHandler: number;
  private readonly readyListeners: Array<(pod: number) => void> = [];
  private readonly goneListeners: Array<(pod: number) => void> = [];
  /** When each pod last started and last became ready (NaN: never). */
  readonly startedAt: Float64Array;
  readonly readyAt: Float64Array;
  /** Busy worker-seconds before the last statistics reset, so CPU counters never go back. */
  private readonly busyBefore: Float64Array;

  /**
   * `served(job)` is called when a pod has answered job; `lost(job)` for each job in a pod that
   * dies; `endpointsChanged()` when kube-proxy's view or a node's state changed.
   */
  constructor(private readonly sim: Simulator, streams: RandomStreams, private readonly topology: Topology,
    private readonly places: Places, private readonly kubeProxy: KubeProxy, served: (job: number) => void, private readonly lost: (job: number) => void,
    private readonly endpointsChanged: () => void) {
    this.stations = topology.pods.map((pod) => new Station(sim, pod.workers, pod.queueLimit,
      createDistribution(pod.serviceTime, streams.stream(`service/${pod.name}`)), served));
    this.state = Uint8Array.from(topology.pods, (p) => (p.running ? (p.ready ? READY : STARTING) : ABSENT));
    this.nodeUp = Uint8Array.from(topology.nodes, (n) => (n.ready ? 1 : 0));
    this.killedByNode = new Uint8Array(topology.pods.length);
    this.startedAt = Float64Array.from(topology.pods, (p) => (p.running ? 0 : NaN));
    this.readyAt = Float64Array.from(topology.pods, (p) => (p.running && p.ready ? 0 : NaN));
    this.busyBefore = new Float64Array(topology.pods.length);
    this.readyHandler = sim.register((pod) => this.becomeReady(pod));
    this.killHandler = sim.register((pod) => this.kill(pod));
    this.syncHandler = sim.register((pod) => this.sync(pod));
  }

  /** Called with each pod that becomes ready (a rolling update waits for them). */
  onReady(listener: (pod: number) => void): void {
    this.readyListeners.push(listener);
  }

  /** Calls `listener` with each pod that dies (a controller may reuse its place). */
  onGone(listener: (pod: number) => void): void {
    this.goneListeners.push(listener);
  }

  /** The node is up (a failed node loses whatever is sent to it). */
  nodeIsUp(node: number): boolean {
    return this.nodeUp[node] === 1;
  }

  /** Job `job` reaches pod `pod`: false if its queue is full. */
  arrive(pod: number, job: number): boolean {
    return this.stations[pod].arrive(job);
  }

  /** The statistics keep only what happens from now (the end of the warm-up). */
  resetStats(): void {
    const now = this.sim.now;
    this.stations.forEach((s, i) => {
      this.busyBefore[i] += s.busyTime(now);
      s.resetStats();
    });
  }

  /** Busy worker-seconds of the pod since the run began: the cumulative counter CPU usage is read from. */
  busySeconds(pod: number): number {
    return this.busyBefore[pod] + this.stations[pod].busyTime(this.sim.now);
  }

  /** Utilization of each pod's workers up to `end`, and the mean wait of the jobs each started. */
  utilization(pod: number, end: number): number {
    return this.stations[pod].utilization(end);
  }

  meanWait(pod: number): number {
    const s = this.stations[pod];
    const started = s.completed + s.busy;
    return started > 0 ? s.waitSum / started : NaN;
  }

  isReady(pod: number): boolean {
    return this.state[pod] === READY;
  }

  isTerminating(pod: number): boolean {
    return this.state[pod] === TERMINATING;
  }

  /** The pod's process is up: it answers what reaches it (ready or not). */
  alive(pod: number): boolean {
    const s = this.state[pod];
    return s === READY || s === TERMINATING || s === STARTING;
  }

  start(pod: number): void {
    const node = this.places.podNode[pod];
    if (this.alive(pod) || node < 0 || this.nodeUp[node] === 0) return;
    this.state[pod] = STARTING;
    this.startedAt[pod] = this.sim.now;
    this.readyAt[pod] = NaN;
    this.sim.schedule(this.topology.dynamics.readinessDelay, this.readyHandler, pod);
  }

  terminate(pod: number, grace: number): void {
    if (!this.alive(pod)) return;
    this.state[pod] = TERMINATING;
    this.propagate(pod);
    this.sim.schedule(grace, this.killHandler, pod);
  }

  kill(pod: number): void {
    if (!this.alive(pod)) return;
    this.state[pod] = DEAD;
    this.stations[pod].abort(this.lost);
    this.propagate(pod);
    for (const l of this.goneListeners) l(pod);
  }

  failNode(node: number): void {
    if (this.nodeUp[node] === 0) return;
    this.nodeUp[node] = 0;
    this.places.podNode.forEach((n, i) => {
      if (n === node && this.alive(i)) {
        this.killedByNode[i] = 1;
        this.kill(i);
      }
    });
    this.endpointsChanged();
  }

  recoverNode(node: number): void {
    if (this.nodeUp[node] === 1) return;
    this.nodeUp[node] = 1;
    this.places.podNode.forEach((n, i) => {
      if (n === node && this.killedByNode[i] === 1) {
        this.killedByNode[i] = 0;
        this.state[i] = ABSENT;
        this.start(i);
      }
    });
    this.endpointsChanged();
  }

  private becomeReady(pod: number): void {
    if (this.state[pod] !== STARTING) return;
    this.state[pod] = READY;
    this.readyAt[pod] = this.sim.now;
    this.propagate(pod);
    for (const l of this.readyListeners) l(pod);
  }

  private propagate(pod: number): void {
    this.sim.schedule(this.topology.dynamics.propagationDelay, this.syncHandler, pod);
  }

  private sync(pod: number): void {
    const s = this.state[pod];
    this.kubeProxy.setReady(pod, s === READY, s === TERMINATING);
    this.endpointsChanged();
  }
}
