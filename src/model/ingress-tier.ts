import type { Uniform } from '../engine/random.js';
import type { IngressSpec, Topology } from './topology.js';

/**
 * The L7 tier of an Ingress: which host and path each request asks for (drawn from the
 * Scenario's mix), and the backend pod each controller pod sends it to. Controllers such as
 * ingress-nginx balance over the backend Service's endpoint IPs round robin, each controller pod
 * keeping its own position, so kube-proxy plays no part in that second hop.
 */
export class IngressTier {
  private readonly cumulative: Float64Array;
  private readonly routeOf: Int32Array;
  private backends: Int32Array[];
  private readonly all: readonly number[][];
  private readonly position: Int32Array;
  private readonly routes: number;

  constructor(topology: Topology, spec: IngressSpec, private readonly u: Uniform) {
    this.cumulative = Float64Array.from(spec.cumulativeWeight);
    this.routeOf = Int32Array.from(spec.routeOf);
    this.all = spec.backendPods;
    this.backends = spec.backendPods.map((pods) => Int32Array.from(pods.filter((p) => topology.pods[p].ready && topology.pods[p].running)));
    this.routes = spec.backendPods.length;
    this.position = new Int32Array(topology.pods.length * Math.max(1, this.routes));
  }

  /** The controllers saw the endpoints change: each route keeps its ready pods. */
  refresh(ready: (pod: number) => boolean): void {
    this.backends = this.all.map((pods) => Int32Array.from(pods.filter(ready)));
    this.position.fill(0);
  }

  /** The backend route of the next request, from the weighted mix. */
  pickRoute(): number {
    const c = this.cumulative;
    const x = this.u() * c[c.length - 1];
    let i = 0;
    while (c[i] <= x && i < c.length - 1) i++;
    return this.routeOf[i];
  }

  /** The backend pod `controller` sends a request of `route` to, or -1 when the route has none ready. */
  pickBackend(controller: number, route: number): number {
    const pods = this.backends[route];
    if (pods.length === 0) return -1;
    const k = controller * this.routes + route;
    const i = this.position[k];
    this.position[k] = i + 1 === pods.length ? 0 : i + 1;
    return pods[i];
  }
}
