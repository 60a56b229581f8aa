import type { Simulator } from '../engine/simulator.js';
import type { NodeRoom } from './node-room.js';
import type { Places } from './places.js';
import type { Pods } from './pods.js';

const FREE = 0;
/** Created, not bound: Pending until a node has room. */
const PENDING = 1;
/** Bound to a node: starting, ready or terminating. */
const BOUND = 2;
/** Deleted and terminating: counts no more, but holds its node's room until it is gone. */
const LEAVING = 3;

/**
 * The autoscaled workload's controller (a ReplicaSet's, or a StatefulSet's) with the scheduler
 * behind it: it keeps `replicas` pods. A new pod takes a free place, and the scheduler binds it
 * to a node with room (NodeRoom) or leaves it Pending; Pending pods are retried whenever room
 * appears (a pod leaves, a node joins). A scale-down deletes pods in the ReplicaSet controller's
 * order: Pending before bound, not ready before ready, the most recently ready first.
 */
export class ReplicaSet {
  private readonly state: Uint8Array;
  private readonly releaseHandler: number;
  replicas: number;

  /** `places`: the pods the workload may use, the first `replicas` of them running now. */
  constructor(private readonly sim: Simulator, private readonly pods: Pods, private readonly placesOfPods: Places,
    private readonly room: NodeRoom, private readonly own: readonly number[], replicas: number, private readonly grace: number,
    private readonly changed: () => void) {
    this.replicas = replicas;
    this.state = new Uint8Array(own.length);
    for (let k = 0; k < replicas; k++) this.state[k] = BOUND;
    this.releaseHandler = sim.register((k) => this.release(k));
    pods.onGone((pod) => {
      const k = own.indexOf(pod);
      if (k >= 0 && this.state[k] === LEAVING) this.sim.schedule(0, this.releaseHandler, k);
    });
  }

  /** Pods counted by the controller: created and not being deleted. */
  get active(): number {
    let n = 0;
    for (let k = 0; k < this.own.length; k++) if (this.state[k] === PENDING || this.state[k] === BOUND) n++;
    return n;
  }

  get pending(): number {
    let n = 0;
    for (let k = 0; k < this.own.length; k++) if (this.state[k] === PENDING) n++;
    return n;
  }

  /** Pods that exist on a node (starting, ready or terminating): what the capacity costs. */
  get running(): number {
    let n = 0;
    for (let k = 0; k < this.own.length; k++) if ((this.state[k] === BOUND || this.state[k] === LEAVING) && this.pods.alive(this.own[k])) n++;
    return n;
  }

  get ready(): number {
    let n = 0;
    for (let k = 0; k < this.own.length; k++) if (this.state[k] === BOUND && this.pods.isReady(this.own[k])) n++;
    return n;
  }

  /** Each pod the controller lists (created and not gone), for the HPA: pod index and whether Pending or deleted. */
  forEachListed(visit: (pod: number, pending: boolean, deleting: boolean) => void): void {
    for (let k = 0; k < this.own.length; k++) {
      const s = this.state[k];
      if (s === PENDING || s === BOUND) visit(this.own[k], s === PENDING, false);
      else if (s === LEAVING && this.pods.alive(this.own[k])) visit(this.own[k], false, true);
    }
  }

  scale(replicas: number): void {
    this.replicas = replicas;
    this.reconcile();
  }

  /** Binds Pending pods where room has appeared. */
  schedulePending(): void {
    let bound = false;
    for (let k = 0; k < this.own.length; k++) {
      if (this.state[k] === PENDING && this.bind(k)) bound = true;
    }
    if (bound) this.changed();
  }

  private reconcile(): void {
    let diff = this.replicas - this.active;
    for (let k = 0; k < this.own.length && diff > 0; k++) {
      if (this.state[k] !== FREE) continue;
      this.state[k] = PENDING;
      this.bind(k);
      diff--;
    }
    while (diff < 0) {
      this.remove(this.victim());
      diff++;
    }
    this.changed();
  }

  private bind(k: number): boolean {
    const node = this.room.choose();
    if (node < 0) return false;
    this.room.take(node);
    this.placesOfPods.bind(this.own[k], node);
    this.state[k] = BOUND;
    this.pods.start(this.own[k]);
    return true;
  }

  /** controller.ActivePods ordering: unassigned, then not ready, then ready for the shortest time. */
  private victim(): number {
    let best = -1;
    let bestRank = -1;
    let bestSince = -Infinity;
    for (let k = 0; k < this.own.length; k++) {
      const s = this.state[k];
      if (s !== PENDING && s !== BOUND) continue;
      const pod = this.own[k];
      const rank = s === PENDING ? 2 : this.pods.isReady(pod) ? 0 : 1;
      const since = s === PENDING ? 0 : this.pods.isReady(pod) ? this.pods.readyAt[pod] : this.pods.startedAt[pod];
      if (rank > bestRank || (rank === bestRank && since >= bestSince)) {
        best = k;
        bestRank = rank;
        bestSince = since;
      }
    }
    return best;
  }

  private remove(k: number): void {
    if (this.state[k] === PENDING) {
      this.state[k] = FREE;
      return;
    }
    this.state[k] = LEAVING;
    const pod = this.own[k];
    if (this.pods.alive(pod)) this.pods.terminate(pod, this.grace);
    else this.sim.schedule(0, this.releaseHandler, k);
  }

  /** The pod is gone: its node's room is free, its place reusable, and Pending pods may fit now. */
  private release(k: number): void {
    if (this.state[k] !== LEAVING) return;
    this.room.release(this.placesOfPods.podNode[this.own[k]]);
    this.state[k] = FREE;
    // A place freed may let the controller create a pod it could not (every place was leaving).
    if (this.active < this.replicas) this.reconcile();
    else {
      this.schedulePending();
      this.changed();
    }
  }
}
