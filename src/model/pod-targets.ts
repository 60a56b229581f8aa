import type { Places } from './places.js';
import type { Topology } from './topology.js';

/**
 * AWS NLB in IP mode: the balancer sends straight to pod IPs, so there is no node hop and
 * externalTrafficPolicy has no effect. With cross-zone balancing off (the default) a client's
 * connection goes to a pod in the client's own zone; a zone without ready pods leaves DNS, so
 * its clients reach another zone's front end and its pods, as with instance targets (see
 * NlbBalancer). The choice hashes the flow, as the balancer does.
 */
export class PodTargets {
  private byZone: Int32Array[] = [];
  private zonesWithPods: Int32Array = new Int32Array(0);
  private all: Int32Array = new Int32Array(0);

  constructor(private readonly topology: Topology, private readonly places: Places) {}

  refresh(ready: (pod: number) => boolean): void {
    const pods = this.topology.endpoints.filter(ready);
    this.all = Int32Array.from(pods);
    this.byZone = this.places.zoneNames.map((_, z) => Int32Array.from(pods.filter((p) => this.places.podZone[p] === z)));
    this.zonesWithPods = Int32Array.from(this.byZone.flatMap((zonal, z) => (zonal.length > 0 ? [z] : [])));
  }

  /** The pod for a new connection, or -1 when no pod is ready anywhere. */
  choosePod(flow: number, clientZone: number): number {
    let pods = this.all;
    if (!this.topology.loadBalancer.crossZone && this.zonesWithPods.length > 0) {
      pods = this.byZone[clientZone];
      // The zone's front end is out of DNS: the hash's high bits pick another zone, its low bits the pod.
      if (pods.length === 0) pods = this.byZone[this.zonesWithPods[Math.floor(((flow >>> 0) / 4294967296) * this.zonesWithPods.length)]];
    }
    return pods.length === 0 ? -1 : pods[(flow >>> 0) % pods.length];
  }
}
