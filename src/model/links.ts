import type { Distribution } from '../engine/distributions.js';
import type { RandomStreams } from '../engine/random.js';
import { buildDistribution } from '../scenario/distribution-spec.js';
import type { NetworkSpec, TopologyNode } from './topology.js';

const SAME_NODE = 0;
const SAME_ZONE = 1;
const CROSS_ZONE = 2;

/**
 * One-way latencies of the links a request crosses. Pure delays: they are summed into the
 * request's timeline, never simulated as events. Each link class draws from its own stream.
 */
export class Links {
  readonly clientToLoadBalancer: Distribution;
  readonly loadBalancerToNode: Distribution;
  readonly clientToNode: Distribution;
  readonly sameNode: Distribution;
  private readonly byClass: Distribution[];
  private readonly classOf: Uint8Array;
  private readonly n: number;

  constructor(nodes: readonly TopologyNode[], spec: NetworkSpec, streams: RandomStreams) {
    this.clientToLoadBalancer = buildDistribution(spec.clientToLoadBalancer, streams.stream('link/client-to-load-balancer'));
    this.loadBalancerToNode = buildDistribution(spec.loadBalancerToNode, streams.stream('link/load-balancer-to-node'));
    this.clientToNode = buildDistribution(spec.clientToNode, streams.stream('link/client-to-node'));
    this.sameNode = buildDistribution(spec.sameNode, streams.stream('link/same-node'));
    this.byClass = [
      this.sameNode,
      buildDistribution(spec.sameZone, streams.stream('link/same-zone')),
      buildDistribution(spec.crossZone, streams.stream('link/cross-zone')),
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
    const hop = from === to ? 0 : this.byClass[this.classOf[from * this.n + to]].sample();
    return hop + this.sameNode.sample();
  }

  crossesZone(from: number, to: number): boolean {
    return this.classOf[from * this.n + to] === CROSS_ZONE;
  }
}
