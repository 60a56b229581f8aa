/**
 * One scheduling cycle of kube-scheduler's default profile, for one pod: the filters in the
 * profile's order (NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit,
 * PodTopologySpread, InterPodAffinity), then the weighted scores of the nodes left (TaintToleration
 * 3, NodeAffinity 2, NodeResourcesFit 1, PodTopologySpread 2, InterPodAffinity 2,
 * NodeResourcesBalancedAllocation 1; pkg/scheduler/apis/config/v1/default_plugins.go).
 * kube-scheduler breaks a tie at random; svcsim takes the node with the fewest pods, then the
 * first in node order, so runs are reproducible.
 */
import { fitsNodeAffinity, preferredNodeAffinity } from './node-affinity.js';
import { balancedAllocationScore, fitFailures, leastAllocatedScore, nodeUsage } from './node-resources.js';
import { affinityFilter, affinityScores } from './pod-affinity.js';
import type { ClusterState, IncomingPod } from './scheduling-state.js';
import { spreadFilter, spreadScores } from './topology-spread.js';
import { formatTaint, UNSCHEDULABLE_TAINT, untoleratedPreferNoSchedule, untoleratedTaint } from './tolerations.js';

export type Decision = { node: number } | { reason: string };

export function schedulePod(cluster: ClusterState, pod: IncomingPod): Decision {
  const usage = cluster.pods.map(nodeUsage);
  const spread = spreadFilter(cluster, pod);
  const affinity = affinityFilter(cluster, pod);
  const reasons = new Map<string, number>();
  const feasible: number[] = [];
  cluster.nodes.forEach((node, i) => {
    const failures = ((): string[] => {
      const cordon = { key: UNSCHEDULABLE_TAINT, value: '', effect: 'NoSchedule' as const };
      if (node.unschedulable && untoleratedTaint([cordon], pod.tolerations, ['NoSchedule'])) return ['node(s) were unschedulable'];
      const taint = untoleratedTaint(node.taints, pod.tolerations, ['NoSchedule', 'NoExecute']);
      if (taint) return [`node(s) had untolerated taint ${formatTaint(taint)}`];
      if (!fitsNodeAffinity(pod.scheduling, node)) return ["node(s) didn't match Pod's node affinity/selector"];
      const fit = fitFailures(pod, node, usage[i]);
      if (fit.length > 0) return fit;
      const other = spread?.(i) ?? affinity?.(i);
      return other ? [other] : [];
    })();
    for (const r of failures) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    if (failures.length === 0) feasible.push(i);
  });
  if (feasible.length === 0) {
    // FitError's wording: counts before reasons, sorted as text.
    const histogram = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
    return { reason: `0/${cluster.nodes.length} nodes are available${histogram.length ? `: ${histogram.join(', ')}` : ''}.` };
  }

  const total = new Array<number>(feasible.length).fill(0);
  const add = (weight: number, scores: number[] | undefined) => {
    if (scores) scores.forEach((s, j) => { total[j] += weight * s; });
  };
  add(3, normalize(feasible.map((i) => untoleratedPreferNoSchedule(cluster.nodes[i].taints, pod.tolerations)), true));
  add(2, normalize(feasible.map((i) => preferredNodeAffinity(pod.scheduling, cluster.nodes[i])), false));
  add(1, feasible.map((i) => leastAllocatedScore(pod, cluster.nodes[i], usage[i])));
  add(2, spreadScores(cluster, pod, feasible));
  add(2, affinityScores(cluster, pod, feasible));
  add(1, feasible.map((i) => balancedAllocationScore(pod, cluster.nodes[i], usage[i]) ?? 0));

  let best = 0;
  for (let j = 1; j < feasible.length; j++) {
    const better = total[j] > total[best]
      || (total[j] === total[best] && usage[feasible[j]].pods < usage[feasible[best]].pods);
    if (better) best = j;
  }
  return { node: feasible[best] };
}

/** The scheduler's DefaultNormalizeScore: scaled so the highest is 100; `reverse` turns fewest into best. */
function normalize(raw: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...raw);
  if (max === 0) return raw.map(() => (reverse ? 100 : 0));
  return raw.map((s) => {
    const scaled = Math.floor((100 * s) / max);
    return reverse ? 100 - scaled : scaled;
  });
}
