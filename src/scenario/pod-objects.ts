/**
 * Pods and the kinds that make pods (Deployment, ReplicaSet, StatefulSet, ReplicationController,
 * DaemonSet), decoded and checked as the API server does. Which pods belong to which workload,
 * and where new ones go, is decided later (workload-pods.ts, placement.ts).
 */
import type { Decoded, Decoder } from './decoder.js';
import { selectorSelects } from './labels.js';
import {
  isDNS1123Subdomain, isSelectorOperator, validateLabels, validateLabelSelector, validateObjectMeta, type FieldErrors, type SelectorInput,
} from './metadata-validation.js';
import { controllerOf, decodeMeta, readyCondition } from './object-meta.js';
import type { FieldPath, LabelSelector, PodObject, RawObject, WorkloadKind, WorkloadObject } from './objects.js';
import { decodeScheduling } from './scheduling-spec.js';

export function decodePod(r: RawObject, d: Decoder): Decoded {
  const { meta, input } = decodeMeta(d, true);
  d.object(['spec']);
  d.object(['status']);
  const phase = d.string(['status', 'phase']);
  const spec = decodeScheduling(d, ['spec']);
  const cost = Number(meta.annotations['controller.kubernetes.io/pod-deletion-cost'] ?? 0);
  const pod: PodObject = {
    kind: 'Pod', meta,
    nodeName: d.string(['spec', 'nodeName']) || undefined,
    scheduling: spec.scheduling,
    // No Ready condition: a hand-written Pod (no status) is ready; a dumped one is if Running.
    ready: (readyCondition(d) ?? (phase === undefined || phase === 'Running' ? 'True' : 'False')) === 'True',
    phase,
    created: d.string(['metadata', 'creationTimestamp']),
    deletionCost: Number.isInteger(cost) ? cost : 0,
    terminating: d.get(['metadata', 'deletionTimestamp']) !== undefined,
    owner: controllerOf(d),
    origin: r.origin,
  };
  return {
    object: pod,
    validate: () => {
      validateObjectMeta(d.errs, input, isDNS1123Subdomain);
      spec.validate(d.errs);
      validateNodeName(d.errs, pod.nodeName, ['spec']);
    },
  };
}

export function decodeWorkload(r: RawObject, d: Decoder, kind: WorkloadKind): Decoded {
  const { meta, input } = decodeMeta(d, true);
  d.object(['spec']);
  const labelsPath = ['spec', 'template', 'metadata', 'labels'];
  d.object(['spec', 'template']);
  d.object(['spec', 'template', 'metadata']);
  d.object(['spec', 'template', 'spec']);
  const templateLabels = d.stringMap(labelsPath);
  // A ReplicationController's selector is a plain map, defaulted to the template's labels.
  const mapSelector = kind === 'ReplicationController';
  const selectorGiven = mapSelector ? Object.keys(d.stringMap(['spec', 'selector'])).length > 0 : d.object(['spec', 'selector']) !== undefined;
  const selector: SelectorInput = mapSelector
    ? { matchLabels: selectorGiven ? d.stringMap(['spec', 'selector']) : templateLabels, matchExpressions: [] }
    : {
      matchLabels: d.stringMap(['spec', 'selector', 'matchLabels']),
      matchExpressions: (d.array(['spec', 'selector', 'matchExpressions']) ?? []).map((_, i) => {
        const at = ['spec', 'selector', 'matchExpressions', i];
        d.object(at);
        return { key: d.string([...at, 'key']) ?? '', operator: d.string([...at, 'operator']) ?? '', values: d.stringList([...at, 'values']) };
      }),
    };
  const spec = decodeScheduling(d, ['spec', 'template', 'spec']);
  const workload: WorkloadObject = {
    kind, meta,
    replicas: kind === 'DaemonSet' ? 0 : d.integer(['spec', 'replicas']) ?? 1,
    selector: selector as LabelSelector,
    templateLabels,
    nodeName: d.string(['spec', 'template', 'spec', 'nodeName']) || undefined,
    scheduling: spec.scheduling,
    owner: controllerOf(d),
    origin: r.origin,
  };
  const validate = () => {
    const errs = d.errs;
    validateObjectMeta(errs, input, isDNS1123Subdomain);
    if (workload.replicas < 0) errs.invalid(['spec', 'replicas'], workload.replicas, 'must be greater than or equal to 0');
    const before = errs.errorCount;
    if (mapSelector) {
      validateLabels(errs, selector.matchLabels, ['spec', 'selector']);
      if (Object.keys(selector.matchLabels).length === 0) errs.required(['spec', 'selector']);
    } else if (!selectorGiven) {
      errs.required(['spec', 'selector']);
    } else {
      validateLabelSelector(errs, selector, ['spec', 'selector']);
      if (Object.keys(selector.matchLabels).length + selector.matchExpressions.length === 0) {
        // ReplicaSets share the Deployment's wording.
        const noun = kind === 'StatefulSet' ? 'statefulset' : kind === 'DaemonSet' ? 'daemonset' : 'deployment';
        errs.invalid(['spec', 'selector'], {}, `empty selector is invalid for ${noun}`);
      }
    }
    validateLabels(errs, templateLabels, labelsPath);
    const selectorUsable = errs.errorCount === before && selector.matchExpressions.every((e) => isSelectorOperator(e.operator));
    if (selectorUsable && !selectorSelects(workload.selector, templateLabels)) {
      // Labels that were never written are a nil map, which the API server prints as null.
      errs.invalid(labelsPath, d.get(labelsPath) === undefined ? null : templateLabels, '`selector` does not match template `labels`');
    }
    spec.validate(errs);
    validateNodeName(errs, workload.nodeName, ['spec', 'template', 'spec']);
  };
  return { object: workload, validate };
}

/** ValidatePodSpec's check on spec.nodeName. */
function validateNodeName(errs: FieldErrors, nodeName: string | undefined, at: FieldPath): void {
  if (nodeName) for (const msg of isDNS1123Subdomain(nodeName)) errs.invalid([...at, 'nodeName'], nodeName, msg);
}
