import type { Uniform } from '../engine/random.js';
import { ecmpChoose } from './ecmp.js';
import { metallbL2Leader } from './metallb.js';
import type { Topology } from './topology.js';

export type LoadBalancerModel = Topology['loadBalancer']['model'];

/**
 * How traffic from outside reaches the cluster: the node a new connection enters through.
 * `refresh` hands over the health checker's current view; models keep their own tables and
 * rebuild them only then, never per request.
 */
export interface NodeBalancer {
  readonly model: LoadBalancerModel;
  /** Entry node of a new connection with flow hash `flow`. */
  chooseNode(flow: number): number;
  refresh(healthy: Uint8Array): void;
}

/** What each node's probe and weight say; the data path provides them. */
export interface NodeView {
  nodes: number;
  ready(node: number): boolean;
  /** Ready endpoints on the node, as its healthCheckNodePort reports them. */
  localEndpoints(node: number): number;
}

export function createNodeBalancer(topology: Topology, view: NodeView, u: Uniform): NodeBalancer {
  switch (topology.loadBalancer.model) {
    case 'weighted': return new WeightedBalancer(topology, view, u);
    case 'ecmp':
    case 'metallb-bgp': return new EcmpBalancer(topology.loadBalancer.model, view);
    case 'metallb-l2': return new MetalLbL2Balancer(topology, view);
    // maglev: the balancer in front spreads flows evenly; Maglev picks the endpoint at the node.
    default: return new EvenBalancer(topology.loadBalancer.model, view, u);
  }
}

/** Healthy nodes; failing open to every ready node, then every node, when none is healthy. */
function healthyTargets(view: NodeView, healthy: Uint8Array): Int32Array {
  const all = Array.from({ length: view.nodes }, (_, i) => i);
  const passing = all.filter((i) => healthy[i] === 1);
  if (passing.length > 0) return Int32Array.from(passing);
  const ready = all.filter((i) => view.ready(i));
  return Int32Array.from(ready.length > 0 ? ready : all);
}

/** AWS NLB/CLB instance targets, Azure LB, GCP target pools: uniform per connection. */
class EvenBalancer implements NodeBalancer {
  private targets: Int32Array = new Int32Array(0);
  constructor(readonly model: LoadBalancerModel, private readonly view: NodeView, private readonly u: Uniform) {}
  chooseNode(): number {
    return this.targets[Math.floor(this.u() * this.targets.length)];
  }
  refresh(healthy: Uint8Array): void {
    this.targets = healthyTargets(this.view, healthy);
  }
}

/** GKE weighted load balancing: under Local, proportional to the node's reported endpoint count. */
class WeightedBalancer implements NodeBalancer {
  readonly model = 'weighted' as const;
  private targets: Int32Array = new Int32Array(0);
  private cumulative = new Float64Array(0);
  constructor(private readonly topology: Topology, private readonly view: NodeView, private readonly u: Uniform) {}
  chooseNode(): number {
    const x = this.u() * this.cumulative[this.cumulative.length - 1];
    let i = 0;
    while (this.cumulative[i] <= x && i < this.cumulative.length - 1) i++;
    return this.targets[i];
  }
  refresh(healthy: Uint8Array): void {
    this.targets = healthyTargets(this.view, healthy);
    const local = this.topology.externalTrafficPolicy === 'Local';
    let sum = 0;
    this.cumulative = Float64Array.from(this.targets, (n) => (sum += local ? Math.max(1e-9, this.view.localEndpoints(n)) : 1));
  }
}

/** Per-flow hash over the announcing nodes (MetalLB BGP, router ECMP): a new node set rehashes flows. */
class EcmpBalancer implements NodeBalancer {
  private targets: Int32Array = new Int32Array(0);
  constructor(readonly model: LoadBalancerModel, private readonly view: NodeView) {}
  chooseNode(flow: number): number {
    return this.targets[ecmpChoose(flow, this.targets.length)];
  }
  refresh(healthy: Uint8Array): void {
    this.targets = healthyTargets(this.view, healthy);
  }
}

/** MetalLB layer 2: one node answers ARP for the VIP and takes every connection. */
class MetalLbL2Balancer implements NodeBalancer {
  readonly model = 'metallb-l2' as const;
  private leader = 0;
  private readonly names: string[];
  private readonly serviceKey: string;
  constructor(topology: Topology, private readonly view: NodeView) {
    this.names = topology.nodes.map((n) => n.name);
    this.serviceKey = `${topology.service.namespace}/${topology.service.name}`;
  }
  chooseNode(): number {
    return this.leader;
  }
  refresh(healthy: Uint8Array): void {
    const targets = healthyTargets(this.view, healthy);
    const eligible = new Uint8Array(this.names.length);
    for (const t of targets) eligible[t] = 1;
    this.leader = metallbL2Leader(this.names, this.serviceKey, (i: number) => eligible[i] === 1);
  }
}
