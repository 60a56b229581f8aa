import type { Uniform } from '../engine/random.js';
import { ecmpChoose } from './ecmp.js';
import { metallbL2Leader } from './metallb.js';
import { NlbBalancer } from './nlb.js';
import type { LoadBalancerModel, NodeBalancer, NodeView } from './node-balancer.js';
import type { Places } from './places.js';
import type { Topology } from './topology.js';

export type { LoadBalancerModel, NodeBalancer, NodeView } from './node-balancer.js';

export function createNodeBalancer(topology: Topology, places: Places, view: NodeView, u: Uniform): NodeBalancer {
  const targets = Int32Array.from(topology.nodes.flatMap((n, i) => (n.loadBalancerTarget ? [i] : [])));
  const lb = topology.loadBalancer;
  switch (lb.model) {
    case 'weighted': return new WeightedBalancer(topology, targets, view, u);
    case 'ecmp': return new EcmpBalancer('ecmp', targets, view, null);
    case 'metallb-bgp': return new EcmpBalancer('metallb-bgp', targets, view, topology.externalTrafficPolicy === 'Local');
    case 'metallb-l2': return new MetalLbL2Balancer(topology, targets, view);
    // With cross-zone balancing on, every front end spreads over every zone's targets: even.
    case 'nlb': return lb.crossZone ? new EvenBalancer('nlb', targets, view, u) : new NlbBalancer(targets, places, u);
    // maglev: the balancer in front spreads flows evenly; Maglev picks the endpoint at the node.
    default: return new EvenBalancer(lb.model, targets, view, u);
  }
}

/** Healthy targets; failing open to every ready target, then every target, when none is healthy. */
function healthyTargets(targets: Int32Array, view: NodeView, healthy: Uint8Array): Int32Array {
  const passing = targets.filter((i) => healthy[i] === 1);
  if (passing.length > 0) return passing;
  const ready = targets.filter((i) => view.ready(i));
  return ready.length > 0 ? ready : targets;
}

/**
 * The nodes MetalLB announces a Service from: speakers the probes see alive on target nodes
 * and, under Local, only those with an endpoint that can serve (MetalLB docs, "Traffic
 * policies"; speaker/layer2_controller.go, usableNodes). No health check is involved. With
 * none, no route exists: svcsim then lets the attempt reach a target node, where it is refused
 * or lost as kube-proxy would treat it, instead of inventing a node-less route.
 */
function announcingNodes(targets: Int32Array, view: NodeView, healthy: Uint8Array, local: boolean): Int32Array {
  const announcing = targets.filter((i) => healthy[i] === 1 && (!local || view.servingEndpoints(i) > 0));
  return announcing.length > 0 ? announcing : targets;
}

/**
 * Uniform per connection over the healthy targets: Azure LB, GCP target pools and backend
 * services, AWS CLB or NLB (instance targets) with cross-zone load balancing on.
 */
class EvenBalancer implements NodeBalancer {
  readonly followsEndpoints = false;
  private current: Int32Array = new Int32Array(0);
  constructor(readonly model: LoadBalancerModel, private readonly targets: Int32Array, private readonly view: NodeView,
    private readonly u: Uniform) {}
  chooseNode(): number {
    return this.current[Math.floor(this.u() * this.current.length)];
  }
  refresh(healthy: Uint8Array): void {
    this.current = healthyTargets(this.targets, this.view, healthy);
  }
}

/** GKE weighted load balancing: under Local, proportional to the node's reported endpoint count. */
class WeightedBalancer implements NodeBalancer {
  readonly model = 'weighted' as const;
  readonly followsEndpoints = false;
  private current: Int32Array = new Int32Array(0);
  private cumulative = new Float64Array(0);
  constructor(private readonly topology: Topology, private readonly targets: Int32Array, private readonly view: NodeView,
    private readonly u: Uniform) {}
  chooseNode(): number {
    const x = this.u() * this.cumulative[this.cumulative.length - 1];
    let i = 0;
    while (this.cumulative[i] <= x && i < this.cumulative.length - 1) i++;
    return this.current[i];
  }
  refresh(healthy: Uint8Array): void {
    this.current = healthyTargets(this.targets, this.view, healthy);
    const local = this.topology.externalTrafficPolicy === 'Local';
    let sum = 0;
    this.cumulative = Float64Array.from(this.current, (n) => (sum += local ? Math.max(1e-9, this.view.localEndpoints(n)) : 1));
  }
}

/**
 * Per-flow hash over the announcing nodes (MetalLB BGP, router ECMP): a new node set rehashes
 * flows. `local` null: a plain router, whose next hops are the health-checked targets; true or
 * false: MetalLB, announcing as `announcingNodes` says.
 */
class EcmpBalancer implements NodeBalancer {
  readonly followsEndpoints: boolean;
  private current: Int32Array = new Int32Array(0);
  constructor(readonly model: LoadBalancerModel, private readonly targets: Int32Array, private readonly view: NodeView,
    private readonly local: boolean | null) {
    this.followsEndpoints = local !== null;
  }
  chooseNode(flow: number): number {
    return this.current[ecmpChoose(flow, this.current.length)];
  }
  refresh(healthy: Uint8Array): void {
    this.current = this.local === null
      ? healthyTargets(this.targets, this.view, healthy)
      : announcingNodes(this.targets, this.view, healthy, this.local);
  }
}

/** MetalLB layer 2: one node answers ARP for the VIP and takes every connection. */
class MetalLbL2Balancer implements NodeBalancer {
  readonly model = 'metallb-l2' as const;
  readonly followsEndpoints = true;
  private leader = 0;
  private readonly names: string[];
  private readonly serviceKey: string;
  private readonly local: boolean;
  constructor(topology: Topology, private readonly targets: Int32Array, private readonly view: NodeView) {
    this.names = topology.nodes.map((n) => n.name);
    this.serviceKey = `${topology.service.namespace}/${topology.service.name}`;
    this.local = topology.externalTrafficPolicy === 'Local';
  }
  chooseNode(): number {
    return this.leader;
  }
  refresh(healthy: Uint8Array): void {
    const eligible = new Uint8Array(this.names.length);
    for (const t of announcingNodes(this.targets, this.view, healthy, this.local)) eligible[t] = 1;
    this.leader = metallbL2Leader(this.names, this.serviceKey, (i: number) => eligible[i] === 1);
  }
}
