import type { Distribution } from '../engine/distributions.js';
import type { DnsResolver } from './dns.js';
import { OUTSIDE } from './trace.js';
import type { EntryRoute, Route } from './route.js';

/**
 * An ExternalName Service: the client pod resolves the name through the cluster DNS (a CNAME to
 * the outside name, plus the search-path queries its resolver makes first), then talks to the
 * outside target directly. No kube-proxy, no node hop, nothing contended in the cluster: the
 * whole request is one delay, resolution plus the target's answer.
 */
export class ExternalNameEntry implements EntryRoute {
  readonly hashesFlows = false;
  private readonly clientNodes: Int32Array;

  constructor(clientNodes: readonly number[], private readonly resolver: DnsResolver, private readonly target: Distribution) {
    this.clientNodes = Int32Array.from(clientNodes);
  }

  connect(client: number, _flow: number, _now: number, route: Route): void {
    route.node = this.clientNodes[client];
    route.pod = OUTSIDE;
  }

  travel(client: number, _newConnection: boolean, now: number, route: Route): void {
    route.delay = this.resolver.resolve(0, client, now) + this.target.sample();
    route.back = 0;
    route.hops = 0;
    route.forwarded = false;
    route.snat = false;
    route.crossingsThere = 0;
    route.crossingsBack = 0;
  }
}
