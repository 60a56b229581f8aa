import { createDistribution } from '../engine/distributions.js';
import type { RandomStreams, Uniform } from '../engine/random.js';
import { DnsResolver } from './dns.js';
import { NO_ENDPOINT } from './kube-proxy.js';
import type { Links } from './links.js';
import type { Places } from './places.js';
import type { Pods } from './pods.js';
import { countHops, type EntryRoute, type Route } from './route.js';
import type { HeadlessSpec, Topology } from './topology.js';

/**
 * A headless Service (clusterIP: None): no virtual IP, so no kube-proxy rule and no balancer.
 * The client's resolver asks the cluster DNS for the name (the search path as for any name),
 * CoreDNS answers with an A record per published endpoint (ready ones; with
 * publishNotReadyAddresses the terminating ones too), in a fresh random order (`rotate`, the
 * loadbalance plugin) or in the endpoints' order (`fixed`). The client connects to the first
 * address, as getaddrinfo returns them, and keeps the answer for `ttl` seconds: every
 * connection it opens until then goes to that pod, dead or alive. The packets take the pod
 * network from the client's node to the pod's: a veth on the same node, a node-to-node link
 * otherwise. The DNS time is paid by the first request of a connection that had to resolve.
 */
export class HeadlessEntry implements EntryRoute {
  readonly hashesFlows = false;
  private readonly clientNodes: Int32Array;
  /** The pods the DNS answers with now, in the endpoints' order; `count` of them are set. */
  private published: Int32Array;
  private count = 0;
  /** Per client: the first address of its cached answer, and when that answer expires. */
  private readonly cachedPod: Int32Array;
  private readonly expires: Float64Array;
  /** Per client: DNS seconds paid by the connection it is opening (0 when its answer was cached). */
  private readonly lookup: Float64Array;

  constructor(clientNodes: readonly number[], private readonly clientsArePods: boolean, private readonly endpoints: readonly number[],
    private readonly resolver: DnsResolver, private readonly rotate: boolean, private readonly ttl: number,
    private readonly shuffle: Uniform, private readonly pods: Pods, private readonly links: Links, private readonly places: Places) {
    this.clientNodes = Int32Array.from(clientNodes);
    this.published = new Int32Array(endpoints.length);
    this.cachedPod = new Int32Array(clientNodes.length).fill(NO_ENDPOINT);
    this.expires = new Float64Array(clientNodes.length); // 0: nothing cached yet
    this.lookup = new Float64Array(clientNodes.length);
  }

  /** The endpoints changed as the DNS sees them (after the propagation delay): `publishes(pod)` says which it answers with. */
  refresh(publishes: (pod: number) => boolean): void {
    let n = 0;
    for (const p of this.endpoints) if (publishes(p)) this.published[n++] = p;
    this.count = n;
  }

  /** A name with no address does not resolve: the client is refused at once. */
  endpointsLeft(): number {
    return this.count;
  }

  connect(client: number, _flow: number, now: number, route: Route): void {
    const node = this.clientNodes[client];
    route.node = node;
    this.lookup[client] = 0;
    if (!this.pods.nodeIsUp(node)) {
      route.pod = NO_ENDPOINT;
      return;
    }
    if (now < this.expires[client]) {
      route.pod = this.cachedPod[client];
      return;
    }
    if (this.count === 0) {
      // NXDOMAIN (or no data): nothing to cache, the next connection asks again.
      route.pod = NO_ENDPOINT;
      return;
    }
    const t = this.resolver.resolve(0);
    // loadbalance shuffles the whole answer (Fisher-Yates): its first address is uniform.
    const pod = this.published[this.rotate ? Math.floor(this.shuffle() * this.count) : 0];
    this.cachedPod[client] = pod;
    this.expires[client] = now + t + this.ttl;
    this.lookup[client] = t;
    route.pod = pod;
  }

  travel(client: number, newConnection: boolean, _now: number, route: Route): void {
    const { links, places } = this;
    const node = route.node;
    const target = places.podNode[route.pod];
    countHops(route, false, target, places.nodeZone, places.nodeZone[node]);
    route.snat = false;
    const veth = this.clientsArePods;
    const dns = newConnection ? this.lookup[client] : 0;
    route.back = (veth ? links.sameNode.sample() : 0) + links.nodeToPod(node, target);
    route.delay = dns + (veth ? links.sameNode.sample() : 0) + links.nodeToPod(node, target);
  }
}

/** The headless entry of `t`, its resolver and its answer order drawn from their own streams. */
export function createHeadlessEntry(t: Topology, spec: HeadlessSpec, streams: RandomStreams, pods: Pods, links: Links,
  places: Places): HeadlessEntry {
  const dns = spec.dns;
  const resolver = new DnsResolver({
    latency: createDistribution(dns.latency, streams.stream('dns')),
    upstreamLatency: createDistribution(dns.upstreamLatency, streams.stream('dns/upstream')),
    namespace: spec.namespace,
    services: spec.services,
    names: [spec.name],
    ndots: dns.ndots,
    nodeSearchDomains: dns.nodeSearchDomains,
    queriesPerName: dns.queriesPerName,
  });
  if (resolver.resolvedAs(0) !== spec.fqdn) {
    throw new RangeError(`headless: "${spec.name}" resolves as "${resolver.resolvedAs(0)}", not as the Service's ${spec.fqdn}`);
  }
  return new HeadlessEntry(t.clientNodes, t.clientsArePods, t.endpoints, resolver, dns.order === 'rotate', dns.ttl,
    streams.stream('dns/answer-order'), pods, links, places);
}
