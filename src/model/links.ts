import { createDistribution, type Distribution } from '../engine/distributions.js';
import type { RandomStreams } from '../engine/random.js';
import type { NetworkSpec, TopologyNode } from './topology.js';

const SAME_NODE = 0;
const SAME_ZONE = 1;
const CROSS_ZONE = 2;

/**
 * One-way latencies of the links a request crosses. Pure delays: they are summed into the
 * request's timeline, never simulated as events. Each link class draws from its own stream.
 */
export class Links {
  clientToLoadBalancer: Distribution;
  loadBalancerToNode: Distribution;
  clientToNode: Distribution;
  sameNode: Distribution;
  private readonly byClass: Distribution[];
  /** Extra one-way delay of every packet into or out of a degraded node; null when none is. */
  private nodeExtra: Array<Distribution | null> | null = null;
  private readonly classOf: Uint8Array;
  private readonly n: number;

  constructor(nodes: readonly TopologyNode[], spec: NetworkSpec, streams: RandomStreams) {
    this.clientToLoadBalancer = createDistribution(spec.clientToLoadBalancer, streams.stream('link/client-to-load-balancer'));
    this.loadBalancerToNode = createDistribution(spec.loadBalancerToNode, streams.stream('link/load-balancer-to-node'));
    this.clientToNode = createDistribution(spec.clientToNode, streams.stream('link/client-to-node'));
    this.sameNode = createDistribution(spec.sameNode, streams.stream('link/same-node'));
    this.byClass = [
      this.sameNode,
      createDistribution(spec.sameZone, streams.stream('link/same-zone')),
      createDistribution(spec.crossZone, streams.stream('link/cross-zone')),
    ];
    this.n = nodes.length;
    this.classOf = new Uint8Array(this.n * this.n);
    for (let a = 0; a < this.n; a++) {
      for (let b = 0; b < this.n; b++) {
        this.classOf[a * this.n + b] = a === b ? SAME_NODE : nodes[a].zone === nodes[b].zone ? SAME_ZONE : CROSS_ZONE;
      }
    }
  }

  /** From node `from` to a pod on node `to`: the node-to-node link if they differ, then the pod's veth. */
  nodeToPod(from: number, to: number): number {
    if (from === to) return this.sameNode.sample();
    return this.byClass[this.classOf[from * this.n + to]].sample() + this.degraded(from) + this.degraded(to) + this.sameNode.sample();
  }

  /** The extra delay of a packet entering or leaving `node` (0 unless the node is degraded). */
  degraded(node: number): number {
    // Small enough for V8 to inline into the data path, which calls it several times a request.
    return this.nodeExtra === null ? 0 : this.degradedBy(node);
  }

  private degradedBy(node: number): number {
    const extra = this.nodeExtra![node];
    return extra === null ? 0 : extra.sample();
  }

  /** A timeline latency change: a link class gets a new distribution. */
  setLink(link: string, d: Distribution): void {
    switch (link) {
      case 'sameNode': this.sameNode = d; this.byClass[SAME_NODE] = d; break;
      case 'sameZone': this.byClass[SAME_ZONE] = d; break;
      case 'crossZone': this.byClass[CROSS_ZONE] = d; break;
      case 'clientToLoadBalancer': this.clientToLoadBalancer = d; break;
      case 'loadBalancerToNode': this.loadBalancerToNode = d; break;
      case 'clientToNode': this.clientToNode = d; break;
      default: throw new RangeError(`unknown link class ${link}`);
    }
  }

  /** A timeline latency change: every packet into or out of `node` takes `d` longer. */
  setNodeExtra(node: number, d: Distribution): void {
    this.nodeExtra ??= new Array<Distribution | null>(this.n).fill(null);
    this.nodeExtra[node] = d;
  }
}
