import type { Topology } from '../model/topology.js';
import type { FieldPath } from './objects.js';

/**
 * Scenario fields that mean something only for some ways in. A field written for another entry
 * would be silently ignored by the run, so it is an error that names it and says why.
 */
export function checkEntryFields(rawSpec: unknown, topology: Topology, err: (path: FieldPath, message: string) => void): void {
  const spec = isObject(rawSpec) ? rawSpec : {};
  const entry = topology.externalName ? 'externalName' : topology.entry;
  const written = (...path: string[]): boolean => {
    let v: unknown = spec;
    for (const k of path) {
      if (!isObject(v) || !(k in v)) return false;
      v = v[k];
    }
    return true;
  };
  const refuse = (path: string[], why: string) => {
    if (written(...path)) err(['spec', ...path], `Forbidden: does not apply here: ${why}`);
  };
  const outside = 'an ExternalName Service is a DNS alias: clients resolve it and talk to the outside target, past no load balancer, kube-proxy, link or pod of the cluster';
  if (entry === 'externalName') {
    for (const k of ['loadBalancer', 'kubeProxy', 'network', 'zones', 'placement']) refuse([k], outside);
    for (const k of ['population', 'zones', 'requestsPerConnection']) refuse(['clients', k], outside);
    const timeline = Array.isArray(spec.timeline) ? spec.timeline : [];
    timeline.forEach((event, i) => {
      if (!isObject(event)) return;
      for (const k of Object.keys(event)) {
        if (k !== 'at' && k !== 'load') err(['spec', 'timeline', i, k], `Forbidden: does not apply here: ${outside}; only load changes do`);
      }
    });
  }
  const direct = 'a headless Service (clusterIP: None) has no virtual IP: clients resolve its name to pod IPs and connect straight to a pod, past no kube-proxy and no load balancer';
  if (topology.headless) {
    for (const k of ['kubeProxy', 'loadBalancer']) refuse([k], direct);
  } else {
    refuse(['headless'], `Service "${topology.service.name}" is not headless (clusterIP: None)`);
  }
  if (entry !== 'loadBalancer' && entry !== 'externalName') {
    if (!topology.headless) refuse(['loadBalancer'], `traffic enters by ${entry}, not through the load balancer`);
    refuse(['network', 'clientToLoadBalancer'], `traffic enters by ${entry}, not through the load balancer`);
    refuse(['network', 'loadBalancerToNode'], `traffic enters by ${entry}, not through the load balancer`);
  }
  if (entry !== 'nodePort') {
    refuse(['traffic', 'nodes'], `the nodes clients hit are for nodePort entry; traffic enters by ${entry}`);
    if (entry !== 'externalName') refuse(['network', 'clientToNode'], `clients reach a node port only with nodePort entry; traffic enters by ${entry}`);
  }
  if (entry === 'clusterIP') {
    for (const k of ['population', 'zones']) refuse(['clients', k], 'the clients are in the cluster (spec.traffic.clients), not a population outside it');
  }
  if (entry === 'loadBalancer' || entry === 'nodePort') {
    refuse(['traffic', 'clients'], `in-cluster clients are for clusterIP entry; traffic enters by ${entry} from outside`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
