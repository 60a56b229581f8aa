import type { DistributionInput } from '../scenario/scenario-schema.js';

/**
 * The cluster one variant runs on, resolved from Kubernetes objects and the Scenario: plain
 * data, indices instead of names, nothing left to look up while the simulation runs.
 */
export interface TopologyNode {
  name: string;
  zone: string;
  ready: boolean;
}

export interface TopologyPod {
  name: string;
  /** Index into nodes. */
  node: number;
  ready: boolean;
  workers: number;
  /** Waiting room; Infinity when unbounded. */
  queueLimit: number;
  serviceTime: DistributionInput;
}

export type Entry = 'loadBalancer' | 'nodePort' | 'clusterIP';
export type Policy = 'Cluster' | 'Local';

export interface NetworkSpec {
  sameNode: DistributionInput;
  sameZone: DistributionInput;
  crossZone: DistributionInput;
  clientToLoadBalancer: DistributionInput;
  loadBalancerToNode: DistributionInput;
  clientToNode: DistributionInput;
}

export interface Topology {
  nodes: TopologyNode[];
  pods: TopologyPod[];
  /** Pods selected by the Service (ready or not); kube-proxy uses the ready ones. */
  endpoints: number[];
  entry: Entry;
  externalTrafficPolicy: Policy;
  internalTrafficPolicy: Policy;
  /** nodePort entry: the nodes clients hit, evenly. */
  entryNodes: number[];
  /** clusterIP entry: the node of each client, evenly (a node appears once per client pod on it). */
  clientNodes: number[];
  /** clusterIP entry: clients are pods (one more veth hop each way) rather than host-network processes. */
  clientsArePods: boolean;
  loadBalancerHealthCheck: boolean;
  network: NetworkSpec;
}

export interface TrafficSpec {
  arrival: 'poisson' | 'deterministic';
  /** Requests per second. */
  rate: number;
  /** Stop sending after this many requests (if set). */
  requests?: number;
  /** Stop sending at this simulated time, seconds (if set). */
  duration?: number;
  /** Requests sent before this time are not measured. */
  warmup: number;
}
