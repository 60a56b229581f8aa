import type { RandomStreams, Uniform } from '../engine/random.js';
import { IpvsScheduler } from './ipvs.js';
import { MaglevTable } from './maglev.js';
import { ClientIpAffinity } from './session-affinity.js';
import { clusterEndpointsByNode } from './topology-routing.js';
import type { Topology } from './topology.js';

export const NO_ENDPOINT = -1;

const EXTERNAL = 0;
const INTERNAL = 1;
const UNIFORM = 0;
const IPVS = 1;
const MAGLEV = 2;

/**
 * kube-proxy (or Cilium's replacement) on every node. Each node holds two endpoint lists per
 * Service, fixed until the endpoints change: one for external traffic (externalTrafficPolicy)
 * and one for traffic from inside (internalTrafficPolicy); a Cluster list is narrowed by
 * topology (trafficDistribution or topology-aware hints) as kube-proxy narrows it.
 * A new connection then gets an endpoint from its list:
 *  - iptables, nftables: uniform at random, each node drawing from its own stream;
 *  - ipvs: the node's IPVS scheduler (rr, lc, sh, sed, nq), with the node's own connection counts;
 *  - maglev (load balancer model): Cilium's consistent hash of the flow;
 * unless sessionAffinity ClientIP remembers an endpoint for the client on that node.
 */
export class KubeProxy {
  private readonly topology: Topology;
  private readonly nodes: number;
  private list: Int32Array = new Int32Array(0);
  private listStart: Int32Array;
  private readonly draws: Uniform[];
  private ipvs: IpvsScheduler[] = [];
  private maglev: MaglevTable[] = [];
  private readonly connections: Int32Array[];
  private readonly affinity: ClientIpAffinity | null;
  private readonly ready: Uint8Array;
  /** Terminating but still serving: used only when no ready endpoint is left (see rebuild). */
  private readonly serving: Uint8Array;
  private readyCount = 0;
  private readonly localCount: Int32Array;
  /** Ready or terminating-but-serving endpoints per node (what MetalLB's speakers count). */
  private readonly localServing: Int32Array;
  /** How a new connection's endpoint is chosen: fixed for the run, so decided once. */
  private readonly strategy: number;
  /** The flow hash matters (Maglev); otherwise callers may pass 0. */
  readonly usesFlow: boolean;

  /** `podNode`: each pod's node, which the scheduler may set during the run (Places.podNode). */
  constructor(topology: Topology, streams: RandomStreams, private readonly podNode: Int32Array) {
    this.topology = topology;
    this.nodes = topology.nodes.length;
    this.listStart = new Int32Array(2 * this.nodes + 1);
    this.draws = topology.nodes.map((node) => streams.stream(`kube-proxy/${node.name}`));
    this.connections = topology.nodes.map(() => new Int32Array(topology.pods.length));
    this.ready = Uint8Array.from(topology.pods, (p) => (p.ready && p.running ? 1 : 0));
    this.serving = new Uint8Array(topology.pods.length);
    this.localCount = new Int32Array(this.nodes);
    this.localServing = new Int32Array(this.nodes);
    this.affinity = topology.service.sessionAffinity === 'ClientIP'
      ? new ClientIpAffinity(this.nodes, topology.clients.population, topology.service.affinityTimeout)
      : null;
    this.strategy = topology.kubeProxy.mode === 'ipvs' ? IPVS : topology.loadBalancer.model === 'maglev' ? MAGLEV : UNIFORM;
    this.usesFlow = this.strategy === MAGLEV;
    this.rebuild();
  }

  /** Ready, as kube-proxy knows it (after the propagation delay). */
  isReady(pod: number): boolean {
    return this.ready[pod] === 1;
  }

  /** Terminating but still serving, as kube-proxy knows it (after the propagation delay). */
  isServing(pod: number): boolean {
    return this.serving[pod] === 1;
  }

  /** Endpoints a connection could still reach (ready, or terminating and serving): none means REJECT. */
  get reachableEndpoints(): number {
    let n = this.readyCount;
    for (let p = 0; p < this.serving.length; p++) n += this.serving[p];
    return n;
  }

  /** Ready endpoints on the node: what its healthCheckNodePort reports. */
  localEndpoints(node: number): number {
    return this.localCount[node];
  }

  /** Endpoints on the node that can serve: ready, or terminating and still serving. */
  servingEndpoints(node: number): number {
    return this.localServing[node];
  }

  /** An endpoint changed readiness: every node recomputes its lists (kube-proxy's sync). */
  setReady(pod: number, ready: boolean, servingWhileTerminating = false): void {
    this.ready[pod] = ready ? 1 : 0;
    this.serving[pod] = !ready && servingWhileTerminating ? 1 : 0;
    // kube-proxy deletes the endpoint's chain and its affinity list together.
    if (!ready) this.affinity?.forgetEndpoint(pod);
    this.rebuild();
  }

  /** The endpoint for a new connection entering at `node`, or NO_ENDPOINT. */
  choose(node: number, internal: boolean, client: number, flow: number, now: number): number {
    const k = 2 * node + (internal ? INTERNAL : EXTERNAL);
    const start = this.listStart[k];
    const count = this.listStart[k + 1] - start;
    if (count === 0) return NO_ENDPOINT;
    const affinity = this.affinity;
    if (affinity !== null) {
      const kept = affinity.lookup(node, client, now);
      if (kept >= 0 && this.contains(start, count, kept)) {
        affinity.remember(node, client, kept, now);
        return kept;
      }
    }
    let endpoint: number;
    if (this.strategy === UNIFORM) endpoint = this.list[start + Math.floor(this.draws[node]() * count)];
    else if (this.strategy === IPVS) endpoint = this.ipvs[k].pick(client);
    else endpoint = this.list[start + this.maglev[k].lookup(flow)];
    if (affinity !== null) affinity.remember(node, client, endpoint, now);
    return endpoint;
  }

  /** A connection through `node` to `endpoint` opened or closed (IPVS least-connection counts). */
  opened(node: number, endpoint: number): void {
    if (this.strategy === IPVS) this.connections[node][endpoint]++;
  }

  closed(node: number, endpoint: number): void {
    if (this.strategy === IPVS) this.connections[node][endpoint]--;
  }

  private contains(start: number, count: number, endpoint: number): boolean {
    for (let i = start; i < start + count; i++) if (this.list[i] === endpoint) return true;
    return false;
  }

  private rebuild(): void {
    const t = this.topology;
    const readyPods = t.endpoints.filter((p) => this.ready[p] === 1);
    this.readyCount = readyPods.length;
    this.localCount.fill(0);
    for (const p of readyPods) this.localCount[this.podNode[p]]++;
    // With no ready endpoint left (Cluster: in the Service; Local: on the node), kube-proxy falls
    // back to endpoints that are terminating but still serving.
    const servingPods = t.endpoints.filter((p) => this.serving[p] === 1);
    this.localServing.set(this.localCount);
    for (const p of servingPods) this.localServing[this.podNode[p]]++;
    const cluster = readyPods.length > 0 ? clusterEndpointsByNode(t, readyPods, this.podNode) : this.topology.nodes.map(() => servingPods);
    const lists: number[][] = [];
    for (let n = 0; n < this.nodes; n++) {
      const readyHere = readyPods.filter((p) => this.podNode[p] === n);
      const local = readyHere.length > 0 ? readyHere : servingPods.filter((p) => this.podNode[p] === n);
      lists.push(t.externalTrafficPolicy === 'Local' ? local : cluster[n]);
      lists.push(t.internalTrafficPolicy === 'Local' ? local : cluster[n]);
    }
    this.listStart = new Int32Array(lists.length + 1);
    lists.forEach((l, i) => { this.listStart[i + 1] = this.listStart[i] + l.length; });
    this.list = Int32Array.from(lists.flat());
    if (this.strategy === IPVS) {
      this.ipvs = lists.map((l, i) => new IpvsScheduler(t.kubeProxy.scheduler, Int32Array.from(l), this.connections[i >> 1]));
    }
    if (this.strategy === MAGLEV) {
      // Identical lists (every node's Cluster list) share one table, as they hash alike.
      const tables = new Map<string, MaglevTable>();
      this.maglev = lists.map((l) => {
        const key = l.join(',');
        let table = tables.get(key);
        if (!table) {
          table = new MaglevTable(l.map((p) => t.pods[p].name), t.loadBalancer.maglevTableSize);
          tables.set(key, table);
        }
        return table;
      });
    }
  }
}
