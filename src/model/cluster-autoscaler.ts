import type { Simulator } from '../engine/simulator.js';
import type { NodeRoom } from './node-room.js';
import type { ReplicaSet } from './replica-set.js';
import type { NodeGroupSpec } from './topology.js';

const ABSENT = 0;
const BOOTING = 1;
const UP = 2;

/** What the cluster autoscaler does to nodes: the cluster brings a node up or takes it away. */
export interface NodeControl {
  addNode(node: number): void;
  removeNode(node: number): void;
}

/**
 * The cluster autoscaler over the Scenario's node groups. Every scan interval:
 *  - scale-up: Pending pods that the nodes already booting cannot take make the first group
 *    (in the Scenario's order) whose nodes can take them add as many nodes as they need (the
 *    binpacking estimator), up to its max; each is Ready after the group's provisioning delay;
 *  - scale-down: a group node above the group's min that has held none of the workload's pods for
 *    the group's scale-down delay is removed. (The real one also drains under-used nodes whose
 *    pods fit elsewhere; svcsim removes empty nodes only.)
 */
export class ClusterAutoscaler {
  private readonly state: Uint8Array;
  private readonly emptySince: Float64Array;
  private readonly scanHandler: number;
  private readonly bootedHandler: number;
  private readonly groupOf: Int32Array;

  constructor(private readonly sim: Simulator, private readonly groups: readonly NodeGroupSpec[], nodes: number,
    private readonly room: NodeRoom, private readonly workload: ReplicaSet, private readonly nodesControl: NodeControl,
    private readonly scanInterval: number, private readonly changed: () => void) {
    this.state = new Uint8Array(nodes).fill(UP);
    this.emptySince = new Float64Array(nodes).fill(NaN);
    this.groupOf = new Int32Array(nodes).fill(-1);
    groups.forEach((g, gi) => g.nodes.forEach((n, k) => {
      this.groupOf[n] = gi;
      if (k >= g.min) this.state[n] = ABSENT;
    }));
    this.scanHandler = sim.register(() => this.scan());
    this.bootedHandler = sim.register((node) => this.booted(node));
  }

  start(): void {
    if (this.groups.length > 0) this.sim.schedule(this.scanInterval, this.scanHandler);
  }

  /** Nodes up (a node outside the groups always is, as far as the cluster autoscaler knows). */
  get nodes(): number {
    return this.count(UP);
  }

  /** Nodes ordered and not yet Ready (a cloud bills them from their launch). */
  get booting(): number {
    return this.count(BOOTING);
  }

  private count(state: number): number {
    let n = 0;
    for (let i = 0; i < this.state.length; i++) if (this.state[i] === state) n++;
    return n;
  }

  private scan(): void {
    this.scaleUp();
    this.scaleDown();
    this.sim.schedule(this.scanInterval, this.scanHandler);
  }

  private scaleUp(): void {
    let unplaced = this.workload.pending;
    for (let n = 0; n < this.state.length && unplaced > 0; n++) {
      if (this.state[n] === BOOTING) unplaced -= this.room.capacityOf(n);
    }
    for (const g of this.groups) {
      for (const n of g.nodes) {
        if (unplaced <= 0) break;
        if (this.state[n] !== ABSENT) continue;
        const capacity = this.room.capacityOf(n);
        if (capacity < 1) break;
        this.state[n] = BOOTING;
        unplaced -= capacity;
        this.sim.schedule(g.provisioningDelay, this.bootedHandler, n);
        this.changed();
      }
    }
  }

  private scaleDown(): void {
    const now = this.sim.now;
    for (const g of this.groups) {
      let present = 0;
      for (const n of g.nodes) if (this.state[n] !== ABSENT) present++;
      // The newest nodes go first, so the group shrinks from its end as it grew.
      for (let k = g.nodes.length - 1; k >= 0 && present > g.min; k--) {
        const n = g.nodes[k];
        if (this.state[n] !== UP) continue;
        if (this.room.podsOn(n) > 0) {
          this.emptySince[n] = NaN;
          continue;
        }
        if (Number.isNaN(this.emptySince[n])) this.emptySince[n] = now;
        if (now - this.emptySince[n] >= g.scaleDownDelay) {
          this.state[n] = ABSENT;
          this.room.up[n] = 0;
          this.emptySince[n] = NaN;
          this.nodesControl.removeNode(n);
          present--;
          this.changed();
        }
      }
    }
  }

  private booted(node: number): void {
    this.state[node] = UP;
    this.room.up[node] = 1;
    this.nodesControl.addNode(node);
    this.workload.schedulePending();
    this.changed();
  }
}
