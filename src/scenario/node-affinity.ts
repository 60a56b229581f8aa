/**
 * nodeSelector and node affinity (kubernetes.io docs, "Assigning Pods to Nodes"): every
 * nodeSelector label must match; of the required nodeSelectorTerms one must match (terms are
 * ORed), and a term matches when all its expressions do (ANDed).
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, PodScheduling } from './objects.js';

/** The node as node affinity sees it: its labels and, for matchFields, its name. */
export interface NodeLabels {
  name: string;
  labels: Record<string, string>;
}

/** The NodeAffinity filter: nodeSelector and the required terms. */
export function fitsNodeAffinity(s: PodScheduling, node: NodeLabels): boolean {
  for (const [k, v] of Object.entries(s.nodeSelector)) if (node.labels[k] !== v) return false;
  return s.requiredNodeTerms === undefined || s.requiredNodeTerms.some((t) => termMatches(t, node));
}

/** Sum of the weights of the preferred terms the node matches (the NodeAffinity score). */
export function preferredNodeAffinity(s: PodScheduling, node: NodeLabels): number {
  return s.preferredNodeTerms.reduce((sum, p) => sum + (termMatches(p.preference, node) ? p.weight : 0), 0);
}

/** An empty term matches no node. */
export function termMatches(term: NodeSelectorTerm, node: NodeLabels): boolean {
  if (term.matchExpressions.length + term.matchFields.length === 0) return false;
  return term.matchExpressions.every((r) => requirementMatches(r, node.labels[r.key]))
    && term.matchFields.every((r) => requirementMatches(r, r.key === 'metadata.name' ? node.name : undefined));
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  switch (r.operator) {
    case 'In': return value !== undefined && r.values.includes(value);
    case 'NotIn': return value === undefined || !r.values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    // Gt and Lt compare the label and the single value as integers; a label that is not one never matches.
    case 'Gt': return isInteger(value) && isInteger(r.values[0]) && BigInt(value) > BigInt(r.values[0]);
    case 'Lt': return isInteger(value) && isInteger(r.values[0]) && BigInt(value) < BigInt(r.values[0]);
  }
}

function isInteger(v: string | undefined): v is string {
  return v !== undefined && /^[+-]?\d+$/.test(v);
}
