import type { LoadBalancerModelName } from '../model/topology.js';
import { parseGoBool } from './load-balancer-annotations.js';
import type { NodeObject } from './objects.js';

export const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

/**
 * Whether the external load balancer may send to `node`, as the component that picks its
 * targets decides.
 *
 * The cloud's service controller (k8s.io/cloud-provider, controllers/service/controller.go,
 * `stableNodeSetPredicates`, Kubernetes 1.30 and later): a node is left out when it carries the
 * exclude label with a value Go's strconv.ParseBool reads as true or cannot read ("", "yes");
 * "false" (or "0", "f") keeps it (kubernetes/kubernetes#131085; earlier releases left out any
 * node with the label, whatever its value). Not-Ready nodes stay targets since the
 * StableLoadBalancerNodeSet gate (beta and on in 1.27, GA in 1.30): the balancer's own health
 * check takes them out. Before it, the controller dropped not-Ready nodes itself. Control-plane
 * nodes are targets like any other: the role label stopped counting with LegacyNodeRoleBehavior
 * (off by default from 1.21, removed in 1.22); kubeadm and kind put the exclude label on them.
 * Not read here, as svcsim's Node objects do not carry them: the autoscaler's
 * ToBeDeletedByClusterAutoscaler taint and a deletionTimestamp, which also leave a node out.
 *
 * MetalLB's speakers (internal/k8s/nodes IsNodeExcludedFromBalancers, "Troubleshooting"): any
 * node with the label, whatever its value, announces nothing (unless --ignore-exclude-lb).
 *
 * `targetNodeLabels`: the AWS annotation aws-load-balancer-target-node-labels, "k1=v1,k2=v2":
 * only nodes with all of them are registered as instance targets.
 */
export function isLoadBalancerTarget(node: NodeObject, model: LoadBalancerModelName, targetNodeLabels?: Record<string, string>): boolean {
  const labels = node.meta.labels;
  if (EXCLUDE_LABEL in labels) {
    if (model === 'metallb-l2' || model === 'metallb-bgp') return false;
    if (parseGoBool(labels[EXCLUDE_LABEL]) !== false) return false;
  }
  if (targetNodeLabels) return Object.entries(targetNodeLabels).every(([k, v]) => labels[k] === v);
  return true;
}
