import type { LoadBalancerModelName } from './topology.js';

export type LoadBalancerModel = LoadBalancerModelName;

/**
 * How traffic from outside reaches the cluster: the node a new connection enters through.
 * `refresh` hands over the health checker's current view; models keep their own tables and
 * rebuild them only then, never per request. Only the Topology's target nodes are ever chosen
 * (nodes the service controller or MetalLB leaves out never receive load-balancer traffic).
 */
export interface NodeBalancer {
  readonly model: LoadBalancerModel;
  /** The node set follows the endpoints, not the probes (MetalLB): refresh on every endpoint change too. */
  readonly followsEndpoints: boolean;
  /** Entry node of a new connection with flow hash `flow` from a client in zone `clientZone`. */
  chooseNode(flow: number, clientZone: number): number;
  refresh(healthy: Uint8Array): void;
}

/** What each node's probe and weight say; the data path provides them. */
export interface NodeView {
  nodes: number;
  ready(node: number): boolean;
  /** Ready endpoints on the node, as its healthCheckNodePort reports them. */
  localEndpoints(node: number): number;
  /** Ready or terminating-but-serving endpoints on the node (MetalLB's EndpointCanServe). */
  servingEndpoints(node: number): number;
}
