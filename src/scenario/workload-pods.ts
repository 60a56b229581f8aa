/**
 * Which Pods a workload owns, which go first when it scales in, and what new ones are called:
 * the controllers' rules (pkg/controller: ownerReferences and adoption, ActivePodsWithRanks,
 * StatefulSet ordinals).
 */
import { selectorSelects } from './labels.js';
import type { ClusterObjects, PodObject, WorkloadObject } from './objects.js';

const key = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

/**
 * The workload each Pod object belongs to (an index into objects.workloads), or -1. A pod's
 * controlling owner decides, followed up to the top: a ReplicaSet that a Deployment in the input
 * owns gives its pods to the Deployment. A dump without ReplicaSets (`kubectl get
 * deployments,pods`) still names them: "web-7d4b9c8f6d" is Deployment web's. A pod without an
 * owner is adopted, as the controllers adopt orphans, by a ReplicaSet, ReplicationController,
 * StatefulSet or DaemonSet whose selector matches it (a Deployment adopts ReplicaSets, not pods).
 */
export function podWorkloads(objects: ClusterObjects): number[] {
  const index = new Map(objects.workloads.map((w, i) => [key(w.kind, w.meta.namespace, w.meta.name), i]));
  const top = (i: number): number => {
    const w = objects.workloads[i];
    const [kind, name] = (w.owner ?? '/').split('/');
    const owner = index.get(key(kind, w.meta.namespace, name));
    return owner === undefined || owner === i ? i : top(owner);
  };
  return objects.pods.map((p) => {
    if (p.owner !== undefined) {
      const [kind, name] = p.owner.split('/');
      const owner = index.get(key(kind, p.meta.namespace, name));
      if (owner !== undefined) return top(owner);
      if (kind !== 'ReplicaSet') return -1;
      return objects.workloads.findIndex((w) => w.kind === 'Deployment' && w.meta.namespace === p.meta.namespace
        && name.startsWith(`${w.meta.name}-`) && selectorSelects(w.selector, p.meta.labels));
    }
    const adopter = objects.workloads.findIndex((w) => w.kind !== 'Deployment' && w.meta.namespace === p.meta.namespace
      && selectorSelects(w.selector, p.meta.labels));
    return adopter < 0 ? -1 : top(adopter);
  });
}

/** Whether the workload runs pods itself (a ReplicaSet owned by a Deployment in the input does not). */
export function isTopLevel(objects: ClusterObjects, w: WorkloadObject): boolean {
  if (w.owner === undefined) return true;
  const [kind, name] = w.owner.split('/');
  return !objects.workloads.some((o) => o.kind === kind && o.meta.name === name && o.meta.namespace === w.meta.namespace);
}

/** A pod of a workload, bound to a node or not. */
export interface Member {
  pod: PodObject;
  node?: string;
}

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * The workload's pods in the order a scale-in deletes them. A StatefulSet removes its highest
 * ordinals. The others follow the ReplicaSet controller: unscheduled first, then Pending before
 * Unknown before Running, not ready before ready, lower pod-deletion-cost first, pods on nodes
 * running more of the workload first, then the newest (creationTimestamp, then name).
 */
export function deletionOrder(w: WorkloadObject, members: readonly Member[]): Member[] {
  if (w.kind === 'StatefulSet') return [...members].sort((a, b) => ordinal(w, b.pod) - ordinal(w, a.pod));
  const onNode = new Map<string, number>();
  for (const m of members) if (m.node !== undefined) onNode.set(m.node, (onNode.get(m.node) ?? 0) + 1);
  const phase = (m: Member) => PHASE_ORDER[m.pod.phase ?? (m.node === undefined ? 'Pending' : 'Running')] ?? 0;
  return [...members].sort((a, b) => ((a.node === undefined ? 0 : 1) - (b.node === undefined ? 0 : 1))
    || phase(a) - phase(b)
    || Number(a.pod.ready) - Number(b.pod.ready)
    || a.pod.deletionCost - b.pod.deletionCost
    || (b.node === undefined ? 0 : onNode.get(b.node)!) - (a.node === undefined ? 0 : onNode.get(a.node)!)
    || compareText(b.pod.created ?? '', a.pod.created ?? '')
    || compareText(b.pod.meta.name, a.pod.meta.name));
}

function ordinal(w: WorkloadObject, p: PodObject): number {
  const m = new RegExp(`^${w.meta.name.replace(/[.]/g, '\\.')}-(\\d+)$`).exec(p.meta.name);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Names for `count` new pods: a StatefulSet's lowest free ordinals, anything else
 * "<name>-<k>" counting from 0 past the names in use.
 */
export function newPodNames(w: WorkloadObject, count: number, used: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (let k = 0; names.length < count; k++) {
    const name = `${w.meta.name}-${k}`;
    if (!used.has(name)) names.push(name);
  }
  return names;
}
