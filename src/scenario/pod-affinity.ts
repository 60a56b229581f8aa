/**
 * Inter-pod affinity and anti-affinity (kubernetes.io docs, "Assigning Pods to Nodes";
 * pkg/scheduler/framework/plugins/interpodaffinity). A term names pods by label selector and
 * namespaces, and a topology domain by a node label (kubernetes.io/hostname: the node itself).
 */
import { labelSelectorMatches } from './labels.js';
import type { PodAffinityTerm } from './objects.js';
import type { ClusterState, IncomingPod, SchedulingPod } from './scheduling-state.js';

/** Whether `pod` is one of the pods the term of a pod in `namespace` names. */
function selects(term: PodAffinityTerm, namespace: string, pod: SchedulingPod): boolean {
  const namespaces = term.namespaces === undefined ? undefined : term.namespaces.length > 0 ? term.namespaces : [namespace];
  return (namespaces === undefined || namespaces.includes(pod.namespace)) && labelSelectorMatches(term.labelSelector, pod.labels);
}

const domain = (key: string, value: string) => `${key}\n${value}`;
const bump = (m: Map<string, number>, k: string, by: number) => m.set(k, (m.get(k) ?? 0) + by);

/**
 * The filter for node i, or undefined when no affinity rule is involved: the pod's required
 * affinity (every term needs a selected pod in the node's domain, unless no pod anywhere matches
 * and the pod matches its own terms: the first of a group), its required anti-affinity (no
 * selected pod in the domain), and the anti-affinity of pods already running (symmetric).
 */
export function affinityFilter(cluster: ClusterState, pod: IncomingPod): ((i: number) => string | undefined) | undefined {
  const affinity = pod.scheduling.podAffinity;
  const anti = pod.scheduling.podAntiAffinity;
  const affinityCounts = new Map<string, number>();
  const antiCounts = new Map<string, number>();
  const existingAnti = new Map<string, number>();
  cluster.pods.forEach((pods, i) => {
    const labels = cluster.nodes[i].labels;
    for (const p of pods) {
      if (affinity.length > 0 && affinity.every((t) => selects(t, pod.namespace, p))) {
        for (const t of affinity) if (t.topologyKey in labels) bump(affinityCounts, domain(t.topologyKey, labels[t.topologyKey]), 1);
      }
      for (const t of anti) if (t.topologyKey in labels && selects(t, pod.namespace, p)) bump(antiCounts, domain(t.topologyKey, labels[t.topologyKey]), 1);
      for (const t of p.scheduling.podAntiAffinity) {
        if (t.topologyKey in labels && selects(t, p.namespace, pod)) bump(existingAnti, domain(t.topologyKey, labels[t.topologyKey]), 1);
      }
    }
  });
  if (affinity.length + anti.length + existingAnti.size === 0) return undefined;
  const firstOfGroup = affinityCounts.size === 0 && affinity.every((t) => selects(t, pod.namespace, pod));
  return (i) => {
    const labels = cluster.nodes[i].labels;
    if (affinity.some((t) => !(t.topologyKey in labels))) return "node(s) didn't match pod affinity rules";
    if (!firstOfGroup && affinity.some((t) => (affinityCounts.get(domain(t.topologyKey, labels[t.topologyKey])) ?? 0) <= 0)) {
      return "node(s) didn't match pod affinity rules";
    }
    if (anti.some((t) => t.topologyKey in labels && (antiCounts.get(domain(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0)) {
      return "node(s) didn't match pod anti-affinity rules";
    }
    if (Object.entries(labels).some(([k, v]) => (existingAnti.get(domain(k, v)) ?? 0) > 0)) {
      return "node(s) didn't satisfy existing pods anti-affinity rules";
    }
    return undefined;
  };
}

/**
 * The normalized score (0-100) of each feasible node, or undefined when no preference applies:
 * each running pod a preferred term selects adds the term's weight (affinity) or takes it away
 * (anti-affinity) in its domain, both the pod's terms and the running pods' terms about it; a
 * running pod's required affinity for it counts 1. Normalized from the lowest to the highest.
 */
export function affinityScores(cluster: ClusterState, pod: IncomingPod, feasible: readonly number[]): number[] | undefined {
  const scores = new Map<string, number>();
  cluster.pods.forEach((pods, i) => {
    const labels = cluster.nodes[i].labels;
    const add = (t: PodAffinityTerm, weight: number) => {
      if (t.topologyKey in labels) bump(scores, domain(t.topologyKey, labels[t.topologyKey]), weight);
    };
    for (const p of pods) {
      for (const { weight, term } of pod.scheduling.preferredPodAffinity) if (selects(term, pod.namespace, p)) add(term, weight);
      for (const { weight, term } of pod.scheduling.preferredPodAntiAffinity) if (selects(term, pod.namespace, p)) add(term, -weight);
      for (const { weight, term } of p.scheduling.preferredPodAffinity) if (selects(term, p.namespace, pod)) add(term, weight);
      for (const { weight, term } of p.scheduling.preferredPodAntiAffinity) if (selects(term, p.namespace, pod)) add(term, -weight);
      for (const term of p.scheduling.podAffinity) if (selects(term, p.namespace, pod)) add(term, 1);
    }
  });
  if (scores.size === 0) return undefined;
  const raw = feasible.map((i) => Object.entries(cluster.nodes[i].labels).reduce((s, [k, v]) => s + (scores.get(domain(k, v)) ?? 0), 0));
  const min = Math.min(...raw);
  const max = Math.max(...raw);
  return raw.map((s) => (max > min ? Math.trunc((100 * (s - min)) / (max - min)) : 0));
}
