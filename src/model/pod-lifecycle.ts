import type { Simulator } from '../engine/simulator.js';
import type { Station } from '../engine/station.js';
import type { KubeProxy } from './kube-proxy.js';
import type { Topology } from './topology.js';

export const ABSENT = 0;
export const STARTING = 1;
export const READY = 2;
export const TERMINATING = 3;
export const DEAD = 4;

/**
 * Pods and nodes as they come and go. A pod starts (not ready), becomes ready after the
 * readiness delay, terminates (not ready but still serving, for its grace period) and dies; a
 * dying pod's station stops and its requests fail. Every readiness change reaches kube-proxy on
 * every node only after the endpoint propagation delay, and kube-proxy then acts on the pod's
 * state at that moment. A failed node kills its pods at once and loses whatever is sent to it.
 */
export class PodLifecycle {
  readonly state: Uint8Array;
  readonly nodeUp: Uint8Array;
  /** Pods a node failure killed, to restart when the node recovers. */
  private readonly killedByNode: Uint8Array;
  private readonly readyHandler: number;
  private readonly killHandler: number;
  private readonly syncHandler: number;
  private readonly readyListeners: Array<(pod: number) => void> = [];

  constructor(private readonly sim: Simulator, private readonly topology: Topology, private readonly kubeProxy: KubeProxy,
    private readonly stations: readonly Station[], private readonly lost: (job: number) => void,
    private readonly endpointsChanged: () => void) {
    this.state = Uint8Array.from(topology.pods, (p) => (p.running ? (p.ready ? READY : STARTING) : ABSENT));
    this.nodeUp = Uint8Array.from(topology.nodes, (n) => (n.ready ? 1 : 0));
    this.killedByNode = new Uint8Array(topology.pods.length);
    this.readyHandler = sim.register((pod) => this.becomeReady(pod));
    this.killHandler = sim.register((pod) => this.kill(pod));
    this.syncHandler = sim.register((pod) => this.sync(pod));
  }

  /** Called with each pod that becomes ready (a rolling update waits for them). */
  onReady(listener: (pod: number) => void): void {
    this.readyListeners.push(listener);
  }

  /** The pod's process is up: it answers what reaches it (ready or not). */
  alive(pod: number): boolean {
    const s = this.state[pod];
    return s === READY || s === TERMINATING || s === STARTING;
  }

  start(pod: number): void {
    if (this.alive(pod) || this.nodeUp[this.topology.pods[pod].node] === 0) return;
    this.state[pod] = STARTING;
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
  }

  failNode(node: number): void {
    if (this.nodeUp[node] === 0) return;
    this.nodeUp[node] = 0;
    this.topology.pods.forEach((p, i) => {
      if (p.node === node && this.alive(i)) {
        this.killedByNode[i] = 1;
        this.kill(i);
      }
    });
    this.endpointsChanged();
  }

  recoverNode(node: number): void {
    if (this.nodeUp[node] === 1) return;
    this.nodeUp[node] = 1;
    this.topology.pods.forEach((p, i) => {
      if (p.node === node && this.killedByNode[i] === 1) {
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
