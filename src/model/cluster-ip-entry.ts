import { NO_ENDPOINT, type KubeProxy } from './kube-proxy.js';
import type { Links } from './links.js';
import type { Places } from './places.js';
import type { Pods } from './pods.js';
import { countHops, type EntryRoute, type Route } from './route.js';

/**
 * The ClusterIP from inside: each client sits on a node (a pod, one veth away, or a host-network
 * process), and that node's kube-proxy picks the pod. No SNAT, no balancer.
 */
export class ClusterIpEntry implements EntryRoute {
  readonly hashesFlows: boolean;
  private readonly clientNodes: Int32Array;

  constructor(clientNodes: readonly number[], private readonly clientsArePods: boolean, private readonly kubeProxy: KubeProxy,
    private readonly pods: Pods, private readonly links: Links, private readonly places: Places,
    private readonly newConnectionCost: number) {
    this.clientNodes = Int32Array.from(clientNodes);
    this.hashesFlows = kubeProxy.usesFlow;
  }

  connect(client: number, flow: number, now: number, route: Route): void {
    const node = this.clientNodes[client];
    route.node = node;
    route.pod = this.pods.nodeIsUp(node) ? this.kubeProxy.choose(node, true, client, flow, now) : NO_ENDPOINT;
  }

  travel(_client: number, newConnection: boolean, _now: number, route: Route): void {
    const { links, places } = this;
    const node = route.node;
    const target = places.podNode[route.pod];
    countHops(route, false, target, places.nodeZone, places.nodeZone[node]);
    route.snat = false;
    const veth = this.clientsArePods;
    const delay = (newConnection ? this.newConnectionCost : 0) + (veth ? links.sameNode.sample() : 0);
    route.back = (veth ? links.sameNode.sample() : 0) + links.nodeToPod(node, target);
    route.delay = delay + links.nodeToPod(node, target);
  }
}
