import type { Diagnostic } from './diagnostics.js';
import { selectorSelects } from './labels.js';
import type { ClusterObjects, FieldPath, NodeObject, WorkloadObject } from './objects.js';

/** A pod as it runs: given as a Pod object, or created for a workload and placed here. */
export interface PlacedPod {
  name: string;
  /** false: created by a timeline event, absent until then. */
  running?: boolean;
  namespace: string;
  labels: Record<string, string>;
  node: string;
  ready: boolean;
}

export type Report = (severity: 'error' | 'warning', path: FieldPath, message: string, origin?: { file: string; line?: number; object?: string }) => void;

/**
 * Pod objects keep their spec.nodeName. A Deployment, StatefulSet or ReplicaSet gets `replicas`
 * pods unless pods matching its selector already exist (a kubectl dump holds both the
 * Deployment and its pods; its ReplicaSet must not add them again). Those pods go first where
 * the Scenario's placement pins them, then to the default scheduler: a deterministic spread
 * over ready, schedulable nodes that fit the nodeSelector, fewest pods of the workload first,
 * then fewest pods in all, then node order.
 */
export function placePods(objects: ClusterObjects, placement: Record<string, Record<string, number>> | undefined, report: Report): PlacedPod[] {
  const nodes = objects.nodes;
  const nodeIndex = new Map(nodes.map((n, i) => [n.meta.name, i]));
  const total = new Array<number>(nodes.length).fill(0);
  const pods: PlacedPod[] = [];

  for (const p of objects.pods) {
    let node = p.nodeName;
    if (node !== undefined && !nodeIndex.has(node)) {
      report('error', ['spec', 'nodeName'], missingNode(node, nodes),
        { file: p.origin.file, line: p.origin.lineOf(['spec', 'nodeName']), object: `Pod/${p.meta.name}` });
      continue;
    }
    if (node === undefined) {
      const i = pickNode(nodes, p.nodeSelector, new Array<number>(nodes.length).fill(0), total);
      if (i < 0) {
        report('warning', ['spec', 'nodeSelector'], 'stays Pending: no ready, schedulable node fits its nodeSelector',
          { file: p.origin.file, line: p.origin.lineOf(['spec', 'nodeSelector']), object: `Pod/${p.meta.name}` });
        continue;
      }
      node = nodes[i].meta.name;
    }
    total[nodeIndex.get(node)!]++;
    pods.push({ name: p.meta.name, namespace: p.meta.namespace, labels: p.meta.labels, node, ready: p.ready });
  }

  const pinned = new Set<string>();
  const order: WorkloadObject['kind'][] = ['Deployment', 'StatefulSet', 'ReplicaSet'];
  const workloads = [...objects.workloads].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const present = new Set(workloads.map((w) => `${w.kind}/${w.meta.name}`));
  for (const w of workloads) {
    if (w.owner !== undefined && present.has(w.owner)) continue; // a Deployment's ReplicaSet
    const owned = pods.some((p) => p.namespace === w.meta.namespace && selectorSelects(w.selector, p.labels));
    if (owned) continue;
    const pins = placement?.[w.meta.name];
    if (pins) pinned.add(w.meta.name);
    const perNode = new Array<number>(nodes.length).fill(0);
    const names: string[] = [];
    for (const [nodeName, count] of Object.entries(pins ?? {})) {
      const i = nodeIndex.get(nodeName);
      if (i === undefined) {
        report('error', ['spec', 'placement', w.meta.name, nodeName], `Not found: node "${nodeName}" (no Node object of that name)`);
        continue;
      }
      for (let k = 0; k < count; k++) names.push(nodeName);
    }
    if (names.length > w.replicas) {
      report('error', ['spec', 'placement', w.meta.name],
        `Invalid value: places ${names.length} pods but ${w.kind}/${w.meta.name} has spec.replicas ${w.replicas}`);
      continue;
    }
    for (const n of names) { perNode[nodeIndex.get(n)!]++; total[nodeIndex.get(n)!]++; }
    for (let k = names.length; k < w.replicas; k++) {
      let i: number;
      if (w.nodeName !== undefined) {
        i = nodeIndex.get(w.nodeName) ?? -1;
        if (i < 0) {
          report('error', ['spec', 'template', 'spec', 'nodeName'], missingNode(w.nodeName, nodes),
            { file: w.origin.file, line: w.origin.lineOf(['spec', 'template', 'spec', 'nodeName']), object: `${w.kind}/${w.meta.name}` });
          break;
        }
      } else {
        i = pickNode(nodes, w.nodeSelector, perNode, total);
      }
      if (i < 0) {
        report('warning', ['spec', 'replicas'], `${w.replicas - k} of ${w.replicas} pod(s) stay Pending: no ready, schedulable node fits`,
          { file: w.origin.file, line: w.origin.lineOf(['spec', 'replicas']), object: `${w.kind}/${w.meta.name}` });
        break;
      }
      perNode[i]++;
      total[i]++;
      names.push(nodes[i].meta.name);
    }
    names.forEach((node, k) => pods.push({
      name: `${w.meta.name}-${k}`, namespace: w.meta.namespace, labels: w.templateLabels, node, ready: true,
    }));
  }
  for (const name of Object.keys(placement ?? {})) {
    if (!pinned.has(name) && !workloads.some((w) => w.meta.name === name)) {
      report('error', ['spec', 'placement', name], `Not found: no Deployment, StatefulSet or ReplicaSet named "${name}"`);
    }
  }
  return pods;
}

/** svcsim's own words: the API server accepts a pod bound to a node it has not seen. */
function missingNode(name: string, nodes: readonly NodeObject[]): string {
  const known = nodes.length > 0 ? `nodes: ${nodes.map((n) => n.meta.name).join(', ')}` : 'the input has no Node objects';
  return `no Node "${name}" in the input (${known}): add the Node objects: kubectl get nodes -o yaml`;
}

export function pickNode(nodes: readonly NodeObject[], nodeSelector: Record<string, string>, perNode: number[], total: number[]): number {
  let best = -1;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (!n.ready || n.unschedulable) continue;
    if (!Object.entries(nodeSelector).every(([k, v]) => n.meta.labels[k] === v)) continue;
    if (best < 0 || perNode[i] < perNode[best] || (perNode[i] === perNode[best] && total[i] < total[best])) best = i;
  }
  return best;
}
