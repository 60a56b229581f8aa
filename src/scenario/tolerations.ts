/**
 * Taints and tolerations as kube-scheduler and the controllers apply them (kubernetes.io docs,
 * "Taints and Tolerations"; k8s.io/api core/v1 Toleration.ToleratesTaint).
 */
import type { NodeObject, PodScheduling, Taint, TaintEffect, Toleration } from './objects.js';

export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** Same effect (or none given), same key (or none given, operator Exists), and Exists or an equal value. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== undefined && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  return t.operator === 'Exists' || t.value === taint.value;
}

/** The first of `taints` with one of `effects` that no toleration tolerates. */
export function untoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], effects: readonly TaintEffect[]): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((t) => toleratesTaint(t, taint)));
}

/** How many PreferNoSchedule taints the pod does not tolerate (the TaintToleration score: fewer is better). */
export function untoleratedPreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  const relevant = tolerations.filter((t) => t.effect === undefined || t.effect === 'PreferNoSchedule');
  return taints.filter((taint) => taint.effect === 'PreferNoSchedule' && !relevant.some((t) => toleratesTaint(t, taint))).length;
}

/** kube-scheduler's wording for a taint: "{key: value}". */
export function formatTaint(taint: Taint): string {
  return `{${taint.key}: ${taint.value}}`;
}

/**
 * The node's taints as the scheduler sees them. A dump carries what the node lifecycle controller
 * put there; a hand-written Node that is not Ready gets the not-ready taint the controller would
 * add (TaintNodesByCondition), so nothing new is scheduled onto it.
 */
export function effectiveTaints(node: NodeObject): Taint[] {
  if (node.ready || node.taints.some((t) => t.key === NOT_READY || t.key === UNREACHABLE)) return node.taints;
  return [...node.taints, { key: NOT_READY, value: '', effect: 'NoSchedule' }];
}

const exists = (key: string, effect: TaintEffect): Toleration => ({ key, operator: 'Exists', value: '', effect });

/**
 * The tolerations a pod ends up with. The DefaultTolerationSeconds admission plugin gives every
 * pod not-ready and unreachable NoExecute for 300 s (svcsim keeps the pod: a run is about a
 * steady state); pods that request resources tolerate memory-pressure; the DaemonSet
 * controller adds its own (AddOrUpdateDaemonPodTolerations).
 */
export function podTolerations(s: PodScheduling, daemon: boolean): Toleration[] {
  const added: Toleration[] = [exists(NOT_READY, 'NoExecute'), exists(UNREACHABLE, 'NoExecute')];
  if (!s.bestEffort) added.push(exists('node.kubernetes.io/memory-pressure', 'NoSchedule'));
  if (daemon) {
    added.push(...['node.kubernetes.io/disk-pressure', 'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', UNSCHEDULABLE_TAINT]
      .map((key) => exists(key, 'NoSchedule')));
  }
  return [...s.tolerations, ...added];
}
