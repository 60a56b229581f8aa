import type { AutoscalingSpec } from './topology.js';

/**
 * What is left on each node for pods created during the run, and where kube-scheduler puts one:
 * the NodeResourcesFit filter against allocatable CPU, memory and pod count, among the nodes the
 * workload's pods may go to (taints, selectors, affinity and cordons were judged when the
 * scenario was loaded, as they do not change during a run) that are up. Among the nodes that fit
 * it prefers the one with the fewest of the workload's pods (the default spreading), then the
 * least allocated (LeastAllocated), then the first in node order, so runs are reproducible.
 */
export class NodeRoom {
  private readonly milliCpu: Float64Array;
  private readonly memory: Float64Array;
  private readonly pods: Float64Array;
  /** Pods of the autoscaled workload on each node. */
  private readonly own: Int32Array;
  /** The node is up and takes pods (a node group's node once it has booted). */
  readonly up: Uint8Array;
  private readonly eligible: readonly number[];
  private readonly eligibleMask: Uint8Array;

  constructor(private readonly spec: AutoscalingSpec, nodeUp: (node: number) => boolean, ownPods: ReadonlyArray<{ node: number }>) {
    const r = spec.requested;
    this.milliCpu = Float64Array.from(r.milliCpu);
    this.memory = Float64Array.from(r.memory);
    this.pods = Float64Array.from(r.pods);
    this.own = new Int32Array(r.pods.length);
    for (const p of ownPods) if (p.node >= 0) this.own[p.node]++;
    this.up = Uint8Array.from(r.pods, (_, i) => (nodeUp(i) ? 1 : 0));
    this.eligible = spec.hpa.eligibleNodes;
    this.eligibleMask = new Uint8Array(r.pods.length);
    for (const n of this.eligible) this.eligibleMask[n] = 1;
  }

  /** Whether one more of the workload's pods fits on `node` as it is now. */
  fits(node: number): boolean {
    const a = this.spec.allocatable;
    const q = this.spec.hpa.requests;
    return this.pods[node] + 1 <= a.pods[node]
      && (q.milliCpu === 0 || q.milliCpu <= a.milliCpu[node] - this.milliCpu[node])
      && (q.memory === 0 || q.memory <= a.memory[node] - this.memory[node]);
  }

  /** The node kube-scheduler binds the next pod of the workload to, or -1 (it stays Pending). */
  choose(): number {
    let best = -1;
    let bestScore = -1;
    for (const n of this.eligible) {
      if (this.up[n] === 0 || !this.fits(n)) continue;
      const score = this.leastAllocated(n);
      if (best < 0 || this.own[n] < this.own[best] || (this.own[n] === this.own[best] && score > bestScore)) {
        best = n;
        bestScore = score;
      }
    }
    return best;
  }

  /** Pods of the workload bound to the node. */
  podsOn(node: number): number {
    return this.own[node];
  }

  take(node: number): void {
    this.add(node, 1);
  }

  release(node: number): void {
    this.add(node, -1);
  }

  /** How many of the workload's pods a node group's node could take when empty (0 where they may not go). */
  capacityOf(node: number): number {
    if (this.eligibleMask[node] === 0) return 0;
    const a = this.spec.allocatable;
    const q = this.spec.hpa.requests;
    const by = (free: number, each: number) => (each > 0 ? Math.floor(free / each) : Infinity);
    return Math.min(a.pods[node] - this.spec.requested.pods[node], by(a.milliCpu[node] - this.spec.requested.milliCpu[node], q.milliCpu),
      by(a.memory[node] - this.spec.requested.memory[node], q.memory));
  }

  /** NodeResourcesFit's LeastAllocated score with the pod added (0 where allocatable is not limited). */
  private leastAllocated(node: number): number {
    const a = this.spec.allocatable;
    const q = this.spec.hpa.requests;
    const score = (used: number, capacity: number) => (Number.isFinite(capacity) && capacity > 0
      ? Math.floor(((capacity - Math.min(capacity, used)) * 100) / capacity) : 0);
    return Math.floor((score(this.milliCpu[node] + q.milliCpu, a.milliCpu[node]) + score(this.memory[node] + q.memory, a.memory[node])) / 2);
  }

  private add(node: number, k: number): void {
    const q = this.spec.hpa.requests;
    this.milliCpu[node] += k * q.milliCpu;
    this.memory[node] += k * q.memory;
    this.pods[node] += k;
    this.own[node] += k;
  }
}
