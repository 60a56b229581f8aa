import {
  allocateTopologyHints, hintFilter, trafficDistributionFilter, type TrafficDistribution, type ZonedEndpoint,
} from './topology-aware.js';
import type { Topology } from './topology.js';

const DISTRIBUTIONS = new Set(['PreferSameZone', 'PreferClose', 'PreferSameNode']);

/**
 * Each node's Cluster endpoint list for the Service, as kube-proxy narrows it by topology:
 *  - the topology-mode: Auto annotation (topology-aware hints, allotted by zone CPU) wins, as
 *    the EndpointSlice controller ignores trafficDistribution when it is set;
 *  - else trafficDistribution (PreferSameZone / PreferClose, PreferSameNode) with its fallbacks;
 *  - else every ready endpoint.
 * Computed when endpoints change, never per request.
 */
export function clusterEndpointsByNode(topology: Topology, readyPods: readonly number[], podNode: Int32Array): number[][] {
  const nodes = topology.nodes;
  const all = nodes.map(() => [...readyPods]);
  const endpoints: ZonedEndpoint[] = readyPods.map((p) => {
    const node = podNode[p];
    return { node, zone: nodes[node].zone, ready: true };
  });
  const pick = (indices: Int32Array) => Array.from(indices, (i) => readyPods[i]);

  if (topology.service.topologyMode === 'Auto') {
    const cpu: Record<string, number> = {};
    for (const n of nodes) {
      if (!n.ready) continue;
      // A node without allocatable CPU leaves its zone's share unknown: the controller refuses hints.
      cpu[n.zone] = n.allocatableCpu === undefined || cpu[n.zone] === 0 ? 0 : (cpu[n.zone] ?? 0) + n.allocatableCpu;
    }
    const allotted = allocateTopologyHints(endpoints, cpu, nodes.filter((n) => n.ready).map((n) => n.zone));
    if (!('hints' in allotted)) return all;
    return nodes.map((n) => pick(hintFilter(n.zone, endpoints, allotted.hints)));
  }
  const mode = topology.service.trafficDistribution;
  if (mode !== undefined && DISTRIBUTIONS.has(mode)) {
    return nodes.map((n, i) => pick(trafficDistributionFilter(mode as TrafficDistribution, i, n.zone, endpoints)));
  }
  return all;
}
