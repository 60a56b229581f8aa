import type { Uniform } from '../engine/random.js';
import type { KubeProxy } from './kube-proxy.js';
import type { Topology } from './topology.js';

/**
 * The external load balancer, model `even` (AWS NLB/CLB instance targets, Azure LB, GCP target
 * pools): a uniform choice per connection over the nodes that pass its health check.
 *
 * Health check, as probed in steady state: under Local the healthCheckNodePort answers 200 only
 * where the node has a ready local endpoint; under Cluster kube-proxy's own /healthz passes on
 * every Ready node. When no node passes, the balancer fails open and uses every node, as cloud
 * balancers do; the nodes then drop or reject.
 */
export class EvenLoadBalancer {
  readonly targets: Int32Array;

  constructor(topology: Topology, kubeProxy: KubeProxy, private readonly u: Uniform) {
    const all = topology.nodes.map((_, i) => i);
    const ready = all.filter((i) => topology.nodes[i].ready);
    let healthy = ready;
    if (topology.loadBalancerHealthCheck && topology.externalTrafficPolicy === 'Local') {
      healthy = ready.filter((i) => kubeProxy.localEndpoints(i) > 0);
    }
    if (!topology.loadBalancerHealthCheck) healthy = all;
    this.targets = Int32Array.from(healthy.length > 0 ? healthy : all);
  }

  chooseNode(): number {
    return this.targets[Math.floor(this.u() * this.targets.length)];
  }
}
