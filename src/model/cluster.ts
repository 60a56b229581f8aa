import { createDistribution, type Distribution } from '../engine/distributions.js';
import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { ClusterIpEntry } from './cluster-ip-entry.js';
import type { ClusterControl } from './cluster-control.js';
import { DnsResolver } from './dns.js';
import { ExternalNameEntry } from './external-name-entry.js';
import { Autoscaling } from './autoscaling.js';
import { createHeadlessEntry, type HeadlessEntry } from './headless-entry.js';
import { HealthChecker } from './health-check.js';
import { IngressHop } from './ingress-hop.js';
import { IngressTier } from './ingress-tier.js';
import { KubeProxy } from './kube-proxy.js';
import { LoadBalancerEntry } from './load-balancer-entry.js';
import { createNodeBalancer, type NodeBalancer } from './load-balancer.js';
import { Links } from './links.js';
import { NodePortEntry } from './node-port-entry.js';
import { Places } from './places.js';
import { PodTargets } from './pod-targets.js';
import { Pods } from './pods.js';
import type { EntryRoute } from './route.js';
import { ServicePath } from './service-path.js';
import type { Topology } from './topology.js';
import type { AutoscalingTrace, Trace } from './trace.js';

/**
 * One variant's cluster, wired from its Topology: nodes and pods, kube-proxy on every node, the
 * links, the load balancer and its health checks, and the path requests take through them. It
 * is also what a timeline acts on (ClusterControl).
 */
export class Cluster implements ClusterControl {
  readonly path: ServicePath;
  private readonly pods: Pods;
  private readonly kubeProxy: KubeProxy;
  private readonly links: Links;
  private readonly health: HealthChecker;
  private readonly balancer: NodeBalancer;
  private readonly podTargets: PodTargets | null;
  private readonly ingress: IngressHop | null;
  private headless: HeadlessEntry | null = null;
  private readonly places: Places;
  private autoscaling: Autoscaling | null = null;

  constructor(private readonly sim: Simulator, streams: RandomStreams, private readonly topology: Topology, trace: Trace) {
    const t = topology;
    const places = new Places(t);
    this.places = places;
    this.links = new Links(t.nodes, t.network, streams);
    this.kubeProxy = new KubeProxy(t, streams, places.podNode);
    this.pods = new Pods(sim, streams, t, places, this.kubeProxy, (job) => this.path.served(job), (job) => this.path.failed(job),
      () => this.endpointsChanged());
    this.balancer = createNodeBalancer(t, places, {
      nodes: t.nodes.length,
      ready: (n) => this.pods.nodeIsUp(n),
      localEndpoints: (n) => this.kubeProxy.localEndpoints(n),
      servingEndpoints: (n) => this.kubeProxy.servingEndpoints(n),
    }, streams.stream('load-balancer'));
    const lb = t.loadBalancer;
    this.podTargets = t.entry === 'loadBalancer' && lb.model === 'ip-targets' ? new PodTargets(t, places) : null;
    this.ingress = t.ingress ? new IngressHop(new IngressTier(t, t.ingress, streams.stream('ingress-mix')), this.links, places) : null;
    this.health = new HealthChecker(sim, t.nodes.length, (n) => this.probe(n),
      lb.checksHealth ? lb.healthCheck : null, () => this.balancer.refresh(this.health.healthy));
    this.balancer.refresh(this.health.healthy);
    this.podTargets?.refresh((p) => this.kubeProxy.isReady(p));
    this.path = new ServicePath(sim, this.entryRoute(streams, places), this.pods, this.kubeProxy, this.ingress, places, trace);
  }

  /** Starts the load balancer's health probes, and the autoscaling controllers if the topology has them. */
  start(autoscalingTrace?: AutoscalingTrace): void {
    this.health.start();
    const spec = this.topology.autoscaling;
    if (spec && autoscalingTrace) {
      this.autoscaling = new Autoscaling(this.sim, spec, this.pods, this.places, {
        addNode: (n) => this.pods.recoverNode(n),
        removeNode: (n) => this.failNode(n, true),
      }, autoscalingTrace);
      this.autoscaling.start();
    }
  }

  /** The node a pod runs on (or last ran on); -1 for a pod the autoscaler never created. */
  podNode(pod: number): number {
    return this.places.podNode[pod];
  }

  /** Statistics from now on only: the end of the warm-up. */
  resetStats(): void {
    this.pods.resetStats();
  }

  utilization(pod: number, end: number): number {
    return this.pods.utilization(pod, end);
  }

  meanWait(pod: number): number {
    return this.pods.meanWait(pod);
  }

  failNode(node: number, deleted: boolean): void {
    this.pods.failNode(node);
    // A deleted Node leaves the balancer's targets at once (the service controller syncs them);
    // a NotReady one stays until the probes notice.
    if (deleted) this.health.remove(node);
  }

  recoverNode(node: number): void { this.pods.recoverNode(node); }
  startPod(pod: number): void { this.pods.start(pod); }
  terminatePod(pod: number, grace: number): void { this.pods.terminate(pod, grace); }
  isReady(pod: number): boolean { return this.pods.isReady(pod); }
  isTerminating(pod: number): boolean { return this.pods.isTerminating(pod); }
  onReady(listener: (pod: number) => void): void { this.pods.onReady(listener); }
  setLinkLatency(link: string, latency: Distribution): void { this.links.setLink(link, latency); }
  setNodeLatency(node: number, extra: Distribution): void { this.links.setNodeExtra(node, extra); }

  private entryRoute(streams: RandomStreams, places: Places): EntryRoute {
    const t = this.topology;
    const cost = t.kubeProxy.newConnectionCost;
    // Cluster masquerades all external traffic, even when the chosen pod is local.
    const snat = t.externalTrafficPolicy === 'Cluster';
    if (t.externalName) {
      const spec = t.externalName;
      const resolver = new DnsResolver({
        latency: createDistribution(spec.dns.latency, streams.stream('dns')),
        upstreamLatency: createDistribution(spec.dns.upstreamLatency, streams.stream('dns/upstream')),
        namespace: spec.namespace,
        services: spec.services,
        names: [spec.name],
        ndots: spec.dns.ndots,
        nodeSearchDomains: spec.dns.nodeSearchDomains,
        queriesPerName: spec.dns.queriesPerName,
        cache: spec.dns.cacheTtl !== undefined ? { ttl: spec.dns.cacheTtl, clients: t.clientNodes.length } : undefined,
      });
      return new ExternalNameEntry(t.clientNodes, resolver, createDistribution(spec.targetLatency, streams.stream('external-target')));
    }
    if (t.headless) {
      this.headless = createHeadlessEntry(t, t.headless, streams, this.pods, this.links, places);
      this.headless.refresh((p) => this.publishes(p));
      return this.headless;
    }
    if (t.entry === 'clusterIP') return new ClusterIpEntry(t.clientNodes, t.clientsArePods, this.kubeProxy, this.pods, this.links, places, cost);
    if (t.entry === 'nodePort') {
      return new NodePortEntry(t.entryNodes, streams.stream('entry'), this.kubeProxy, this.pods, this.links, places, snat, cost);
    }
    const m = t.loadBalancer.model;
    const dsr = t.loadBalancer.dsr;
    return new LoadBalancerEntry(this.balancer, this.kubeProxy, this.pods, this.links, places, {
      podTargets: this.podTargets,
      dsr,
      // Cilium masquerades only what it forwards to another node, and with DSR nothing (the
      // client's address is kept: Cilium kube-proxy-free docs).
      snat: snat && m !== 'ip-targets' && !(m === 'maglev' && dsr),
      snatOnlyForwarded: m === 'maglev',
      newConnectionCost: cost,
      hashesFlows: this.kubeProxy.usesFlow || m === 'ecmp' || m === 'metallb-bgp' || m === 'ip-targets',
    });
  }

  private endpointsChanged(): void {
    this.podTargets?.refresh((p) => this.kubeProxy.isReady(p));
    this.ingress?.refresh((p) => this.kubeProxy.isReady(p));
    this.headless?.refresh((p) => this.publishes(p));
    if (!this.health.probing) this.health.resync();
    if (this.balancer.followsEndpoints) this.balancer.refresh(this.health.healthy);
  }

  /**
   * The cluster DNS answers a headless name with the endpoints the EndpointSlices mark ready,
   * seen after the same propagation delay as kube-proxy's; a terminating pod is marked ready
   * only with publishNotReadyAddresses (the EndpointSlice controller's podToEndpoint).
   */
  private publishes(pod: number): boolean {
    return this.kubeProxy.isReady(pod) || (this.topology.headless!.publishNotReadyAddresses && this.kubeProxy.isServing(pod));
  }

  private probe(node: number): boolean {
    const t = this.topology;
    // MetalLB has no health check: the probes stand for its speakers' liveness (memberlist, BGP
    // sessions); which nodes announce under Local follows the endpoints (see announcingNodes).
    if (this.balancer.followsEndpoints) return this.pods.nodeIsUp(node);
    if (!t.loadBalancer.checksHealth) return true;
    if (!this.pods.nodeIsUp(node)) return false;
    return t.externalTrafficPolicy === 'Local' ? this.kubeProxy.localEndpoints(node) > 0 : true;
  }
}
