import type { IngressTier } from './ingress-tier.js';
import type { Links } from './links.js';
import type { Places } from './places.js';
import type { Route } from './route.js';

/**
 * The Ingress controller's second hop: from the controller pod straight to a backend pod's IP
 * (maybe on another node), through the controller's veth and the node-to-node link, and back.
 */
export class IngressHop {
  constructor(private readonly tier: IngressTier, private readonly links: Links, private readonly places: Places) {}

  /** The controllers saw the endpoints change. */
  refresh(ready: (pod: number) => boolean): void {
    this.tier.refresh(ready);
  }

  /** The backend route of the next request, from the Scenario's mix. */
  pickRoute(): number {
    return this.tier.pickRoute();
  }

  /**
   * Chooses the backend of a request on `route` that `controller` has handled and writes its
   * way into `out` (pod, delay there, delay added to the way back, forwarded and crossings of
   * this hop). out.pod is -1 when the route has no ready backend.
   */
  next(controller: number, route: number, out: Route): void {
    const backend = this.tier.pickBackend(controller, route);
    out.pod = backend;
    if (backend < 0) return;
    const { podNode, nodeZone } = this.places;
    const from = podNode[controller];
    const to = podNode[backend];
    const links = this.links;
    out.delay = links.sameNode.sample() + links.nodeToPod(from, to);
    out.back = links.sameNode.sample() + links.nodeToPod(from, to);
    out.node = from;
    out.forwarded = from !== to;
    out.crossingsThere = out.forwarded && nodeZone[from] !== nodeZone[to] ? 1 : 0;
  }
}
