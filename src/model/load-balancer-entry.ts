import { NO_ENDPOINT, type KubeProxy } from './kube-proxy.js';
import type { Links } from './links.js';
import type { NodeBalancer } from './load-balancer.js';
import type { Places } from './places.js';
import type { PodTargets } from './pod-targets.js';
import type { Pods } from './pods.js';
import { countHops, type EntryRoute, type Route } from './route.js';

export interface LoadBalancerEntryOptions {
  /** The balancer sends to pod IPs itself (NLB IP targets): no node, no kube-proxy on the way in. */
  podTargets: PodTargets | null;
  /** Direct server return: the pod's node answers the client itself. */
  dsr: boolean;
  /** The entry node masquerades the client's address. */
  snat: boolean;
  /**
   * Only when it forwards to a pod on another node (Cilium's kube-proxy replacement); kube-proxy
   * masquerades all external Cluster traffic, local pods included.
   */
  snatOnlyForwarded: boolean;
  /** Seconds added to a new connection's first packet by kube-proxy's rules. */
  newConnectionCost: number;
  hashesFlows: boolean;
}

/**
 * type: LoadBalancer from outside: the client's packets cross the balancer to a node, where
 * kube-proxy picks the pod; the answer goes back the same way (or, with DSR, from the pod's node
 * straight to the client). The balancer's front end sits in the client's zone.
 */
export class LoadBalancerEntry implements EntryRoute {
  readonly hashesFlows: boolean;

  constructor(private readonly balancer: NodeBalancer, private readonly kubeProxy: KubeProxy, private readonly pods: Pods,
    private readonly links: Links, private readonly places: Places, private readonly options: LoadBalancerEntryOptions) {
    this.hashesFlows = options.hashesFlows;
  }

  connect(client: number, flow: number, now: number, route: Route): void {
    const targets = this.options.podTargets;
    if (targets !== null) {
      const pod = targets.choosePod(flow, this.places.clientZone[client]);
      route.pod = pod;
      route.node = pod >= 0 ? this.places.podNode[pod] : 0;
      return;
    }
    const node = this.balancer.chooseNode(flow, this.places.clientZone[client]);
    route.node = node;
    route.pod = this.pods.nodeIsUp(node) ? this.kubeProxy.choose(node, false, client, flow, now) : NO_ENDPOINT;
  }

  travel(client: number, newConnection: boolean, _now: number, route: Route): void {
    const { links, places, options } = this;
    const node = route.node;
    const target = places.podNode[route.pod];
    const clientZone = places.clientZone[client];
    countHops(route, true, target, places.nodeZone, clientZone);
    route.snat = options.snat && (route.forwarded || !options.snatOnlyForwarded);
    let delay = newConnection && options.podTargets === null ? options.newConnectionCost : 0;
    delay += links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample() + links.degraded(node);
    if (options.dsr) {
      route.back = links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample() + links.sameNode.sample() + links.degraded(target);
      route.crossingsBack = places.podZone[route.pod] !== clientZone ? 1 : 0;
    } else {
      route.back = links.clientToLoadBalancer.sample() + links.loadBalancerToNode.sample() + links.degraded(node) + links.nodeToPod(node, target);
    }
    route.delay = delay + links.nodeToPod(node, target);
  }
}
