import type { Places } from './places.js';
import type { Topology } from './topology.js';

/**
 * AWS NLB in IP mode: the balancer sends straight to pod IPs, so there is no node hop and
 * externalTrafficPolicy has no effect. With cross-zone balancing off (the default) a client's
 * connection goes to a pod in the client's own zone; a zone without ready pods fails open to
 * every zone. The choice hashes the flow, as the balancer does.
 */
export class PodTargets {
  private byZone: Int32Array[] = [];
  private all: Int32Array = new Int32Array(0);

  constructor(private readonly topology: Topology, private readonly places: Places) {}

  refresh(ready: (pod: number) => boolean): void {
    const pods = this.topology.endpoints.filter(ready);
    this.all = Int32Array.from(pods);
    this.byZone = this.places.zoneNames.map((_, z) => Int32Array.from(pods.filter((p) => this.places.podZone[p] === z)));
  }

  /** The pod for a new connection, or -1 when no pod is ready anywhere. */
  choosePod(flow: number, clientZone: number): number {
    let pods = this.all;
    if (!this.topology.loadBalancer.crossZone) {
      const zonal = this.byZone[clientZone];
      if (zonal !== undefined && zonal.length > 0) pods = zonal;
    }
    return pods.length === 0 ? -1 : pods[flow % pods.length];
  }
}
