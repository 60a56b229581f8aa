import type { RandomStreams, Uniform } from '../engine/random.js';
import type { Policy, Topology } from './topology.js';

export const NO_ENDPOINT = -1;

/**
 * kube-proxy on every node, in iptables or nftables mode: a uniform random choice over the
 * endpoints the traffic policy allows, made per new connection and independently on each node
 * (each node draws from its own stream). Endpoint lists are fixed when the variant is built.
 */
export class KubeProxy {
  private readonly clusterWide: Int32Array;
  /** Ready endpoints of each node, as slices of `local` (start offsets in `localStart`). */
  private readonly local: Int32Array;
  private readonly localStart: Int32Array;
  private readonly draws: Uniform[];

  constructor(topology: Topology, streams: RandomStreams) {
    const ready = topology.endpoints.filter((p) => topology.pods[p].ready);
    this.clusterWide = Int32Array.from(ready);
    const n = topology.nodes.length;
    const perNode: number[][] = Array.from({ length: n }, () => []);
    for (const p of ready) perNode[topology.pods[p].node].push(p);
    this.localStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.localStart[i + 1] = this.localStart[i] + perNode[i].length;
    this.local = Int32Array.from(perNode.flat());
    this.draws = topology.nodes.map((node) => streams.stream(`kube-proxy/${node.name}`));
  }

  /** Ready endpoints in the whole cluster. */
  get readyEndpoints(): number {
    return this.clusterWide.length;
  }

  localEndpoints(node: number): number {
    return this.localStart[node + 1] - this.localStart[node];
  }

  /** The pod node `node` sends a new connection to under `policy`, or NO_ENDPOINT. */
  choose(node: number, policy: Policy): number {
    const u = this.draws[node];
    if (policy === 'Cluster') {
      const all = this.clusterWide;
      return all.length === 0 ? NO_ENDPOINT : all[Math.floor(u() * all.length)];
    }
    const start = this.localStart[node];
    const count = this.localStart[node + 1] - start;
    return count === 0 ? NO_ENDPOINT : this.local[start + Math.floor(u() * count)];
  }
}
