import { NO_ENDPOINT } from './kube-proxy.js';

/**
 * One attempt's way through the cluster, written by an entry route into a Route that is reused
 * for every attempt (nothing allocated per request): where it enters, the pod it reaches, and
 * what the way there and back costs.
 */
export class Route {
  /** The node the attempt enters the cluster through. */
  node = 0;
  /** The pod it goes to; NO_ENDPOINT when there is none, OUTSIDE for a target outside the cluster. */
  pod = NO_ENDPOINT;
  /** Seconds from the client to the pod, and from the pod's answer back to the client. */
  delay = 0;
  back = 0;
  hops = 0;
  /** The pod is on another node than the entry node. */
  forwarded = false;
  /** The pod sees the node's address, not the client's. */
  snat = false;
  crossingsThere = 0;
  crossingsBack = 0;
}

/**
 * Where one entry kind (load balancer, NodePort, ClusterIP, ExternalName) takes a request: the
 * entry node and pod when a connection opens (conntrack keeps them for its requests), then the
 * delays of each request on it.
 */
export interface EntryRoute {
  /** Some part of the route hashes flows, so each connection needs its own flow hash. */
  readonly hashesFlows: boolean;
  /** Chooses route.node and route.pod for a new connection of `client`. */
  connect(client: number, flow: number, now: number, route: Route): void;
  /** Fills in the rest of `route` for one request on route.node and route.pod (a pod that exists). */
  travel(client: number, newConnection: boolean, now: number, route: Route): void;
  /**
   * Endpoints a new connection could still get, for an entry that knows them itself (headless:
   * the addresses the DNS publishes); without it, kube-proxy's count decides. None: REJECT.
   */
  endpointsLeft?(): number;
}

/** Hops and zone crossings of a request from `clientZone` entering at route.node and served on `podNode`. */
export function countHops(route: Route, external: boolean, podNode: number, nodeZone: Int32Array, clientZone: number): void {
  const node = route.node;
  const forwarded = podNode !== node;
  route.forwarded = forwarded;
  route.hops = (external ? 1 : 0) + (forwarded ? 1 : 0);
  const entryCrosses = external && nodeZone[node] !== clientZone ? 1 : 0;
  const hopCrosses = forwarded && nodeZone[node] !== nodeZone[podNode] ? 1 : 0;
  route.crossingsThere = entryCrosses + hopCrosses;
  route.crossingsBack = entryCrosses + hopCrosses;
}
