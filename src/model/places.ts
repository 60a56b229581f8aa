import type { Topology } from './topology.js';

/**
 * Where everything is, as small integers compared on every request: each node's zone, each
 * pod's node and zone, each external client's zone. Zone numbers are shared by nodes and clients.
 */
export class Places {
  readonly zoneNames: string[];
  readonly nodeZone: Int32Array;
  readonly podNode: Int32Array;
  readonly podZone: Int32Array;
  /** Zone of each external client: client i's zone is where (i + 0.5) / population falls in the cumulative shares. */
  readonly clientZone: Int32Array;

  constructor(topology: Topology) {
    const shares = topology.clients.zones;
    this.zoneNames = [...new Set([...topology.nodes.map((n) => n.zone), ...shares.map(([z]) => z)])];
    this.nodeZone = Int32Array.from(topology.nodes, (n) => this.zoneNames.indexOf(n.zone));
    this.podNode = Int32Array.from(topology.pods, (p) => p.node);
    // A pod the autoscaler may add has no node (-1) until the scheduler binds it (bind).
    this.podZone = Int32Array.from(topology.pods, (p) => (p.node >= 0 ? this.nodeZone[p.node] : -1));
    this.clientZone = clientZones(topology.clients.population, shares.map(([z, w]) => [this.zoneNames.indexOf(z), w]));
  }

  /** The scheduler bound the pod to `node` (a pod the autoscaler added). */
  bind(pod: number, node: number): void {
    this.podNode[pod] = node;
    this.podZone[pod] = this.nodeZone[node];
  }
}

/** Zones handed out in order of the shares, so the split is exact and draws no random numbers. */
function clientZones(size: number, shares: ReadonlyArray<readonly [number, number]>): Int32Array {
  const zoneOf = new Int32Array(size);
  const total = shares.reduce((sum, [, w]) => sum + w, 0);
  if (!(total > 0)) throw new RangeError('client zone shares must add up to more than 0');
  let k = 0;
  let upTo = shares[0][1] / total;
  for (let i = 0; i < size; i++) {
    while ((i + 0.5) / size > upTo && k < shares.length - 1) upTo += shares[++k][1] / total;
    zoneOf[i] = shares[k][0];
  }
  return zoneOf;
}
