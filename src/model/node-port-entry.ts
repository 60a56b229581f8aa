import type { Uniform } from '../engine/random.js';
import { NO_ENDPOINT, type KubeProxy } from './kube-proxy.js';
import type { Links } from './links.js';
import type { Places } from './places.js';
import type { Pods } from './pods.js';
import { countHops, type EntryRoute, type Route } from './route.js';

/** A NodePort from outside: clients spread evenly over the given nodes, kube-proxy picks the pod there. */
export class NodePortEntry implements EntryRoute {
  readonly hashesFlows: boolean;
  private readonly entryNodes: Int32Array;

  constructor(entryNodes: readonly number[], private readonly draw: Uniform, private readonly kubeProxy: KubeProxy,
    private readonly pods: Pods, private readonly links: Links, private readonly places: Places,
    private readonly snat: boolean, private readonly newConnectionCost: number) {
    this.entryNodes = Int32Array.from(entryNodes);
    this.hashesFlows = kubeProxy.usesFlow;
  }

  connect(client: number, flow: number, now: number, route: Route): void {
    const node = this.entryNodes[Math.floor(this.draw() * this.entryNodes.length)];
    route.node = node;
    route.pod = this.pods.nodeIsUp(node) ? this.kubeProxy.choose(node, false, client, flow, now) : NO_ENDPOINT;
  }

  travel(client: number, newConnection: boolean, _now: number, route: Route): void {
    const { links, places } = this;
    const node = route.node;
    const target = places.podNode[route.pod];
    countHops(route, true, target, places.nodeZone, places.clientZone[client]);
    route.snat = this.snat;
    const delay = (newConnection ? this.newConnectionCost : 0) + links.clientToNode.sample() + links.degraded(node);
    route.back = links.clientToNode.sample() + links.degraded(node) + links.nodeToPod(node, target);
    route.delay = delay + links.nodeToPod(node, target);
  }
}
