import type { Uniform } from '../engine/random.js';
import type { NodeBalancer } from './node-balancer.js';
import type { Places } from './places.js';

/**
 * An AWS Network Load Balancer with instance targets (the nodes) and cross-zone load balancing
 * off, its default: one front end (load balancer node) per zone, each sending only to the
 * healthy targets of its own zone ("Cross-zone load balancing for target groups", Elastic Load
 * Balancing docs). A client uses its own zone's front end.
 *
 * A zone without a healthy target leaves DNS: its front end's address is no longer returned,
 * so its clients resolve to the other zones' front ends, here one picked uniformly per new
 * connection. When no zone has a healthy target, the balancer fails open: each front end sends
 * to all of its zone's targets whatever their health ("Health checks for Network Load Balancer
 * target groups"). Target choice within a zone is uniform per connection (a flow hash).
 */
export class NlbBalancer implements NodeBalancer {
  readonly model = 'nlb' as const;
  readonly followsEndpoints = false;
  private readonly targetsIn: Int32Array[];
  private readonly targetZones: Int32Array;
  private healthyIn: Int32Array[];
  private healthyZones: Int32Array = new Int32Array(0);

  constructor(targets: Int32Array, private readonly places: Places, private readonly u: Uniform) {
    this.targetsIn = places.zoneNames.map((_, z) => targets.filter((n) => places.nodeZone[n] === z));
    this.targetZones = zonesWithNodes(this.targetsIn);
    this.healthyIn = this.targetsIn;
  }

  chooseNode(_flow: number, clientZone: number): number {
    const open = this.healthyZones.length === 0;
    const byZone = open ? this.targetsIn : this.healthyIn;
    let nodes = byZone[clientZone];
    if (nodes.length === 0) {
      const zones = open ? this.targetZones : this.healthyZones;
      nodes = byZone[zones[Math.floor(this.u() * zones.length)]];
    }
    return nodes[Math.floor(this.u() * nodes.length)];
  }

  refresh(healthy: Uint8Array): void {
    this.healthyIn = this.targetsIn.map((nodes) => nodes.filter((n) => healthy[n] === 1));
    this.healthyZones = zonesWithNodes(this.healthyIn);
  }
}

function zonesWithNodes(byZone: Int32Array[]): Int32Array {
  return Int32Array.from(byZone.flatMap((nodes, z) => (nodes.length > 0 ? [z] : [])));
}
