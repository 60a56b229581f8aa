/**
 * The parts every kind decodes alike: metadata, the Ready condition, the controlling owner.
 * Shared by kubernetes-objects.ts and pod-objects.ts.
 */
import type { Decoder } from './decoder.js';
import type { MetaInput } from './metadata-validation.js';
import type { ObjectMeta } from './objects.js';

export function decodeMeta(d: Decoder, namespaced: boolean): { meta: ObjectMeta; input: MetaInput } {
  d.object(['metadata']);
  const name = d.string(['metadata', 'name']) ?? '';
  const namespace = namespaced ? d.string(['metadata', 'namespace']) || undefined : undefined;
  const labels = d.stringMap(['metadata', 'labels']);
  const annotations = d.stringMap(['metadata', 'annotations']);
  // Nodes are cluster-scoped: their namespace is "".
  const meta: ObjectMeta = { name, namespace: namespaced ? namespace ?? 'default' : '', labels, annotations };
  return { meta, input: { name, namespace, labels, annotations } };
}

/** The status of the Ready condition ("True", "False", "Unknown"), if there is one. */
export function readyCondition(d: Decoder): string | undefined {
  const conditions = d.array(['status', 'conditions']) ?? [];
  for (let i = 0; i < conditions.length; i++) {
    if (d.string(['status', 'conditions', i, 'type']) === 'Ready') return d.string(['status', 'conditions', i, 'status']);
  }
  return undefined;
}

/** "Kind/name" of the ownerReference with controller: true, if any. */
export function controllerOf(d: Decoder): string | undefined {
  const refs = d.array(['metadata', 'ownerReferences']) ?? [];
  for (let i = 0; i < refs.length; i++) {
    const at = ['metadata', 'ownerReferences', i];
    if (d.boolean([...at, 'controller']) === true) return `${d.string([...at, 'kind']) ?? ''}/${d.string([...at, 'name']) ?? ''}`;
  }
  return undefined;
}
