import { mapSelects } from './labels.js';
import { fitsNodeAffinity } from './node-affinity.js';
import type { ClusterObjects, FieldPath, LabelSelector, PodScheduling, WorkloadObject } from './objects.js';
import { schedulePod } from './scheduler.js';
import { schedulingNode, type ClusterState, type IncomingPod, type SchedulingPod } from './scheduling-state.js';
import { formatTaint, podTolerations, untoleratedTaint } from './tolerations.js';
import { deletionOrder, isTopLevel, newPodNames, podWorkloads, type Member } from './workload-pods.js';

/** A pod as it runs: given as a Pod object, or created for a workload and placed here. */
export interface PlacedPod {
  name: string;
  /** false: created by a timeline event, absent until then. */
  running?: boolean;
  namespace: string;
  labels: Record<string, string>;
  node: string;
  ready: boolean;
  scheduling: PodScheduling;
  /** A DaemonSet's pod (it gets the DaemonSet controller's tolerations). */
  daemon?: boolean;
  /** Being deleted (metadata.deletionTimestamp): still serving, but spreading does not count it. */
  terminating?: boolean;
}

/** A pod no node can take: it stays Pending, and is no endpoint. */
export interface PendingPod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** kube-scheduler's FailedScheduling message, e.g. "0/3 nodes are available: 3 Insufficient cpu." */
  reason: string;
}

export interface Placement {
  pods: PlacedPod[];
  pending: PendingPod[];
}

export type Report = (severity: 'error' | 'warning', path: FieldPath, message: string, origin?: { file: string; line?: number; object?: string }) => void;

const KIND_ORDER: readonly WorkloadObject['kind'][] = ['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

/**
 * The pods the cluster runs, as its controllers and kube-scheduler would leave it. Pod objects
 * bound to a node stay there (unless a NoExecute taint they do not tolerate evicts them); the
 * others are scheduled. Each workload then gets what its spec asks: a Deployment, ReplicaSet,
 * ReplicationController or StatefulSet `replicas` pods (its Pods in the input count; extra ones
 * are removed in the controller's order; missing ones are created), a DaemonSet a pod on every
 * node it selects and tolerates. New pods go first where the Scenario's placement pins them
 * (pods already on a pinned node count), then where kube-scheduler would put them (scheduler.ts).
 */
export function placePods(objects: ClusterObjects, pins: Record<string, Record<string, number>> | undefined, report: Report): Placement {
  const nodes = objects.nodes;
  const nodeIndex = new Map(nodes.map((n, i) => [n.meta.name, i]));
  const cluster: ClusterState = { nodes: nodes.map(schedulingNode), pods: nodes.map(() => []) };
  const owners = podWorkloads(objects);
  const isDaemon = (w: number) => w >= 0 && objects.workloads[w].kind === 'DaemonSet';
  const placed: PlacedPod[] = [];
  const pending: PendingPod[] = [];
  const bind = (p: PlacedPod) => {
    placed.push(p);
    cluster.pods[nodeIndex.get(p.node)!].push(schedulingPod(p));
  };

  const members = objects.workloads.map((): Member[] => []);
  const kept = objects.pods.map((p, k) => {
    if (p.phase === 'Succeeded' || p.phase === 'Failed') return false;
    const where = { file: p.origin.file, line: p.origin.lineOf(['spec', 'nodeName']), object: `Pod/${p.meta.name}` };
    if (p.nodeName !== undefined) {
      const i = nodeIndex.get(p.nodeName);
      if (i === undefined) {
        report('error', ['spec', 'nodeName'], missingNode(p.nodeName, nodes), where);
        return false;
      }
      const taint = untoleratedTaint(cluster.nodes[i].taints, podTolerations(p.scheduling, isDaemon(owners[k])), ['NoExecute']);
      if (taint) {
        report('warning', [], `evicted from node "${p.nodeName}": it does not tolerate the NoExecute taint ${formatTaint(taint)}`, where);
        return false;
      }
    }
    if (owners[k] >= 0 && !p.terminating) members[owners[k]].push({ pod: p, node: p.nodeName });
    return true;
  });
  // Scale in first: what a controller deletes is never scheduled.
  members.forEach((mine, w) => {
    const workload = objects.workloads[w];
    const excess = workload.kind === 'DaemonSet'
      ? mine.filter((m, j) => m.node === undefined || mine.findIndex((o) => o.node === m.node) < j)
      : deletionOrder(workload, mine).slice(0, Math.max(0, mine.length - workload.replicas));
    for (const m of excess) kept[objects.pods.indexOf(m.pod)] = false;
    members[w] = mine.filter((m) => !excess.includes(m));
  });
  objects.pods.forEach((p, k) => {
    if (kept[k] && p.nodeName !== undefined) bind(fromObject(p.meta, p.nodeName, p.ready, p.scheduling, isDaemon(owners[k]), p.terminating));
  });
  objects.pods.forEach((p, k) => {
    if (!kept[k] || p.nodeName !== undefined) return;
    const owner = owners[k] >= 0 ? objects.workloads[owners[k]] : undefined;
    const decision = schedulePod(cluster, incoming(objects, p.meta.namespace, p.meta.labels, p.scheduling, owner));
    if ('node' in decision) {
      bind(fromObject(p.meta, nodes[decision.node].meta.name, p.ready, p.scheduling, isDaemon(owners[k])));
    } else {
      pending.push({ name: p.meta.name, namespace: p.meta.namespace, labels: p.meta.labels, reason: decision.reason });
      report('warning', [], `stays Pending: ${decision.reason}`, { file: p.origin.file, line: p.origin.lineOf([]), object: `Pod/${p.meta.name}` });
    }
  });

  const used = new Set(objects.pods.map((p) => p.meta.name));
  const workloads = objects.workloads.map((w, i) => ({ w, i })).filter(({ w }) => isTopLevel(objects, w))
    .sort((a, b) => KIND_ORDER.indexOf(a.w.kind) - KIND_ORDER.indexOf(b.w.kind));
  for (const { w, i } of workloads) {
    const where = { file: w.origin.file, line: w.origin.lineOf([]), object: `${w.kind}/${w.meta.name}` };
    const stuck: PendingPod[] = [];
    const create = (name: string, pin?: string, scheduling = w.scheduling) => {
      used.add(name);
      const pod = { name, namespace: w.meta.namespace, labels: w.templateLabels, reason: '' };
      const node = pin ?? w.nodeName;
      if (node !== undefined) {
        const taint = untoleratedTaint(cluster.nodes[nodeIndex.get(node)!].taints, podTolerations(scheduling, false), ['NoSchedule', 'NoExecute']);
        if (taint && pin) report('warning', ['spec', 'placement', w.meta.name, pin], `pins a pod to node "${pin}", whose taint ${formatTaint(taint)} it does not tolerate: kube-scheduler would not put it there`);
        bind(fromObject(pod, node, true, scheduling, w.kind === 'DaemonSet'));
        return;
      }
      // Once one pod of a workload fits nowhere, its twins do not either (a DaemonSet's each have their own node).
      const decision = stuck.length > 0 && w.kind !== 'DaemonSet' ? { reason: stuck[0].reason }
        : schedulePod(cluster, incoming(objects, w.meta.namespace, w.templateLabels, scheduling, w));
      if ('node' in decision) bind(fromObject(pod, nodes[decision.node].meta.name, true, scheduling, w.kind === 'DaemonSet'));
      else stuck.push({ ...pod, reason: decision.reason });
    };
    if (w.kind === 'DaemonSet') {
      if (pins?.[w.meta.name]) report('error', ['spec', 'placement', w.meta.name], `Invalid value: DaemonSet/${w.meta.name} runs one pod on every node it selects: it cannot be pinned`);
      cluster.nodes.forEach((node) => {
        if (members[i].some((m) => m.node === node.name)) return;
        if (!fitsNodeAffinity(w.scheduling, node) || untoleratedTaint(node.taints, podTolerations(w.scheduling, true), ['NoSchedule', 'NoExecute'])) return;
        // The DaemonSet controller replaces the template's node affinity with the one node.
        create(`${w.meta.name}-${node.name}`, undefined,
          { ...w.scheduling, requiredNodeTerms: [{ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }] });
      });
    } else if (w.nodeName !== undefined && !nodeIndex.has(w.nodeName)) {
      report('error', ['spec', 'template', 'spec', 'nodeName'], missingNode(w.nodeName, nodes),
        { ...where, line: w.origin.lineOf(['spec', 'template', 'spec', 'nodeName']) });
    } else {
      const missing = Math.max(0, w.replicas - members[i].length);
      // Wrong pins are reported; the pods are still scheduled, so that nothing else fails because of them.
      const pinned = pinNodes(w, pins?.[w.meta.name], members[i], nodeIndex, report) ?? [];
      for (const [k, name] of newPodNames(w, missing, used).entries()) create(name, pinned[k]);
    }
    pending.push(...stuck);
    const byReason = new Map<string, string[]>();
    for (const p of stuck) byReason.set(p.reason, [...(byReason.get(p.reason) ?? []), p.name]);
    for (const [reason, names] of byReason) {
      report('warning', [], `${names.length === 1 ? `pod ${names[0]} stays` : `pods ${names.join(', ')} stay`} Pending: ${reason}`, where);
    }
  }
  for (const name of Object.keys(pins ?? {})) {
    if (!workloads.some(({ w }) => w.meta.name === name)) {
      report('error', ['spec', 'placement', name], `Not found: no Deployment, StatefulSet, ReplicaSet or ReplicationController named "${name}"`);
    }
  }
  return { pods: placed, pending };
}

/**
 * The nodes the workload's next new pods are pinned to, in order (the rest are scheduled), or
 * undefined when the pins are wrong. Pods already on a pinned node count towards its pin.
 */
function pinNodes(w: WorkloadObject, pins: Record<string, number> | undefined, members: readonly Member[],
  nodeIndex: ReadonlyMap<string, number>, report: Report): string[] | undefined {
  const out: string[] = [];
  let total = 0;
  let ok = true;
  for (const [node, count] of Object.entries(pins ?? {})) {
    total += count;
    if (!nodeIndex.has(node)) {
      report('error', ['spec', 'placement', w.meta.name, node], `Not found: node "${node}" (no Node object of that name)`);
      ok = false;
      continue;
    }
    for (let k = members.filter((m) => m.node === node).length; k < count; k++) out.push(node);
  }
  if (total > w.replicas) {
    report('error', ['spec', 'placement', w.meta.name], `Invalid value: places ${total} pods but ${w.kind}/${w.meta.name} has spec.replicas ${w.replicas}`);
    ok = false;
  }
  return ok ? out : undefined;
}

function fromObject(meta: { name: string; namespace: string; labels: Record<string, string> }, node: string, ready: boolean,
  scheduling: PodScheduling, daemon: boolean, terminating = false): PlacedPod {
  return { name: meta.name, namespace: meta.namespace, labels: meta.labels, node, ready, scheduling, ...(daemon ? { daemon } : {}), ...(terminating ? { terminating } : {}) };
}

function schedulingPod(p: PlacedPod): SchedulingPod {
  return { name: p.name, namespace: p.namespace, labels: p.labels, scheduling: p.scheduling, tolerations: podTolerations(p.scheduling, p.daemon === true), terminating: p.terminating === true };
}

/**
 * A pod about to be scheduled. Its owners, for default spreading, are the Services selecting it
 * and its workload (kube-scheduler's DefaultSelector; a DaemonSet is not among them).
 */
function incoming(objects: ClusterObjects, namespace: string, labels: Record<string, string>, scheduling: PodScheduling,
  workload?: WorkloadObject): IncomingPod {
  const ownerSelectors: LabelSelector[] = objects.services
    .filter((s) => s.meta.namespace === namespace && s.selector !== undefined && mapSelects(s.selector, labels))
    .map((s) => ({ matchLabels: s.selector!, matchExpressions: [] }));
  if (workload && workload.kind !== 'DaemonSet') ownerSelectors.push(workload.selector);
  return { name: '', namespace, labels, scheduling, tolerations: podTolerations(scheduling, workload?.kind === 'DaemonSet'), terminating: false, ownerSelectors };
}

/** Where kube-scheduler would put one more pod of the workload, given the pods running: a node index, or -1. */
export function scheduleWorkloadPod(objects: ClusterObjects, w: WorkloadObject, running: readonly PlacedPod[]): number {
  const nodeIndex = new Map(objects.nodes.map((n, i) => [n.meta.name, i]));
  const cluster: ClusterState = { nodes: objects.nodes.map(schedulingNode), pods: objects.nodes.map(() => []) };
  for (const p of running) cluster.pods[nodeIndex.get(p.node)!].push(schedulingPod(p));
  const decision = schedulePod(cluster, incoming(objects, w.meta.namespace, w.templateLabels, w.scheduling, w));
  return 'node' in decision ? decision.node : -1;
}

/** svcsim's own words: the API server accepts a pod bound to a node it has not seen. */
function missingNode(name: string, nodes: ReadonlyArray<{ meta: { name: string } }>): string {
  const known = nodes.length > 0 ? `nodes: ${nodes.map((n) => n.meta.name).join(', ')}` : 'the input has no Node objects';
  return `no Node "${name}" in the input (${known}): add the Node objects: kubectl get nodes -o yaml`;
}
