/**
 * The cluster as kube-scheduler sees it while placing pods one at a time: nodes (labels, taints,
 * allocatable) and the pods already bound to each. The filter and score plugins read it.
 */
import type { LabelSelector, NodeObject, PodScheduling, Taint, Toleration } from './objects.js';
import type { NodeLabels } from './node-affinity.js';
import { effectiveTaints } from './tolerations.js';

export const HOSTNAME = 'kubernetes.io/hostname';

export interface SchedulingNode extends NodeLabels {
  taints: Taint[];
  unschedulable: boolean;
  /** A resource not given is not limited (a hand-written Node). */
  allocatable: { milliCpu?: number; memory?: number; pods?: number };
}

/** A pod as the scheduler sees it: bound to a node, or the one being placed. */
export interface SchedulingPod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  scheduling: PodScheduling;
  /** Its own tolerations and those admission and its controller add. */
  tolerations: Toleration[];
  /** Being deleted: spreading does not count it. */
  terminating: boolean;
}

/** The pod being placed, with the selectors of the Services and workload it belongs to (default spreading). */
export interface IncomingPod extends SchedulingPod {
  /** ANDed; empty: the pod belongs to nothing, and gets no default spread constraints. */
  ownerSelectors: LabelSelector[];
}

export interface ClusterState {
  nodes: SchedulingNode[];
  /** pods[i]: the pods bound to nodes[i]. */
  pods: SchedulingPod[][];
}

/**
 * A Node as the scheduler sees it. Every kubelet labels its Node kubernetes.io/hostname; a
 * hand-written Node without the label gets its name, as it would when it registers.
 */
export function schedulingNode(n: NodeObject): SchedulingNode {
  return {
    name: n.meta.name,
    labels: { [HOSTNAME]: n.meta.name, ...n.meta.labels },
    taints: effectiveTaints(n),
    unschedulable: n.unschedulable,
    allocatable: n.allocatable,
  };
}
