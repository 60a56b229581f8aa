import type { Topology } from '../model/topology.js';

/**
 * The share of the traffic each pod of a variant serves at the start, from its routing rules
 * alone (no simulation): what the queueing-theory bracket of the planner loads each pod with.
 *
 * - externalTrafficPolicy Local through a load balancer: the balancer splits evenly over the
 *   target nodes that have a ready endpoint (its health check leaves the others out; without a
 *   health check, the share of nodes without one is lost), and each node evenly over its own
 *   ready endpoints; the `weighted` and `ip-targets` models weigh by endpoints, so every pod gets
 *   the same share;
 * - Local through a NodePort: evenly over the entry nodes, then over each node's endpoints;
 * - everything else (Cluster, ClusterIP, headless, ingress): evenly over the ready endpoints.
 *
 * Zone-aware routing, session affinity and hash-based balancers are left out: they move shares
 * by a little, and the simulation that follows the bracket has them all.
 */
export function routingShares(topology: Topology): number[] {
  const shares = topology.pods.map(() => 0);
  const ready = topology.endpoints.filter((p) => topology.pods[p].running && topology.pods[p].ready);
  if (ready.length === 0) return shares;
  const local = topology.externalTrafficPolicy === 'Local' && topology.entry !== 'clusterIP'
    && !topology.ingress && !topology.headless && !topology.externalName
    && !(topology.entry === 'loadBalancer' && ['weighted', 'ip-targets'].includes(topology.loadBalancer.model));
  if (!local) {
    for (const p of ready) shares[p] = 1 / ready.length;
    return shares;
  }
  const onNode = (n: number) => ready.filter((p) => topology.pods[p].node === n);
  const entryNodes = topology.entry === 'nodePort'
    ? topology.entryNodes
    : topology.nodes.map((_, n) => n).filter((n) => topology.nodes[n].loadBalancerTarget && topology.nodes[n].ready
      && (!topology.loadBalancer.checksHealth || onNode(n).length > 0));
  for (const n of entryNodes) {
    const pods = onNode(n);
    for (const p of pods) shares[p] += 1 / entryNodes.length / pods.length;
  }
  return shares;
}
