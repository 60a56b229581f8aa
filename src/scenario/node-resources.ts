/**
 * Resource requests against a node's allocatable CPU, memory and pod count: the NodeResourcesFit
 * filter and its LeastAllocated score, and NodeResourcesBalancedAllocation
 * (pkg/scheduler/framework/plugins/noderesources). Scores are integers from 0 to 100, with Go's
 * integer division, as the scheduler computes them.
 */
import type { SchedulingNode, SchedulingPod } from './scheduling-state.js';

export interface NodeUsage {
  milliCpu: number;
  memory: number;
  nonZeroMilliCpu: number;
  nonZeroMemory: number;
  pods: number;
}

export function nodeUsage(pods: readonly SchedulingPod[]): NodeUsage {
  const u: NodeUsage = { milliCpu: 0, memory: 0, nonZeroMilliCpu: 0, nonZeroMemory: 0, pods: pods.length };
  for (const p of pods) {
    u.milliCpu += p.scheduling.requests.milliCpu;
    u.memory += p.scheduling.requests.memory;
    u.nonZeroMilliCpu += p.scheduling.nonZeroRequests.milliCpu;
    u.nonZeroMemory += p.scheduling.nonZeroRequests.memory;
  }
  return u;
}

/** The fit filter's reasons, in its order: pods, then cpu, then memory. Empty: it fits. */
export function fitFailures(pod: SchedulingPod, node: SchedulingNode, used: NodeUsage): string[] {
  const reasons: string[] = [];
  const a = node.allocatable;
  const r = pod.scheduling.requests;
  if (a.pods !== undefined && used.pods + 1 > a.pods) reasons.push('Too many pods');
  if (a.milliCpu !== undefined && r.milliCpu > 0 && r.milliCpu > a.milliCpu - used.milliCpu) reasons.push('Insufficient cpu');
  if (a.memory !== undefined && r.memory > 0 && r.memory > a.memory - used.memory) reasons.push('Insufficient memory');
  return reasons;
}

/**
 * LeastAllocated: the mean over CPU and memory of (allocatable - requested) x 100 / allocatable,
 * requested counting the pod and every pod on the node with the non-zero defaults. A resource
 * whose allocatable is not known scores 0, as the scheduler scores a capacity of 0.
 */
export function leastAllocatedScore(pod: SchedulingPod, node: SchedulingNode, used: NodeUsage): number {
  const score = (requested: number, capacity: number | undefined) =>
    !capacity || requested > capacity ? 0 : Math.floor(((capacity - requested) * 100) / capacity);
  const cpu = score(used.nonZeroMilliCpu + pod.scheduling.nonZeroRequests.milliCpu, node.allocatable.milliCpu);
  const memory = score(used.nonZeroMemory + pod.scheduling.nonZeroRequests.memory, node.allocatable.memory);
  return Math.floor((cpu + memory) / 2);
}

/**
 * BalancedAllocation: (1 - |cpu fraction - memory fraction| / 2) x 100 with the pod added, from
 * the actual requests; skipped (undefined) for a BestEffort pod, as recent schedulers do.
 */
export function balancedAllocationScore(pod: SchedulingPod, node: SchedulingNode, used: NodeUsage): number | undefined {
  if (pod.scheduling.bestEffort) return undefined;
  const fractions: number[] = [];
  const add = (requested: number, capacity: number | undefined) => {
    if (capacity) fractions.push(Math.min(1, requested / capacity));
  };
  add(used.milliCpu + pod.scheduling.requests.milliCpu, node.allocatable.milliCpu);
  add(used.memory + pod.scheduling.requests.memory, node.allocatable.memory);
  const std = fractions.length === 2 ? Math.abs(fractions[0] - fractions[1]) / 2 : 0;
  return Math.trunc((1 - std) * 100);
}
