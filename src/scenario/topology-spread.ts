/**
 * topologySpreadConstraints (kubernetes.io docs, "Pod Topology Spread Constraints";
 * pkg/scheduler/framework/plugins/podtopologyspread): DoNotSchedule constraints filter,
 * ScheduleAnyway ones score. A pod with none of its own that belongs to a Service or workload
 * gets the built-in defaults: hostname maxSkew 3 and zone maxSkew 5, both ScheduleAnyway.
 */
import { labelSelectorMatches } from './labels.js';
import { fitsNodeAffinity } from './node-affinity.js';
import type { LabelSelector } from './objects.js';
import { HOSTNAME, type ClusterState, type IncomingPod, type SchedulingNode } from './scheduling-state.js';
import { untoleratedTaint } from './tolerations.js';

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  /** ANDed; undefined: the constraint has no labelSelector and counts no pod. */
  selectors?: LabelSelector[];
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
}

const DEFAULTS = [{ topologyKey: HOSTNAME, maxSkew: 3 }, { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 5 }];

function constraints(pod: IncomingPod, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const own = pod.scheduling.topologySpreadConstraints;
  if (own.length === 0) {
    if (action === 'DoNotSchedule' || pod.ownerSelectors.length === 0) return [];
    return DEFAULTS.map((d) => ({ ...d, selectors: pod.ownerSelectors, minDomains: 1, honorAffinity: true, honorTaints: false }));
  }
  return own.filter((c) => c.whenUnsatisfiable === action).map((c) => {
    // matchLabelKeys: the pod's own values of those keys are ANDed with the labelSelector.
    const keys = Object.fromEntries(c.matchLabelKeys.filter((k) => k in pod.labels).map((k) => [k, pod.labels[k]]));
    const extra: LabelSelector[] = Object.keys(keys).length > 0 ? [{ matchLabels: keys, matchExpressions: [] }] : [];
    return {
      maxSkew: c.maxSkew, topologyKey: c.topologyKey, minDomains: c.minDomains,
      selectors: c.labelSelector ? [c.labelSelector, ...extra] : undefined,
      honorAffinity: c.nodeAffinityPolicy === 'Honor', honorTaints: c.nodeTaintsPolicy === 'Honor',
    };
  });
}

/** Pods on node i that the constraint counts: same namespace, not terminating, selected. */
function matching(cluster: ClusterState, i: number, c: Constraint, namespace: string): number {
  if (!c.selectors) return 0;
  return cluster.pods[i].filter((p) => !p.terminating && p.namespace === namespace
    && c.selectors!.every((s) => labelSelectorMatches(s, p.labels))).length;
}

/** nodeAffinityPolicy and nodeTaintsPolicy: whether a node's domain counts for the constraint. */
function included(pod: IncomingPod, node: SchedulingNode, c: Constraint): boolean {
  if (c.honorAffinity && !fitsNodeAffinity(pod.scheduling, node)) return false;
  return !c.honorTaints || untoleratedTaint(node.taints, pod.tolerations, ['NoSchedule', 'NoExecute']) === undefined;
}

const hasKeys = (node: SchedulingNode, cs: Constraint[]) => cs.every((c) => c.topologyKey in node.labels);

/**
 * The filter for node i, or undefined when the pod has no DoNotSchedule constraint. Skew is the
 * node's domain's matching pods, plus the pod if it matches itself, minus the fewest in any
 * eligible domain (0 when there are fewer eligible domains than minDomains).
 */
export function spreadFilter(cluster: ClusterState, pod: IncomingPod): ((i: number) => string | undefined) | undefined {
  const cs = constraints(pod, 'DoNotSchedule');
  if (cs.length === 0) return undefined;
  const counts = cs.map(() => new Map<string, number>());
  cluster.nodes.forEach((node, i) => {
    if (!hasKeys(node, cs)) return;
    cs.forEach((c, k) => {
      if (!included(pod, node, c)) return;
      const value = node.labels[c.topologyKey];
      counts[k].set(value, (counts[k].get(value) ?? 0) + matching(cluster, i, c, pod.namespace));
    });
  });
  const minimum = cs.map((c, k) => (counts[k].size < c.minDomains ? 0 : Math.min(...counts[k].values())));
  return (i) => {
    const node = cluster.nodes[i];
    for (let k = 0; k < cs.length; k++) {
      const c = cs[k];
      if (!(c.topologyKey in node.labels)) return "node(s) didn't match pod topology spread constraints (missing required label)";
      const self = c.selectors?.every((s) => labelSelectorMatches(s, pod.labels)) ? 1 : 0;
      if ((counts[k].get(node.labels[c.topologyKey]) ?? 0) + self - minimum[k] > c.maxSkew) return "node(s) didn't match pod topology spread constraints";
    }
    return undefined;
  };
}

/**
 * The normalized score (0-100) of each feasible node, or undefined when the pod has no
 * ScheduleAnyway constraint. A node scores each constraint's matching pods in its domain times
 * log(domains + 2), plus maxSkew - 1; fewer is better. Only with the pod's own constraints must
 * a node carry every topology key to be scored.
 */
export function spreadScores(cluster: ClusterState, pod: IncomingPod, feasible: readonly number[]): number[] | undefined {
  const cs = constraints(pod, 'ScheduleAnyway');
  if (cs.length === 0) return undefined;
  const requireAll = pod.scheduling.topologySpreadConstraints.length > 0;
  const ignored = new Set(feasible.filter((i) => requireAll && !hasKeys(cluster.nodes[i], cs)));
  const counts = cs.map((c) => {
    const domains = new Map<string, number>();
    for (const i of feasible) if (!ignored.has(i)) domains.set(cluster.nodes[i].labels[c.topologyKey] ?? '', 0);
    return domains;
  });
  cluster.nodes.forEach((node, i) => {
    if (requireAll && !hasKeys(node, cs)) return;
    cs.forEach((c, k) => {
      const value = node.labels[c.topologyKey] ?? '';
      if (c.topologyKey === HOSTNAME || !counts[k].has(value) || !included(pod, node, c)) return;
      counts[k].set(value, counts[k].get(value)! + matching(cluster, i, c, pod.namespace));
    });
  });
  const weights = cs.map((c, k) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : counts[k].size) + 2));
  const raw = feasible.map((i) => {
    const node = cluster.nodes[i];
    let score = 0;
    cs.forEach((c, k) => {
      const value = node.labels[c.topologyKey];
      if (value === undefined) return;
      const cnt = c.topologyKey === HOSTNAME ? matching(cluster, i, c, pod.namespace) : counts[k].get(value) ?? 0;
      score += cnt * weights[k] + (c.maxSkew - 1);
    });
    return Math.round(score);
  });
  const scored = raw.filter((_, j) => !ignored.has(feasible[j]));
  const min = Math.min(...scored);
  const max = Math.max(0, ...scored);
  return raw.map((s, j) => (ignored.has(feasible[j]) ? 0 : max === 0 ? 100 : Math.floor((100 * (max + min - s)) / max)));
}
